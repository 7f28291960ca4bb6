/** One value of a monitor's variant dimension: items: [1, 3] -> 1 or 3. */
export type VariantValue = string | number | boolean;
/** One combination of the monitor's variants, e.g. { items: 3, shipping: 'express' }; {} without variants. */
export type Variant = Record<string, VariantValue>;

/**
 * How a variant reads in journey ids, findings and reports: 'items=3,shipping=express'; '' for
 * none. The one formatting every stage shares, so a journey id and a finding name it alike.
 */
export function variantLabel(variant: Variant | undefined): string {
  return Object.entries(variant ?? {})
    .map(([name, value]) => `${name}=${String(value)}`)
    .join(',');
}
