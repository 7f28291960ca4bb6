import { describe, expect, it } from 'vitest';
import { createCatalog } from '../../src/catalog/catalog.ts';
import { collectorVendor, type CollectorDeclaration } from '../../src/catalog/first-party-collector.ts';
import { loadVendors } from '../../src/catalog/load-vendors.ts';

const { vendors: builtIn } = await loadVendors();

/** A declaration as the monitor schema leaves it (defaults filled). */
function declared(fields: Partial<CollectorDeclaration> = {}): CollectorDeclaration {
  return {
    id: 'shop-collector',
    url: '/collect/evt',
    method: 'any',
    category: 'analytics',
    fields: { eventName: { json: 'event' }, orderId: { json: 'order' }, value: { json: 'value' }, currency: { json: 'currency' } },
    purchaseEvent: 'purchase',
    pageViewEvent: ['page_view', 'pageview'],
    ...fields,
  };
}

const SITE = 'https://shop.example';

function catalogWith(collectors: CollectorDeclaration[], endpoints: Record<string, string[]> = {}) {
  return createCatalog([...builtIn, ...collectors.map(collectorVendor)], { endpoints, baseUrl: SITE });
}

describe('first-party collectors declared in a monitor, as vendors', () => {
  it('a JSON POST: event name, purchase kind, order id, value as a number, currency, params flattened, personal data flagged', () => {
    const catalog = catalogWith([declared({ method: 'POST' })]);
    const request = { url: `${SITE}/collect/evt`, method: 'POST', body: JSON.stringify({ event: 'purchase', order: 'A-1042', value: 59.9, currency: 'EUR', customer: { email: 'jane@shop.example' } }) };
    expect(catalog.claim(request.url)?.id).toBe('shop-collector');
    const errors: string[] = [];
    const [event, ...rest] = catalog.decode(request, 'shop-collector', errors);
    expect(errors).toEqual([]);
    expect(rest).toEqual([]);
    expect(event).toEqual({
      vendor: 'shop-collector',
      eventName: 'purchase',
      kind: 'purchase',
      transactionId: 'A-1042',
      value: 59.9,
      currency: 'EUR',
      params: { event: 'purchase', order: 'A-1042', value: '59.9', currency: 'EUR', 'customer.email': 'jane@shop.example' },
      pii: { emails: ['jane@shop.example'], phones: [] },
    });
  });

  it('a form POST, read from its form fields', () => {
    const catalog = catalogWith([declared({ method: 'POST', fields: { eventName: { form: 'ev' }, orderId: { form: 'oid' }, value: { form: 'rev' }, currency: { form: 'cur' } } })]);
    const [event] = catalog.decode({ url: `${SITE}/collect/evt`, method: 'POST', body: 'ev=purchase&oid=A-7&rev=12.50&cur=EUR' }, 'shop-collector');
    expect(event).toMatchObject({ eventName: 'purchase', kind: 'purchase', transactionId: 'A-7', value: 12.5, currency: 'EUR' });
  });

  it('a GET beacon, read from its query; page views by their usual names, other events as other', () => {
    const catalog = catalogWith([declared({ method: 'GET', url: '/collect/v1', fields: { eventName: { query: 'e' }, orderId: { query: 'order' }, value: { query: 'value' } }, purchaseEvent: ['order_completed', 'purchase'] })]);
    const decode = (query: string) => catalog.decode({ url: `${SITE}/collect/v1?${query}` }, catalog.claim(`${SITE}/collect/v1?${query}`)?.id);
    expect(decode('e=order_completed&order=A-9&value=30')[0]).toMatchObject({ vendor: 'shop-collector', eventName: 'order_completed', kind: 'purchase', transactionId: 'A-9', value: 30 });
    expect(decode('e=page_view')[0]).toMatchObject({ eventName: 'page_view', kind: 'pageview' });
    expect(decode('e=add_to_cart&value=30')[0]).toMatchObject({ eventName: 'add_to_cart', kind: 'other', value: 30 });
    expect(decode('e=add_to_cart')[0]?.transactionId).toBeUndefined();
  });

  it('JSON paths into nested objects and arrays; a JSON array body is one event per element, with its position', () => {
    const fields = { eventName: { json: 'meta.name' }, orderId: { json: 'data.order.id' }, value: { json: 'data.items[1].price' }, currency: { json: 'data.currency' } };
    const catalog = catalogWith([declared({ fields })]);
    const one = { meta: { name: 'purchase' }, data: { order: { id: 'A-5' }, currency: 'USD', items: [{ price: 3 }, { price: 4.25 }] } };
    expect(catalog.decode({ url: `${SITE}/collect/evt`, method: 'POST', body: JSON.stringify(one) }, 'shop-collector')[0]).toMatchObject({ transactionId: 'A-5', value: 4.25, currency: 'USD' });
    const batch = [{ meta: { name: 'page_view' } }, one];
    const events = catalog.decode({ url: `${SITE}/collect/evt`, method: 'POST', body: JSON.stringify(batch) }, 'shop-collector');
    expect(events.map((e) => [e.eventName, e.kind, e.transactionId, e.line])).toEqual([
      ['page_view', 'pageview', undefined, 1],
      ['purchase', 'purchase', 'A-5', 2],
    ]);
  });

  it('a request with another method than declared carries none of its events (a CORS preflight, a GET ping)', () => {
    const catalog = catalogWith([declared({ method: 'POST' })]);
    const errors: string[] = [];
    expect(catalog.decode({ url: `${SITE}/collect/evt?event=purchase`, method: 'GET' }, 'shop-collector', errors)).toEqual([]);
    expect(catalog.decode({ url: `${SITE}/collect/evt`, method: 'OPTIONS' }, 'shop-collector', errors)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('a wrong path or a body that is not JSON is a decode error naming the collector, the request and the field to fix', () => {
    const catalog = catalogWith([declared({ fields: { eventName: { json: 'evt' } } })]);
    const errors: string[] = [];
    expect(catalog.decode({ url: `${SITE}/collect/evt`, method: 'POST', body: '{"event":"purchase"}' }, 'shop-collector', errors)).toEqual([]);
    expect(catalog.decode({ url: `${SITE}/collect/evt`, method: 'POST', body: 'event=purchase' }, 'shop-collector', errors)).toEqual([]);
    expect(errors).toEqual([
      `vendor "shop-collector" could not decode POST ${SITE}/collect/evt: no event name at JSON path 'evt': check collectors[].fields.eventName of the monitor`,
      expect.stringMatching(/^vendor "shop-collector" could not decode POST .*: body is not JSON/),
    ]);
  });

  it("claims on the site's origin, as a whole-segment prefix; an absolute URL on its own host", () => {
    const catalog = catalogWith([declared(), declared({ id: 'edge-collector', url: 'https://collect.shop.example/e' })]);
    expect(catalog.claim(`${SITE}/collect/evt`)?.id).toBe('shop-collector');
    expect(catalog.claim(`${SITE}/collect/evt/v2?x=1`)?.id).toBe('shop-collector');
    expect(catalog.claim(`${SITE}/collect/evtx`)).toBeUndefined();
    expect(catalog.claim('https://other.example/collect/evt')).toBeUndefined();
    expect(catalog.claim('https://collect.shop.example/e?ev=purchase')?.id).toBe('edge-collector');
    // Without a site (decoding a file), a path matches on any host.
    expect(createCatalog([...builtIn, collectorVendor(declared())]).claim('https://any.example/collect/evt')?.id).toBe('shop-collector');
  });

  it('GA4 through the same origin (server-side GTM endpoint) keeps working; the more specific URL wins either way', () => {
    const catalog = catalogWith([declared({ url: '/collect/evt' })], { ga4: ['/collect'] });
    expect(catalog.claim(`${SITE}/collect/evt`)?.id).toBe('shop-collector');
    expect(catalog.claim(`${SITE}/collect/g/collect?v=2&tid=G-1&en=purchase`)?.id).toBe('ga4');
    const inside = catalogWith([declared({ url: '/sgtm' })], { ga4: ['/sgtm/g/collect'] });
    expect(inside.claim(`${SITE}/sgtm/g/collect?v=2&tid=G-1&en=page_view`)?.id).toBe('ga4');
    expect(inside.claim(`${SITE}/sgtm/evt`)?.id).toBe('shop-collector');
    // Google's own endpoint is GA4's as ever.
    expect(inside.claim('https://www.google-analytics.com/g/collect?v=2&tid=G-1&en=page_view')?.id).toBe('ga4');
  });

  it('shows like a built-in vendor: its name as the label, its category, its declared parameters labelled', () => {
    const vendor = collectorVendor(declared({ name: 'Shop analytics', category: 'advertising' }));
    expect(vendor).toMatchObject({ id: 'shop-collector', label: 'Shop analytics', category: 'advertising', params: { event: 'Event name', order: 'Order ID', value: 'Value', currency: 'Currency' } });
    expect(collectorVendor(declared()).label).toBe('shop-collector');
  });

  it('an unusable declaration (a run folder edited by hand) throws with the field to fix', () => {
    expect(() => collectorVendor(declared({ url: 'collect/evt' }))).toThrow(/collector 'shop-collector': url: 'collect\/evt' is neither an absolute/);
    expect(() => collectorVendor(declared({ fields: { eventName: { json: 'items[x]' } } }))).toThrow(/fields\.eventName: 'items\[x\]' is not a JSON path/);
  });
});
