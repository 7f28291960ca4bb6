import { describe, expect, it } from 'vitest';
import { comparePeriod } from '../../src/compare/compare-period.ts';
import { judgeComparison } from '../../src/compare/compare-verdict.ts';
import { dayIn } from '../../src/compare/days.ts';
import { missingPattern } from '../../src/compare/missing-patterns.ts';
import type { PlatformDay, PlatformReport, ReportedTransaction } from '../../src/compare/model.ts';
import { ratioDrops } from '../../src/compare/usual-range.ts';
import { generateShop } from '../support/generated-orders.ts';

const PERIOD = { from: '2026-11-01', to: '2026-11-30' };
const shop = generateShop({ firstDay: '2026-11-01', days: 30, brokenDay: '2026-11-18', brokenPayment: 'paypal' });

function ga4Report(provisionalFrom = '2026-11-29'): PlatformReport {
  const transactions: ReportedTransaction[] = shop.orders.filter((o) => shop.ga4Received.has(o.id)).map((o) => ({ date: dayIn(new Date(o.createdAt), 'UTC'), transactionId: o.id, value: o.total }));
  const days = new Map<string, PlatformDay>();
  for (const t of transactions) {
    const day = days.get(t.date) ?? { date: t.date, conversions: 0, value: 0, currency: 'EUR', provisional: t.date >= provisionalFrom };
    day.conversions++;
    day.value += t.value;
    days.set(t.date, day);
  }
  return { platform: 'ga4', days: [...days.values()], transactions, source: 'GA4 Data API, property 1' };
}

describe('reported vs real over a month of generated orders (GA4 lost every paypal order on 2026-11-18)', () => {
  const comparison = comparePeriod({ period: PERIOD, timeZone: 'UTC', orders: shop.orders, reports: [ga4Report(), { platform: 'meta', unavailable: 'Meta Marketing API: HTTP 503' }] });
  const ga4 = comparison.platforms[0]!;
  if (!ga4.available) throw new Error('ga4 should be available');

  it('counts per day: reported / real, the missing orders by id, the provisional days', () => {
    expect(comparison.realOrders).toBe(shop.orders.length);
    expect(ga4.total.reported).toBe(shop.ga4Received.size);
    expect(ga4.total.missingOrders).toBe(shop.orders.length - shop.ga4Received.size);
    const day = ga4.days.find((d) => d.date === '2026-11-18')!;
    const real = shop.orders.filter((o) => o.createdAt.startsWith('2026-11-18'));
    expect(day.realOrders).toBe(real.length);
    expect(day.missingOrderIds).toEqual(real.filter((o) => !shop.ga4Received.has(o.id)).map((o) => o.id));
    expect(day.countRatio).toBeCloseTo(day.reported / day.realOrders, 4);
    expect(ga4.days.filter((d) => d.provisional).map((d) => d.date)).toEqual(['2026-11-29', '2026-11-30']);
    expect(ga4.total.revenueRatio).toBeGreaterThan(0.8);
  });

  it('a platform whose API failed is unavailable, never "reported 0"', () => {
    expect(comparison.platforms[1]).toEqual({ platform: 'meta', available: false, reason: 'Meta Marketing API: HTTP 503' });
  });

  it('names the day and the payment method of the orders GA4 never received, and those orders', () => {
    const missing = new Set(ga4.days.flatMap((d) => d.missingOrderIds ?? []));
    const pattern = missingPattern('ga4', shop.orders, missing, 'UTC')!;
    const broken = shop.orders.filter((o) => o.createdAt.startsWith('2026-11-18') && o.paymentMethod === 'paypal');
    expect(pattern).toMatchObject({ attribute: 'paymentMethod', value: 'paypal', day: '2026-11-18', missing: broken.length, orders: broken.length });
    expect(pattern.missingOrderIds.sort()).toEqual(broken.map((o) => o.id).sort());
    expect(pattern.text).toContain(`never received ${broken.length} of the ${broken.length} orders paid with "paypal" on 2026-11-18`);
  });

  it('with steady loss only, no group is named: ordinary ad-block loss is not a pattern', () => {
    const steady = generateShop({ firstDay: '2026-11-01', days: 30, brokenDay: 'never', brokenPayment: 'paypal', seed: 7, steadyLoss: 0.08 });
    const missing = new Set(steady.orders.filter((o) => !steady.ga4Received.has(o.id)).map((o) => o.id));
    expect(missingPattern('ga4', steady.orders, missing, 'UTC')).toBeUndefined();
  });

  it('the drop day is below the usual range; the ordinary days and the provisional ones are not flagged', () => {
    const points = ga4.days.map((d) => ({ date: d.date, ratio: d.countRatio!, provisional: d.provisional }));
    const { drops, unjudged } = ratioDrops(points, ga4.days.map((d) => d.date));
    expect(drops.map((d) => d.date)).toEqual(['2026-11-18']);
    expect(unjudged).toEqual(['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06', '2026-11-07']);
  });

  it('the verdict fails on the drop with the day, its figures and the pattern; a second drop day would be another failure', () => {
    const missing = new Set(ga4.days.flatMap((d) => d.missingOrderIds ?? []));
    const pattern = missingPattern('ga4', shop.orders, missing, 'UTC')!;
    const points = ga4.days.map((d) => ({ date: d.date, ratio: d.countRatio!, provisional: d.provisional }));
    const { drops } = ratioDrops(points, ga4.days.map((d) => d.date));
    const verdict = judgeComparison({ monitor: 'shop', runId: 'R', startedAt: 'a', finishedAt: 'b', comparison, patterns: [{ platform: 'ga4', pattern }], drops: drops.map((drop) => ({ platform: 'ga4' as const, drop })), unjudgedDays: [], maxUnexplained: 0.15, diagnostics: [] });
    expect(verdict.status).toBe('fail');
    const error = verdict.findings.find((f) => f.kind === 'reported-ratio-drop')!;
    expect(error).toMatchObject({ severity: 'error', vendor: 'ga4', condition: '2026-11-18' });
    expect(error.message).toContain('on 2026-11-18');
    expect(error.message).toContain('paid with "paypal"');
    expect(verdict.findings.find((f) => f.kind === 'platform-unavailable')).toMatchObject({ severity: 'warning', vendor: 'meta' });
  });

  it('the backend down is inconclusive, not 100% missing', () => {
    const verdict = judgeComparison({ monitor: 'shop', runId: 'R', startedAt: 'a', finishedAt: 'b', ordersUnavailable: 'connection refused', patterns: [], drops: [], unjudgedDays: [], maxUnexplained: 0.15, diagnostics: [] });
    expect(verdict.status).toBe('inconclusive');
    expect(verdict.summary).toContain('connection refused');
  });
});
