import type { LossRow, VendorOutcome } from '../model/verdict.ts';
import { wilsonInterval } from './wilson.ts';

/** One measured order for one vendor under one condition. */
export interface OrderOutcome {
  vendor: string;
  condition: string;
  outcome: VendorOutcome;
  /** Lost, but seen as a cookieless consent-mode ping. */
  consentPing?: boolean;
  /** Tracked with the ad click (true), without it (false); undefined without an ad click. */
  attributable?: boolean;
}

/**
 * Loss per vendor x condition. Every row the monitor asks for is present, with nulls when
 * nothing could be measured, so a report never shows "0% loss" for an unmeasured cell.
 */
export function buildLossTable(outcomes: OrderOutcome[], vendors: string[], conditions: string[], measurable: boolean): LossRow[] {
  const rows: LossRow[] = [];
  // Grouped in one pass: a filter per cell would read every outcome vendors x conditions times.
  const cells = new Map<string, OrderOutcome[]>();
  for (const outcome of outcomes) {
    const key = `${outcome.vendor}\u0000${outcome.condition}`;
    const cell = cells.get(key);
    if (cell) cell.push(outcome);
    else cells.set(key, [outcome]);
  }
  for (const vendor of vendors) {
    for (const condition of conditions) {
      const cell = cells.get(`${vendor}\u0000${condition}`) ?? [];
      if (!measurable || cell.length === 0) {
        rows.push({ vendor, condition, orders: measurable ? 0 : null, tracked: measurable ? 0 : null, attributable: null, lost: measurable ? 0 : null, duplicated: 0, consentPings: 0, lossRate: null, ci95: null });
        continue;
      }
      const lost = cell.filter((o) => o.outcome === 'lost').length;
      const orders = cell.length;
      rows.push({
        vendor,
        condition,
        orders,
        tracked: orders - lost,
        attributable: cell.some((o) => o.attributable !== undefined) ? cell.filter((o) => o.attributable).length : null,
        lost,
        duplicated: cell.filter((o) => o.outcome === 'duplicated').length,
        consentPings: cell.filter((o) => o.consentPing).length,
        lossRate: Math.round((lost / orders) * 10_000) / 10_000,
        ci95: wilsonInterval(lost, orders),
      });
    }
  }
  return rows;
}
