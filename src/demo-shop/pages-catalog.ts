import type { CartLine, CartTotals } from './cart.ts';
import { MAX_QUANTITY } from './cart.ts';
import { ecommerceEvent, lineItems, pageView, productItem, valueOf } from './datalayer.ts';
import { escapeHtml, layout } from './html.ts';
import { formatPrice, PRODUCTS } from './products.ts';
import type { Product } from './products.ts';

/** What every page needs to know about the visitor. */
export interface PageContext {
  consentDecided: boolean;
  cartCount: number;
  /** A Clarity snippet pasted into the header outside the tag plan: fault `unplanned-tracker`. */
  unplannedTracker?: boolean;
  /** The shop's own event collector script on every page: fault `first-party-collector`. */
  firstPartyCollector?: boolean;
}

export function homePage(context: PageContext): string {
  const cards = PRODUCTS.map(
    (product) => `<li class="card">
  <div class="swatch" style="background:${product.swatch}" aria-hidden="true"></div>
  <h2><a href="/product/${escapeHtml(product.slug)}">${escapeHtml(product.name)}</a></h2>
  <p class="price">${formatPrice(product.priceCents)}</p>
</li>`,
  ).join('\n');
  const items = PRODUCTS.map((product, index) => productItem(product, 1, index));
  return layout({
    ...context,
    title: 'Demo Shop',
    main: `<h1>Everyday goods, made well</h1>
<p class="muted">Free returns within 30 days. Shipping ${formatPrice(490)} across the EU.</p>
<ul class="grid" aria-label="Products">
${cards}
</ul>`,
    dataLayer: [pageView('home'), ecommerceEvent('view_item_list', { item_list_id: 'home', item_list_name: 'Home', items })],
  });
}

export function productPage(context: PageContext, product: Product): string {
  const item = productItem(product);
  return layout({
    ...context,
    title: `${product.name} | Demo Shop`,
    main: `<div class="product">
  <div class="swatch" style="background:${product.swatch};height:20rem" aria-hidden="true"></div>
  <div>
    <h1>${escapeHtml(product.name)}</h1>
    <p class="price">${formatPrice(product.priceCents)}</p>
    <p>${escapeHtml(product.description)}</p>
    <form class="stack" method="post" action="/cart/add">
      <input type="hidden" name="sku" value="${escapeHtml(product.sku)}">
      <div class="field">
        <label for="field-quantity">Quantity</label>
        <input id="field-quantity" type="number" name="quantity" value="1" min="1" max="${MAX_QUANTITY}" required>
      </div>
      <button type="submit">Add to cart</button>
    </form>
  </div>
</div>`,
    dataLayer: [pageView('product'), ecommerceEvent('view_item', { value: item.price, items: [item] })],
  });
}

/**
 * `added` is the line just added (flash from the add-to-cart POST): its add_to_cart event fires here.
 * `restoreUrl` is the absolute "Continue on another device" link for a non-empty cart.
 */
export function cartPage(context: PageContext, lines: readonly CartLine[], totals: CartTotals, added?: CartLine, restoreUrl?: string): string {
  const dataLayer: Record<string, unknown>[] = [pageView('cart')];
  if (added) {
    const items = lineItems([added]);
    dataLayer.push(ecommerceEvent('add_to_cart', { value: valueOf(items), items }));
  }
  if (lines.length > 0) {
    const items = lineItems(lines);
    dataLayer.push(ecommerceEvent('view_cart', { value: valueOf(items), items }));
  }
  const main =
    lines.length === 0
      ? `<h1>Your cart</h1>
<p>Your cart is empty.</p>
<p><a href="/">Browse products</a></p>`
      : `<h1>Your cart</h1>
<table>
  <thead><tr><th>Product</th><th class="num">Price</th><th class="num">Quantity</th><th class="num">Line total</th><th><span class="muted">Actions</span></th></tr></thead>
  <tbody>
${lines.map(cartRow).join('\n')}
  </tbody>
</table>
${totalsBlock(totals)}
<p style="text-align:right"><a class="button" href="/checkout">Checkout</a></p>${restoreUrl ? restoreBlock(restoreUrl) : ''}`;
  return layout({ ...context, title: 'Cart | Demo Shop', main, dataLayer });
}

function restoreBlock(url: string): string {
  return `
<p class="muted">Finish on your computer: open this link there to find the same cart (valid for one hour).
  <a href="${escapeHtml(url)}" data-testid="restore-link">Continue on another device</a></p>`;
}

function cartRow(line: CartLine): string {
  const { product, quantity } = line;
  return `<tr>
  <td><a href="/product/${escapeHtml(product.slug)}">${escapeHtml(product.name)}</a></td>
  <td class="num">${formatPrice(product.priceCents)}</td>
  <td class="num">${quantity}</td>
  <td class="num">${formatPrice(product.priceCents * quantity)}</td>
  <td><form method="post" action="/cart/remove"><input type="hidden" name="sku" value="${escapeHtml(product.sku)}"><button type="submit" class="secondary" aria-label="Remove ${escapeHtml(product.name)}">Remove</button></form></td>
</tr>`;
}

export function totalsBlock(totals: CartTotals): string {
  return `<div class="totals">
  <div><span>Subtotal</span><span data-testid="subtotal">${formatPrice(totals.subtotalCents)}</span></div>${totals.discountCents ? `
  <div><span>Discount</span><span data-testid="discount">-${formatPrice(totals.discountCents)}</span></div>` : ''}
  <div><span>Shipping</span><span data-testid="shipping">${formatPrice(totals.shippingCents)}</span></div>
  <div class="grand"><span>Total</span><span data-testid="total">${formatPrice(totals.totalCents)}</span></div>
</div>`;
}
