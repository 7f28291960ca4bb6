import { expect, it } from 'vitest';
import { createJourney, isSiteUnreachable } from '../../src/capture/journey.ts';
import type { RunEvent } from '../../src/model/run-event.ts';

it('stamps the checkout e-mail with the run id, short enough for an e-mail local part', () => {
  const events: RunEvent[] = [];
  const journey = createJourney({ runId: '20261126-041309-a1b2', condition: 'consent-refused', scenario: 'cross-device-purchase', repeat: 12, stampEmail: 'qa+{stamp}@shop.example', consentChoice: 'refuse' }, (e) => events.push(e));
  expect(journey.id).toBe('consent-refused.cross-device-purchase.r12');
  expect(journey.email).toMatch(/^qa\+20261126-041309-a1b2-[0-9a-f]{6}@shop\.example$/);
  expect(journey.email.split('@')[0]!.length).toBeLessThanOrEqual(64);
  journey.orderPlaced('  DS-100001 \n');
  expect(events).toEqual([expect.objectContaining({ type: 'order-placed', orderId: 'DS-100001', stamp: journey.stamp })]);
  expect(() => journey.orderPlaced('  ')).toThrow(/empty order number/);
});

it('tells an unreachable site from a broken journey step', () => {
  expect(isSiteUnreachable('page.goto: net::ERR_CONNECTION_REFUSED at http://127.0.0.1:9/')).toBe(true);
  expect(isSiteUnreachable('locator.click: Timeout 15000ms exceeded')).toBe(false);
});
