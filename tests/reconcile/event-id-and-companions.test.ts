import { beforeAll, describe, expect, it } from 'vitest';
import { loadVendors, type VendorDefinition } from '../../src/catalog/index.ts';
import type { RunEvent } from '../../src/model/run-event.ts';
import { eventIdCarriesOrder } from '../../src/reconcile/match-purchases.ts';
import { reconcile } from '../../src/reconcile/reconcile.ts';
import { decodedJourney } from './decoded-journey.ts';

// Run logs as the capture writes them, decoded by the real catalog, reconciled for real.
const ORDER = { id: 'DS-1001', total: 64.8, currency: 'EUR', createdAt: '2026-11-26T04:00:00Z' };
const JOURNEY = 'baseline.purchase.r1';
let vendors: VendorDefinition[];
beforeAll(async () => {
  ({ vendors } = await loadVendors());
});

let clock = 0;
const at = () => new Date(Date.UTC(2026, 10, 26, 4, 0, clock++)).toISOString();
const hit = (url: string): RunEvent => ({ type: 'hit', time: at(), journeyId: JOURNEY, method: 'GET', status: 'captured', url });

function audit(hits: RunEvent[], expectations: Record<string, { eventName?: string; requireTransactionId: boolean }>) {
  const journeys = decodedJourney(hits, { vendors, journeyId: JOURNEY, orderId: ORDER.id, at });
  return reconcile({ journeys, orders: { ok: true, orders: [ORDER] }, expectations, maxLossRate: () => 0, conditions: ['baseline'] });
}

const meta = { meta: { eventName: 'Purchase', requireTransactionId: true } };
const metaPurchase = (extra: string) => hit(`https://www.facebook.com/tr/?id=1&ev=Purchase&cd[value]=64.8&cd[currency]=EUR&${extra}`);

describe('an event id that is the order number carries the order', () => {
  it('Meta Purchase with eid=<order number> and no order_id: tracked by id, no transaction-id-missing, no finding at all', () => {
    const result = audit([metaPurchase(`eid=${ORDER.id}`)], meta);
    expect(result.findings).toEqual([]);
    expect(result.status).toBe('pass');
    expect(result.journeys[0]!.vendors).toEqual({ meta: 'tracked' });
  });

  it('the evidence of a finding on such a match says the order id was read from the event id', () => {
    const result = audit([hit(`https://www.facebook.com/tr/?id=1&ev=Purchase&cd[value]=60&cd[currency]=EUR&eid=${ORDER.id}`)], meta);
    const mismatch = result.findings.find((f) => f.kind === 'value-mismatch')!;
    expect(mismatch.evidence).toEqual({ tagValue: 60, orderTotal: 64.8, orderIdFrom: 'eventId' });
    expect(result.findings.map((f) => f.kind)).toEqual(['value-mismatch']);
  });

  it('the order number as a whole token beside a word (purchase_DS-1001) carries it too', () => {
    expect(audit([metaPurchase(`eid=purchase_${ORDER.id}`)], meta).findings).toEqual([]);
  });

  it('an event id that is not the order number: still transaction-id-missing, with the event id in evidence', () => {
    const result = audit([metaPurchase('eid=evt-7f3a')], meta);
    const missing = result.findings.find((f) => f.kind === 'transaction-id-missing')!;
    expect(missing).toMatchObject({ severity: 'error', vendor: 'meta', orderId: ORDER.id });
    expect(missing.message).toBe(
      'meta Purchase of order DS-1001 carries no order id: matched to its journey, but meta cannot deduplicate it or join it to the order (set requireTransactionId: false if this is intended)',
    );
    expect(missing.evidence).toMatchObject({ eventId: 'evt-7f3a' });
  });

  it('eventIdCarriesOrder: equality once trimmed, or the order beside a word; no number beside it, no substring', () => {
    expect(eventIdCarriesOrder(' DS-1001 ', 'DS-1001')).toBe(true);
    expect(eventIdCarriesOrder('1001', '1001')).toBe(true);
    for (const id of ['purchase_1001', 'order-1001', 'Purchase:1001', '1001.purchase', 'ord|1001', 'purchase/1001']) {
      expect(eventIdCarriesOrder(id, '1001'), id).toBe(true);
    }
    for (const id of ['10011', '11001', '1001-2', '2-1001', 'purchase_1001_2', 'x1001', 'p1_1001', undefined, '']) {
      expect(eventIdCarriesOrder(id, '1001'), String(id)).toBe(false);
    }
  });
});

describe('companion events: never a duplicate, the purchase only when no primary was sent', () => {
  const ads = { 'google-ads': { requireTransactionId: true } };
  const conversion = hit(`https://www.googleadservices.com/pagead/conversion/987654321/?label=abc&value=64.8&currency_code=EUR&oid=${ORDER.id}`);
  const followOn = () => hit(`https://www.google.com/pagead/1p-conversion/987654321/?label=abc&value=64.8&currency_code=EUR&oid=${ORDER.id}`);

  it('a Google Ads conversion and its 1p-conversion follow-on: tracked once, no duplicate-hit', () => {
    const result = audit([conversion, followOn()], ads);
    expect(result.journeys[0]!.vendors).toEqual({ 'google-ads': 'tracked' });
    expect(result.findings).toEqual([]);
    expect(result.loss[0]).toMatchObject({ tracked: 1, duplicated: 0 });
  });

  it('only the follow-on reached Google: it stands for the purchase; two follow-ons are still one purchase', () => {
    expect(audit([followOn()], ads).journeys[0]!.vendors).toEqual({ 'google-ads': 'tracked' });
    const two = audit([followOn(), hit(`https://www.google.fr/pagead/1p-conversion/987654321/?label=abc&value=64.8&currency_code=EUR&oid=${ORDER.id}`)], ads);
    expect(two.findings).toEqual([]);
    expect(two.journeys[0]!.vendors).toEqual({ 'google-ads': 'tracked' });
  });

  it('two primary conversions are still a duplicate, whatever companions came along', () => {
    const result = audit([conversion, { ...conversion, time: at() } as RunEvent, followOn()], ads);
    expect(result.findings.map((f) => f.kind)).toEqual(['duplicate-hit']);
    expect(result.findings[0]!.evidence).toMatchObject({ count: 2 });
  });
});
