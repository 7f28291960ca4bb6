import { expect, test } from 'tagwatch/test';

// Hits go on to the vendor (unreachable here, which the page does not notice for a beacon).
test.use({ trackingOptions: { liveHits: true } });

test('with liveHits, hits are still decoded but sent on, not answered locally', async ({ page, tracking }) => {
  await page.setContent('<title>live</title>');
  await page.evaluate(() => navigator.sendBeacon('https://www.facebook.com/tr/?id=42&ev=Purchase&cd[order_id]=T-LIVE&cd[value]=12.5&cd[currency]=EUR'));
  await expect(tracking).toHaveFired('meta', { eventName: 'Purchase', transactionId: 'T-LIVE', value: 12.5, account: '42' });
  expect(tracking.hits('meta').map((hit) => hit.status)).toEqual(['live']);
});
