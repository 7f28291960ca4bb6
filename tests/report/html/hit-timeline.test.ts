import { describe, expect, it } from 'vitest';
import type { JourneyHit, JourneyResult, Verdict } from '../../../src/model/verdict.ts';
import { validateMonitor } from '../../../src/monitor/load-monitor.ts';
import { renderReport } from '../../../src/report/html/page.ts';
import { loadReporters, renderReports } from '../../../src/report/run-reporters.ts';
import { REQUIRED_FIELDS } from '../../support/monitors.ts';

const hit = (fields: Partial<JourneyHit> & Pick<JourneyHit, 'vendor' | 'eventName'>): JourneyHit => ({
  kind: 'purchase',
  url: 'https://example.invalid/collect',
  time: '2026-11-26T04:00:05.000Z',
  status: 'captured',
  ...fields,
});

function journey(hits: JourneyHit[], journeyId = 'baseline.purchase.r1'): JourneyResult {
  return { journeyId, scenario: 'purchase', condition: 'baseline', repeat: 1, orderId: 'DS-1001', orderInBackend: true, status: 'failed', hits, vendors: {}, lossCauses: {} };
}

function verdict(journeys: JourneyResult[]): Verdict {
  return {
    runId: 'R1', monitor: 'shop', baseUrl: 'http://127.0.0.1:1', startedAt: '2026-11-26T04:00:00.000Z', finishedAt: '2026-11-26T04:00:30.000Z',
    status: 'fail', summary: 's', journeys, loss: [], findings: [], diagnostics: [],
  };
}

/** Each timeline row as the reader sees it: its cells' text, and whether it is marked late. */
function rows(html: string): { late: boolean; cells: string[] }[] {
  return [...html.matchAll(/<tr( class="[^"]*")?><td class="mono"[\s\S]*?<\/tr>/g)].map((m) => ({
    late: /\blate\b/.test(m[1] ?? ''),
    cells: [...m[0].matchAll(/<td[^>]*>([\s\S]*?)<\/td>(?=<td|<\/tr>)/g)].map((c) => text(c[1]!)),
  }));
}

/** Text content of an HTML fragment: tags dropped, each block on its own, entities decoded. */
function text(fragment: string): string {
  return fragment
    .replace(/<details>[\s\S]*<\/details>/g, '')
    .replace(/<\/?div[^>]*>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

const tiktokLate = hit({ vendor: 'tiktok', eventName: 'CompletePayment', afterConfirmationLoadMs: 1600, afterOrderMs: 2450 });
const ga4OnTime = hit({ vendor: 'ga4', eventName: 'purchase', afterConfirmationLoadMs: 240, afterOrderMs: 1090, line: 2 });
const metaBlocked = hit({ vendor: 'meta', eventName: 'Purchase', status: 'blocked', rule: '||facebook.com/tr/', filterList: 'EasyPrivacy', filterLine: 10503, afterConfirmationLoadMs: 2100 });
const pageView = hit({ vendor: 'ga4', eventName: 'page_view', kind: 'pageview', line: 1, afterConfirmationLoadMs: 3000 });

describe('HTML journey timeline: when purchase hits were sent, what blocked them, their line in a batch', () => {
  it('a purchase hit shows its delay after the confirmation load and after the order; a late one is marked with the threshold', () => {
    const html = renderReport(verdict([journey([pageView, ga4OnTime, tiktokLate])]));
    const [view, ga4, tiktok] = rows(html);
    expect(tiktok!.cells.slice(1, 4)).toEqual(['+1.6 s after confirmation load +2.5 s after the order late: past 1 s', 'tiktok', 'CompletePayment']);
    expect(tiktok!.late).toBe(true);
    expect(ga4!.cells[1]).toBe('+0.2 s after confirmation load +1.1 s after the order');
    expect(ga4!.late).toBe(false);
    // A page view's timing says nothing about a lost purchase: not shown, never late.
    expect(view!.cells[1]).toBe('');
    expect(view!.late).toBe(false);
  });

  it('the monitor\'s timing.lateHitSeconds sets the threshold: the html reporter passes it', async () => {
    const { plugins } = await loadReporters();
    const monitor = validateMonitor({ ...REQUIRED_FIELDS, name: 'm', expect: { ga4: {} }, timing: { lateHitSeconds: 2 } }, 'm');
    const { outputs } = renderReports(plugins.filter((p) => p.id === 'html'), verdict([journey([tiktokLate, hit({ ...tiktokLate, afterConfirmationLoadMs: 2600 })])]), { runDir: '/nonexistent', monitor, env: {} });
    const [onTime, late] = rows(outputs[0]!.text);
    expect(onTime!.late).toBe(false);
    expect(onTime!.cells[1]).not.toContain('late');
    expect(late!.late).toBe(true);
    expect(late!.cells[1]).toContain('+2.6 s after confirmation load');
    expect(late!.cells[1]).toContain('late: past 2 s');
  });

  it('a blocked hit names the list, the line and the rule as written; it is not called late (it never left the browser)', () => {
    const [meta] = rows(renderReport(verdict([journey([metaBlocked])])));
    expect(meta!.cells[4]).toBe('blocked by EasyPrivacy line 10503: ||facebook.com/tr/');
    expect(meta!.cells[1]).toBe('+2.1 s after confirmation load');
    expect(meta!.late).toBe(false);
    const [noLine] = rows(renderReport(verdict([journey([{ ...metaBlocked, filterLine: undefined, filterList: undefined }])])));
    expect(noLine!.cells[4]).toBe('blocked by rule: ||facebook.com/tr/');
  });

  it('an event of a batched request shows its line', () => {
    const [view, purchase] = rows(renderReport(verdict([journey([pageView, ga4OnTime])])));
    expect(view!.cells[3]).toBe('page_view line 1 of a batched request');
    expect(purchase!.cells[3]).toBe('purchase line 2 of a batched request');
  });

  it('a hit sent before the confirmation page loaded reads "before"; under 0.1 s in ms', () => {
    const [before, quick] = rows(renderReport(verdict([journey([hit({ vendor: 'ga4', eventName: 'purchase', afterConfirmationLoadMs: -300 }), hit({ vendor: 'meta', eventName: 'Purchase', afterConfirmationLoadMs: 40 })])])));
    expect(before!.cells[1]).toBe('0.3 s before confirmation load');
    expect(quick!.cells[1]).toBe('+40 ms after confirmation load');
  });

  it('captured rule, list and event name are escaped, never markup', () => {
    const payload = '<img src=x onerror="window.__pwned=1">';
    const html = renderReport(verdict([journey([{ ...metaBlocked, rule: `||x.example^${payload}`, filterList: `${payload}.txt`, eventName: payload, line: 3 }])]));
    expect(html).not.toContain(payload);
    expect(html).toContain('blocked</span> by &lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;.txt line 10503: <span class="mono rule">||x.example^&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;</span>');
    const [row] = rows(html);
    expect(row!.cells[4]).toBe(`blocked by ${payload}.txt line 10503: ||x.example^${payload}`);
  });
});
