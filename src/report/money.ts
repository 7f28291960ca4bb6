/**
 * An amount in whole units of its currency, "€3,600" (the code after the number when Intl does
 * not know it: "3,600 XBT"): the one money format of every alert, so Slack and e-mail show the
 * same figure for the same estimate. Whole units: all an estimate from a handful of test orders
 * deserves.
 */
export function money(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(amount);
  } catch {
    return `${Math.round(amount).toLocaleString('en-US')} ${currency}`;
  }
}
