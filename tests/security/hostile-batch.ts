/**
 * Run by tests/security/decode-batch-cost.test.ts in a process of its own (`node --import tsx
 * hostile-batch.ts <case>`), so that a decode gone quadratic is killed at the test's bound instead
 * of holding the test worker for hours. Prints what the case decoded as one JSON line.
 */
import { createCatalog, decodeRunLog } from '../../src/catalog/index.ts';
import { loadVendors } from '../../src/catalog/load-vendors.ts';
import { forEachBodyLine } from '../../src/catalog/parse/body-lines.ts';
import { mergeUrlEncoded } from '../../src/catalog/parse/query.ts';
import { findPersonalData } from '../../src/catalog/pii.ts';
import type { RunEvent } from '../../src/model/run-event.ts';

export const MILLION = 1_000_000;
export const URL_TEXT = 'https://region1.google-analytics.com/g/collect?v=2&tid=G-HOSTILE&cid=1.2&dl=https%3A%2F%2Fshop.example%2F&en=shared';

/** A gtag-shaped batch body: one event per line, no '+' or '%' in it (the worst case before the fix). */
function batchBody(lines: number): string {
  const parts: string[] = new Array(lines);
  for (let i = 0; i < lines; i++) parts[i] = `en=view_item&_et=${i}&ep.item_id=sku${i}&epn.value=${i % 97}`;
  return parts.join('\n');
}

const cases: Record<string, () => Promise<unknown> | unknown> = {
  /** A 1 MB run of letters with a dangling '@' at its end (every start position once ran to it), alone and before a real e-mail. */
  personalData() {
    const run = 'a'.repeat(MILLION);
    const dangling = findPersonalData({ url: URL_TEXT, method: 'POST', body: `${run}@!` });
    const found = findPersonalData({ url: URL_TEXT, method: 'POST', body: `${run}@!&em=buyer@shop.example` });
    return { dangling: dangling?.emails ?? [], found: found?.emails ?? [] };
  },
  /** The catalog's decode of a 1M-line request: its events, the first two and the last two in full. */
  async catalog() {
    const { vendors } = await loadVendors();
    const errors: string[] = [];
    const events = createCatalog(vendors).decode({ url: URL_TEXT, method: 'POST', body: batchBody(MILLION) }, undefined, errors);
    return { errors, count: events.length, first: events.slice(0, 2), last: events.slice(-2) };
  },
  /** A run log holding the 1M-line request and a normal one, judged's way in: events per hit, diagnostics. */
  async runLog() {
    const { vendors } = await loadVendors();
    const time = '2025-01-01T00:00:00.000Z';
    const log: RunEvent[] = [
      { type: 'journey-start', time, journeyId: 'j1', scenario: 'purchase', condition: 'baseline', repeat: 1 },
      { type: 'hit', time, journeyId: 'j1', url: URL_TEXT, method: 'POST', body: batchBody(MILLION), status: 'captured', vendor: 'ga4' },
      { type: 'hit', time, journeyId: 'j1', url: URL_TEXT, method: 'POST', body: 'en=purchase&ep.transaction_id=A1', status: 'captured', vendor: 'ga4' },
      { type: 'journey-end', time, journeyId: 'j1', status: 'passed', networkHosts: {} },
    ];
    const diagnostics: string[] = [];
    const [journey] = decodeRunLog(log, createCatalog(vendors), diagnostics);
    return { events: journey!.hits.map((hit) => hit.events.length), diagnostics };
  },
  /** Every line of a 1M-line body read in place as the GA4 decoder reads it, with no bound on lines. */
  lines() {
    const body = batchBody(MILLION);
    let pairs = 0;
    let last: Record<string, string> = {};
    const lines = forEachBodyLine(body, (start, end) => {
      last = { v: '2', en: 'shared' };
      mergeUrlEncoded(last, body, start, end);
      pairs += Object.keys(last).length;
    });
    return { lines, pairs, last };
  },
  /**
   * One line of 300,000 distinct pairs, then the same keys again (repeats: the first wins), then
   * one key the record held (the line overrides it). Each repeat used to search the list of keys
   * the line had set so far.
   */
  wideLine() {
    const count = 300_000;
    const first: string[] = new Array(count);
    const again: string[] = new Array(count);
    for (let i = 0; i < count; i++) {
      first[i] = `k${i}=${i}`;
      again[i] = `k${i}=again`;
    }
    const record: Record<string, string> = { shared: 'query', v: '2' };
    mergeUrlEncoded(record, `${first.join('&')}&${again.join('&')}&shared=line`);
    return { keys: Object.keys(record).length, k7: record.k7, shared: record.shared, lastKey: record[`k${count - 1}`] };
  },
};

if (process.argv[1] === import.meta.filename) {
  const run = cases[process.argv[2] ?? ''];
  if (!run) throw new Error(`unknown case ${process.argv[2]}: ${Object.keys(cases).join(', ')}`);
  const result = (await run()) as Record<string, unknown>;
  // The CPU this case cost (user + system), for the caller's linear-time bound: wall time on a loaded machine says little.
  const { user, system } = process.cpuUsage();
  process.stdout.write(`${JSON.stringify({ ...result, cpuMs: Math.round((user + system) / 1000) })}\n`);
}
