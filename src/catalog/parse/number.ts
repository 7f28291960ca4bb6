/**
 * A vendor's numeric string as a number. Empty strings are "not sent" (Number('') would say 0),
 * and NaN/Infinity are not amounts anyone can reconcile.
 */
export function toNumber(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) return undefined;
  // Only blank text (which Number reads as 0, trimming the same whitespace as trim) needs the trim.
  return value === 0 && text.trim() === '' ? undefined : value;
}
