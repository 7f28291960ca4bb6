import { SHOP_CURRENCY } from './accounts.ts';

export interface Product {
  /** Item id the tags report (GA4 item_id, Meta content_ids, TikTok content_id). */
  sku: string;
  slug: string;
  name: string;
  /** Price in cents: money is integer arithmetic here, only the wire formats use decimals. */
  priceCents: number;
  description: string;
  category: string;
  /** Colour of the placeholder swatch that stands in for a product photo. */
  swatch: string;
}

export const PRODUCTS: readonly Product[] = [
  {
    sku: 'SKU1',
    slug: 'organic-cotton-t-shirt',
    name: 'Organic cotton T-shirt',
    priceCents: 2490,
    description: 'Heavyweight jersey, garment-dyed, made from certified organic cotton.',
    category: 'Apparel',
    swatch: '#d9c6a5',
  },
  {
    sku: 'SKU2',
    slug: 'merino-wool-beanie',
    name: 'Merino wool beanie',
    priceCents: 3900,
    description: 'Soft ribbed knit in extra-fine merino. One size.',
    category: 'Accessories',
    swatch: '#7a8b6f',
  },
  {
    sku: 'SKU3',
    slug: 'waxed-canvas-backpack',
    name: 'Waxed canvas backpack',
    priceCents: 5900,
    description: 'Water-resistant waxed canvas, leather straps, padded laptop sleeve.',
    category: 'Bags',
    swatch: '#8c6d4f',
  },
  {
    sku: 'SKU4',
    slug: 'ceramic-pour-over-set',
    name: 'Ceramic pour-over set',
    priceCents: 3450,
    description: 'Hand-glazed dripper and carafe for two cups.',
    category: 'Home',
    swatch: '#c9d3d6',
  },
  {
    sku: 'SKU5',
    slug: 'recycled-notebook',
    name: 'Recycled paper notebook',
    priceCents: 1290,
    description: 'A5, dot grid, 160 pages of 100% recycled paper.',
    category: 'Stationery',
    swatch: '#e8b4a0',
  },
];

export const SHIPPING_CENTS = 490;

export function productBySlug(slug: string): Product | undefined {
  return PRODUCTS.find((product) => product.slug === slug);
}

export function productBySku(sku: string): Product | undefined {
  return PRODUCTS.find((product) => product.sku === sku);
}

/** Cents to the decimal number the tags send (2490 -> 24.9). */
export function centsToAmount(cents: number): number {
  return Math.round(cents) / 100;
}

/** Display price, e.g. "€24.90". */
export function formatPrice(cents: number): string {
  const symbol = SHOP_CURRENCY === 'EUR' ? '€' : `${SHOP_CURRENCY} `;
  return `${symbol}${(cents / 100).toFixed(2)}`;
}
