import { expect, it } from 'vitest';
import type { VendorEvent } from '../../src/model/vendor-event.ts';
import type { JourneyRecord } from '../../src/reconcile/journeys.ts';
import { optOutFindings } from '../../src/reconcile/opt-out.ts';

const event = (vendor: string, patch: Partial<VendorEvent> = {}): VendorEvent => ({ vendor, eventName: 'PageView', kind: 'pageview', params: {}, ...patch });
const journey = (events: [VendorEvent, 'captured' | 'blocked'][]): JourneyRecord => ({
  journeyId: 'gpc.purchase.r1', scenario: 'purchase', condition: 'gpc', repeat: 1, status: 'passed', consents: [], networkHosts: {},
  hits: events.map(([e, status]) => ({ hit: { type: 'hit', time: '2026-11-26T04:00:00Z', journeyId: 'j', url: `https://${e.vendor}.example/`, method: 'GET', status }, events: [e] })),
});

it('advertising tags that fire despite GPC are findings, once per vendor; analytics, blocked hits and consent pings are not', () => {
  const findings = optOutFindings(
    journey([
      [event('meta'), 'captured'],
      [event('meta', { eventName: 'Purchase' }), 'captured'],
      [event('ga4'), 'captured'],
      [event('tiktok'), 'blocked'],
      [event('google-ads', { consent: { gcs: 'G100', adStorage: 'denied' } }), 'captured'],
    ]),
    'Global Privacy Control (Sec-GPC: 1)',
    ['meta', 'tiktok', 'google-ads'],
  );
  expect(findings).toEqual([expect.objectContaining({ kind: 'fired-despite-opt-out', vendor: 'meta', severity: 'warning', message: expect.stringContaining('Global Privacy Control') })]);
});
