import { buyTShirt, expect, stripColours, test } from './shop.ts';

// The shop's GA4 tag never sends the purchase; every other tag is fine.
test.use({ shopFaults: ['ga4-purchase-missing'] });

test('toNotHaveFired passes, toHaveFired fails listing what GA4 did send', async ({ page, tracking }) => {
  const orderId = await buyTShirt(page);
  await expect(tracking).toHaveFired('meta', { eventName: 'Purchase', transactionId: orderId });
  await expect(tracking).toNotHaveFired('ga4', { eventName: 'purchase' });
  await expect(tracking).not.toHaveFired('ga4', { kind: 'purchase' });

  const failure = await expect(tracking)
    .toHaveFired('ga4', { eventName: 'purchase', transactionId: orderId }, { timeout: 1000 })
    .then(() => undefined, (error: Error) => error);
  const message = stripColours(failure?.message ?? 'toHaveFired passed');
  expect(message).toContain('expect(tracking).toHaveFired(vendor, expected)');
  expect(message).toContain(`Expected: a ga4 event matching {"eventName": "purchase", "transactionId": "${orderId}"}`);
  expect(message).toMatch(/Received: \d+ ga4 events fired, none matching:\n {2}1\. "page_view" kind=pageview/);
  // Every GA4 event of the test is listed, in order (late ones may follow: hits are async).
  const listed = [...message.matchAll(/^ {2}\d+\. "([^"]*)" kind=/gm)].map((line) => line[1]);
  expect(listed.length).toBeGreaterThan(0);
  expect(listed).toEqual(tracking.events('ga4').map((event) => event.eventName).slice(0, listed.length));
  expect(message).toContain('waited 1000 ms');
});

test('.not.toNotHaveFired waits for the hit, and fails', async ({ page, tracking }) => {
  test.fail(true, 'GA4 never sends the purchase in this shop');
  // GA4 fires (consent given, page_view), just never the purchase.
  await page.goto('/');
  await page.getByRole('button', { name: 'Accept all' }).click();
  await expect(tracking).toHaveFired('ga4', { kind: 'pageview' });
  await expect(tracking).not.toNotHaveFired('ga4', { eventName: 'purchase' }, { timeout: 1000 });
});
