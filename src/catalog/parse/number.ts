/**
 * A vendor's numeric string as a number. Empty strings are "not sent" (Number('') would say 0),
 * and NaN/Infinity are not amounts anyone can reconcile.
 */
export function toNumber(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}
