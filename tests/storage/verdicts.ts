import type { Tracker } from '../../src/model/tracker.ts';
import type { Finding, JourneyHit, JourneyResult, LossRow, Verdict } from '../../src/model/verdict.ts';
import { wilsonInterval } from '../../src/reconcile/wilson.ts';

/** Verdicts as an audit makes them, without a browser: the history stores and compares these. */

export function lossRow(vendor: string, condition: string, lost: number, orders: number): LossRow {
  return { vendor, condition, orders, tracked: orders - lost, attributable: null, lost, duplicated: 0, consentPings: 0, lossRate: orders ? Math.round((lost / orders) * 10_000) / 10_000 : null, ci95: wilsonInterval(lost, orders) };
}

export function hit(vendor: string, eventName: string, fields: Partial<JourneyHit> = {}): JourneyHit {
  return { vendor, eventName, kind: eventName === 'purchase' ? 'purchase' : 'pageview', url: `https://${vendor}.example/collect`, time: '2026-01-01T10:00:00.000Z', status: 'captured', ...fields };
}

export function journey(condition: string, hits: JourneyHit[], fields: Partial<JourneyResult> = {}): JourneyResult {
  return { journeyId: `${condition}-1`, scenario: 'purchase', condition, repeat: 1, orderId: 'o1', orderInBackend: true, status: 'passed', hits, vendors: {}, lossCauses: {}, ...fields };
}

/** A loss over the threshold, as reconcile reports it. */
export function lossError(vendor: string, condition: string): Finding {
  return { severity: 'error', kind: 'tag-missing', vendor, condition, message: `${vendor} missed orders under ${condition}, above the 0% threshold`, evidence: { lostOrders: ['o1'] } };
}

export function tracker(id: string, name: string, condition = 'baseline'): Tracker {
  return { id, name, category: { key: 'site_analytics', name: 'Site Analytics' }, hosts: [`${id}.example.net`], catalogVendors: [], conditions: { [condition]: { journeys: 1, passedJourneys: 1, hits: 1, blocked: 0, scenarios: ['purchase'] } } };
}

/** Run `n` of a monitor: started n hours after 2026-01-01 00:00 UTC. */
export function verdict(n: number, fields: Partial<Verdict> = {}): Verdict {
  const startedAt = new Date(Date.UTC(2026, 0, 1, n)).toISOString();
  return {
    runId: `run-${String(n).padStart(4, '0')}`,
    monitor: 'shop',
    baseUrl: 'https://shop.example',
    startedAt,
    finishedAt: startedAt,
    status: 'pass',
    summary: 'ga4 tracked all 1 test order under baseline.',
    journeys: [journey('baseline', [hit('ga4', 'page_view', { account: 'G-1' }), hit('ga4', 'purchase', { account: 'G-1', currency: 'EUR', transactionId: 'o1' })])],
    loss: [lossRow('ga4', 'baseline', 0, 1)],
    findings: [],
    trackers: [tracker('google_analytics', 'Google Analytics')],
    diagnostics: [],
    ...fields,
  };
}
