import { buyTShirt, expect, test } from './shop.ts';

// GA4 sends to a server-side GTM path on the shop's own origin: declared, it is GA4 to the fixture.
test.use({ shopFaults: ['ga4-server-side'], trackingOptions: { endpoints: { ga4: ['/sgtm/data'] } } });

test('a declared first-party endpoint is decoded as GA4', async ({ page, tracking }) => {
  const orderId = await buyTShirt(page);
  await expect(tracking).toHaveFired('ga4', { eventName: 'purchase', transactionId: orderId });
  const paths = tracking.hits('ga4').map((hit) => new URL(hit.url).pathname);
  expect(paths.length).toBeGreaterThan(0);
  expect(paths.filter((path) => !path.startsWith('/sgtm/data'))).toEqual([]);
});
