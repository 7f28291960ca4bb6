/** A real order as the shop's backend recorded it. */
export interface Order {
  id: string;
  /** Order total in currency units, as the backend says the customer paid. */
  total: number;
  currency: string;
  /** ISO timestamp. */
  createdAt: string;
  /** Where the run id stamp was found (customer e-mail, note, meta field), verbatim. */
  stamp?: string;
  email?: string;
  status?: string;
}
