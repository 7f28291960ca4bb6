import { loadVendors } from '../../src/catalog/index.ts';
import { catalogFor } from '../../src/test/tracking-options.ts';
import { buyTShirt, expect, stripColours, test } from './shop.ts';

test('a purchase fires the GA4 and Meta purchases with the order id, answered locally', async ({ page, tracking }) => {
  const orderId = await buyTShirt(page);
  expect(orderId).toMatch(/^DS-\d+$/);

  await expect(tracking).toHaveFired('ga4', { eventName: 'purchase', transactionId: orderId, value: 29.8, currency: 'EUR' });
  await expect(tracking).toHaveFired('meta', { eventName: 'Purchase', transactionId: orderId, eventId: orderId, params: { 'cd[currency]': 'EUR' } });
  await expect(tracking).toHaveFired('ga4', { eventName: /^page_view$/, kind: 'pageview' });
  await expect(tracking).not.toHaveFired('ga4', { eventName: 'purchase', transactionId: 'DS-0' });
  // The unplanned Clarity snippet is a demo fault, off here.
  await expect(tracking).toNotHaveFired('clarity');

  // One Purchase per order: a duplicate would be double counted by Meta.
  expect(tracking.events('meta').filter((event) => event.eventName === 'Purchase')).toHaveLength(1);
  // Nothing reached the vendors: every data hit was answered by the fixture (libraries load normally).
  const dataHits = tracking.hits().filter((hit) => hit.resourceType !== 'Script');
  expect(dataHits.length).toBeGreaterThan(0);
  expect(dataHits.filter((hit) => hit.status !== 'captured')).toEqual([]);
});

test('a page opened before tracking was set up is captured too', async ({ page, tracking }) => {
  // `page` comes first: its blank document exists before the tracking fixture does.
  await page.setContent('<title>opened early</title>');
  await page.evaluate(() => navigator.sendBeacon('https://region1.google-analytics.com/g/collect?v=2&tid=G-EARLY&en=purchase&ep.transaction_id=T-EARLY'));
  await expect(tracking).toHaveFired('ga4', { eventName: 'purchase', transactionId: 'T-EARLY', account: 'G-EARLY' });
  expect(tracking.hits('ga4').map((hit) => hit.status)).toEqual(['captured']);
});

test('a misspelt vendor or field is an error, not a silent pass', async ({ tracking }) => {
  await expect(expect(tracking).toNotHaveFired('ga44')).rejects.toThrow(/unknown vendor id "ga44".*ga4, .*meta/);
  // @ts-expect-error transactionID is not a canonical field
  await expect(expect(tracking).toNotHaveFired('ga4', { transactionID: 'T-1' })).rejects.toThrow(/unknown field "transactionID".*transactionId/);
  expect(() => tracking.events('metaa')).toThrow(/unknown vendor id "metaa"/);
});

test('unusable trackingOptions say which field, where, and what to do', async () => {
  const { vendors } = await loadVendors();
  const options = (value: unknown) => () => catalogFor(value as never, vendors, undefined, 'checkout.spec.ts');
  expect(options({ endpoints: { ga44: ['/sgtm'] } })).toThrow(/trackingOptions\.endpoints\.ga44: unknown vendor id; use one of .*\bga4\b.*\(set with test\.use\(\{ trackingOptions \}\) for checkout\.spec\.ts\)/);
  expect(options({ endpoints: { ga4: ['//cdn.example/g'] } })).toThrow(/trackingOptions\.endpoints\.ga4\[0\]: '\/\/cdn\.example\/g' is neither an absolute http\(s\) URL nor a path/);
  expect(options({ liveHits: 'yes' })).toThrow(/trackingOptions\.liveHits must be true or false, got "yes"/);
  expect(options({ endpoints: { ga4: ['/sgtm/data'] } })().vendor('ga4')?.patterns.length).toBeGreaterThan(vendors.find((vendor) => vendor.id === 'ga4')!.patterns.length);
});

test('page data in a failure message is escaped and cut short', async ({ page, tracking }) => {
  await page.goto('/');
  const name = `evil"\n\u001b[31m${'x'.repeat(200)}`;
  await page.evaluate((en) => navigator.sendBeacon(`https://region1.google-analytics.com/g/collect?v=2&tid=G-ESCAPE&en=${encodeURIComponent(en)}`), name);
  await expect(tracking).toHaveFired('ga4', { account: 'G-ESCAPE' });

  const failure = await expect(tracking).toHaveFired('ga4', { eventName: 'purchase' }, { timeout: 300 }).then(() => undefined, (error: Error) => error);
  const message = stripColours(failure?.message ?? 'toHaveFired passed');
  // 80 characters kept: the 11 of `evil"`, newline, ESC and `[31m`, then 69 x.
  expect(message).toContain(`"evil\\"\\n\\u001b[31m${'x'.repeat(69)}"… (${name.length} chars)`);
  expect(message).not.toContain('x'.repeat(70));
  expect(failure?.message).not.toContain('\u001b[31mxxx');
});

