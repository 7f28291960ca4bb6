import { chromium, type Browser, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumLaunchOptions } from '../../src/browser/launch-options.ts';
import { validateMonitor } from '../../src/monitor/load-monitor.ts';
import { loadReporters, renderReports } from '../../src/report/run-reporters.ts';
import type { JourneyResult, LossRow, Verdict } from '../../src/model/verdict.ts';
import { REQUIRED_FIELDS } from '../support/monitors.ts';

/** A hostile string as a captured hit could carry it: markup, quotes, a line break, and characters XML forbids. */
const HOSTILE = 'ga4 lost <script>alert("x")</script> & \'it\' \u0000\u001b[2J\u0007\ud800 ]]> end\nsecond line';
/** What survives: markup intact once parsed, forbidden characters gone. */
const HOSTILE_PARSED = 'ga4 lost <script>alert("x")</script> & \'it\' [2J ]]> end\nsecond line';

/** A loss row as the judge leaves it: with its threshold and whether it is over it. */
function row(vendor: string, condition: string, orders: number | null, lost: number | null, maxLossRate = 0): LossRow {
  const rate = orders ? (lost ?? 0) / orders : null;
  return {
    vendor,
    condition,
    orders,
    tracked: orders === null ? null : orders - (lost ?? 0),
    attributable: null,
    lost,
    duplicated: 0,
    consentPings: 0,
    lossRate: rate,
    ci95: rate === null ? null : [0.1, 0.9],
    maxLossRate,
    overThreshold: rate !== null && rate > maxLossRate,
  };
}

function journey(id: string, condition: string, vendors: JourneyResult['vendors'], fields: Partial<JourneyResult> = {}): JourneyResult {
  return { journeyId: id, scenario: 'purchase', condition, repeat: 0, orderId: `O-${id}`, orderInBackend: true, status: 'passed', hits: [], vendors, lossCauses: {}, ...fields };
}

const verdict: Verdict = {
  runId: 'R-junit',
  monitor: 'shop',
  baseUrl: 'http://127.0.0.1:1',
  startedAt: '2026-11-26T04:00:00.000Z',
  finishedAt: '2026-11-26T04:00:12.500Z',
  status: 'fail',
  summary: 'Tracking is broken: tag-missing (ga4).',
  journeys: [
    journey('b1', 'baseline', { ga4: 'lost', meta: 'tracked' }, { lossCauses: { ga4: 'no purchase hit' } }),
    journey('b2', 'baseline', { ga4: 'lost', meta: 'lost' }),
    journey('b3', 'baseline', { ga4: 'tracked', meta: 'tracked' }),
    journey('a1', 'adblock', { ga4: 'lost', meta: 'tracked' }, { lossCauses: { ga4: 'blocked by EasyPrivacy rule ||google-analytics.com^' } }),
    journey('a2', 'adblock', { ga4: 'tracked', meta: 'tracked' }),
    journey('c1', 'consent-refused', {}, { status: 'failed', error: 'banner not found', orderId: undefined }),
  ],
  loss: [
    // ga4 over the default threshold 0; meta within its own 0.5.
    row('ga4', 'baseline', 3, 2),
    row('meta', 'baseline', 3, 1, 0.5),
    // Loss is what adblock measures: threshold 1 unless the monitor sets one.
    row('ga4', 'adblock', 2, 1, 1),
    row('meta', 'adblock', 2, 0, 1),
    row('ga4', 'consent-refused', 0, 0, 1),
    row('meta', 'consent-refused', 0, 0, 1),
  ],
  findings: [
    { severity: 'error', kind: 'tag-missing', vendor: 'ga4', condition: 'baseline', message: HOSTILE, evidence: { url: 'https://x.example/?a=1&b=<2>', raw: '\u0001raw "q"' } },
    { severity: 'warning', kind: 'tag-missing', vendor: 'meta', condition: 'baseline', message: 'meta missed 1 of 3 orders, within threshold' },
    { severity: 'error', kind: 'journey-failed', condition: 'consent-refused', journeyId: 'c1', message: 'journey c1 failed: banner not found' },
    { severity: 'error', kind: 'plugin-error', message: 'reporter x failed' },
  ],
  diagnostics: [],
};

// No thresholds here: the rows carry the judge's.
const monitor = () => validateMonitor({ ...REQUIRED_FIELDS, name: 'shop', conditions: ['baseline', 'adblock', 'consent-refused'], expect: { ga4: { eventName: 'purchase' }, meta: { eventName: 'Purchase' } } }, 'shop');

interface ParsedCase {
  name: string;
  classname: string;
  failure: { message: string; type: string; text: string } | null;
  skipped: string | null;
  out: string | null;
}
interface ParsedSuite {
  attributes: Record<string, string>;
  cases: ParsedCase[];
  err: string | null;
}
interface Parsed {
  error: string | null;
  root: string;
  attributes: Record<string, string>;
  suites: ParsedSuite[];
}

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await chromium.launch(chromiumLaunchOptions());
  page = await browser.newPage();
});
afterAll(async () => {
  await browser?.close();
});

/** Chromium's XML parser: what a CI server's parser would accept, with a parsererror otherwise. */
function parse(xml: string): Promise<Parsed> {
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'application/xml');
    const attributesOf = (element: Element) => Object.fromEntries([...element.attributes].map((a) => [a.name, a.value]));
    const error = doc.getElementsByTagName('parsererror')[0];
    const root = doc.documentElement;
    return {
      error: error ? (error.textContent ?? 'parsererror') : null,
      root: root.tagName,
      attributes: attributesOf(root),
      suites: [...root.children]
        .filter((c) => c.tagName === 'testsuite')
        .map((suite) => ({
          attributes: attributesOf(suite),
          err: suite.querySelector(':scope > system-err')?.textContent ?? null,
          cases: [...suite.children]
            .filter((c) => c.tagName === 'testcase')
            .map((c) => {
              const failure = c.querySelector('failure');
              return {
                name: c.getAttribute('name') ?? '',
                classname: c.getAttribute('classname') ?? '',
                failure: failure ? { message: failure.getAttribute('message') ?? '', type: failure.getAttribute('type') ?? '', text: failure.textContent ?? '' } : null,
                skipped: c.querySelector('skipped')?.getAttribute('message') ?? null,
                out: c.querySelector('system-out')?.textContent ?? null,
              };
            }),
        })),
    };
  }, xml);
}

/** The junit renderer, as the pipeline runs it: verdict in, text out. */
async function runJunit(v = verdict) {
  const { plugins } = await loadReporters();
  const { outputs, problems } = renderReports(plugins.filter((p) => p.id === 'junit'), v, { runDir: '/srv/reports/R-junit', monitor: monitor(), env: {} });
  expect(problems).toEqual([]);
  expect(outputs.map((o) => [o.id, o.file])).toEqual([['junit', 'junit.xml']]);
  const xml = outputs[0]!.text;
  return { xml, parsed: await parse(xml) };
}

describe('junit reporter', () => {
  it('the parser used here rejects malformed XML (so a passing parse means something)', async () => {
    expect((await parse('<a>x & y</a>')).error).not.toBeNull();
    expect((await parse('<a>x \u0001 y</a>')).error).not.toBeNull();
  });

  it('one suite per condition, one case per vendor x condition, one per error finding', async () => {
    const { parsed } = await runJunit();
    expect(parsed.error).toBeNull();
    expect(parsed.root).toBe('testsuites');
    expect(parsed.suites.map((s) => s.attributes.name)).toEqual(['baseline', 'adblock', 'consent-refused', 'run']);
    const [baseline, adblock, refused, run] = parsed.suites;
    expect(baseline!.cases.map((c) => c.name)).toEqual(['ga4 purchase under baseline', 'meta Purchase under baseline', 'tag-missing ga4']);
    expect(baseline!.attributes).toMatchObject({ tests: '3', failures: '2', skipped: '0', errors: '0' });
    expect(adblock!.cases.map((c) => [c.name, c.failure])).toEqual([
      ['ga4 purchase under adblock', null],
      ['meta Purchase under adblock', null],
    ]);
    expect(refused!.cases.map((c) => c.name)).toEqual(['ga4 purchase under consent-refused', 'meta Purchase under consent-refused', 'journey-failed']);
    expect(run!.cases.map((c) => c.name)).toEqual(['plugin-error']);
    expect(parsed.attributes).toMatchObject({ name: 'tagwatch shop', tests: '9', failures: '4', skipped: '2', time: '12.500' });
    expect(baseline!.cases[0]!.classname).toBe('tagwatch.shop.baseline');
  });

  it('a loss over its threshold fails with the figures and the lost orders; within it passes with the figures', async () => {
    const { parsed } = await runJunit();
    const [ga4, meta] = parsed.suites[0]!.cases;
    expect(ga4!.failure).toMatchObject({ type: 'loss-over-threshold', message: 'ga4 lost 2 of 3 orders under baseline: loss 66.7%, 95% CI 10%–90%, above the 0% threshold' });
    expect(ga4!.failure!.text).toContain('order O-b1 (journey b1): no purchase hit');
    expect(ga4!.failure!.text).toContain('order O-b2 (journey b2): no purchase hit');
    // meta lost 1 of 3 (33%) against its own 50%: passes.
    expect(meta!.failure).toBeNull();
    expect(meta!.out).toBe('meta lost 1 of 3 orders under baseline: loss 33.3%, 95% CI 10%–90%; threshold 50%');
    // adblock measures loss: 50% is reported, not failed.
    expect(parsed.suites[1]!.cases[0]!.out).toContain('threshold 100%');
  });

  it('the threshold is the row\'s, as the judge set it, never the monitor\'s worked out again', async () => {
    const judged: Verdict = {
      ...verdict,
      loss: verdict.loss.map((r) =>
        r.vendor === 'ga4' && r.condition === 'baseline' ? { ...r, maxLossRate: 0.7, overThreshold: false } : r.vendor === 'ga4' && r.condition === 'adblock' ? { ...r, maxLossRate: 0.2, overThreshold: true } : r,
      ),
    };
    const { parsed } = await runJunit(judged);
    expect(parsed.suites[0]!.cases[0]!.failure).toBeNull();
    expect(parsed.suites[0]!.cases[0]!.out).toContain('threshold 70%');
    expect(parsed.suites[1]!.cases[0]!.failure?.message).toContain('above the 20% threshold');
    // An older row, without the judge's fields: its figures, no threshold, not failed.
    const older: Verdict = { ...verdict, loss: [{ ...verdict.loss[0]!, maxLossRate: undefined, overThreshold: undefined }] };
    const { parsed: second } = await runJunit(older);
    expect(second.suites[0]!.cases[0]).toMatchObject({ failure: null, out: 'ga4 lost 2 of 3 orders under baseline: loss 66.7%, 95% CI 10%–90%' });
  });

  it('unmeasured rows are skipped with the reason', async () => {
    const { parsed } = await runJunit();
    expect(parsed.suites[2]!.cases[0]!.skipped).toBe('not measured: none of the 1 journey under consent-refused produced an order found in the backend: 1 failed (banner not found)');
    const unreachable: Verdict = {
      ...verdict,
      status: 'inconclusive',
      journeys: [],
      loss: [row('ga4', 'baseline', null, null)],
      findings: [{ severity: 'error', kind: 'backend-unreachable', message: 'orders API answered 503' }],
    };
    const { parsed: second } = await runJunit(unreachable);
    expect(second.suites[0]!.cases[0]!.skipped).toBe('not measured: orders API answered 503');
    expect(second.suites.map((s) => s.attributes.name)).toEqual(['baseline', 'run']);
  });

  it('hostile captured strings come out escaped: markup and quotes round-trip, forbidden characters are dropped', async () => {
    const { parsed, xml } = await runJunit();
    const finding = parsed.suites[0]!.cases[2]!;
    expect(finding.failure!.message).toBe(HOSTILE_PARSED);
    expect(finding.failure!.type).toBe('tag-missing');
    expect(finding.failure!.text).toContain(HOSTILE_PARSED);
    expect(finding.failure!.text).toContain('"url": "https://x.example/?a=1&b=<2>"');
    expect(finding.failure!.text).toContain('"raw": "\\u0001raw \\"q\\""');
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect(xml).not.toContain('<script>');
  });

  it('a failed alert channel is a failing testcase; a sent one passes; diagnostics and notifier problems go to the run suite\'s system-err', async () => {
    const judged: Verdict = {
      ...verdict,
      alert: { alert: { kind: 'failure', monitor: 'shop', runId: 'R-junit', consecutiveFailures: 1, fingerprint: 'f', headline: 'ga4 purchase tracking broke on shop' }, reason: 'first failure' },
      diagnostics: ['plugin x failed: <boom> & \u0001'],
      delivery: {
        sent: ['email'],
        failedChannels: ['slack'],
        problems: ['slack: Slack alert not sent to #alerts: chat.postMessage answered channel_not_found', 'teams: no webhook URL set (TEAMS_WEBHOOK)'],
      },
    };
    const { parsed } = await runJunit(judged);
    expect(parsed.error).toBeNull();
    expect(parsed.suites.map((s) => s.attributes.name)).toEqual(['baseline', 'adblock', 'consent-refused', 'run', 'notifications']);
    const notifications = parsed.suites[4]!;
    expect(notifications.attributes).toMatchObject({ tests: '2', failures: '1' });
    expect(notifications.cases.map((c) => [c.name, c.classname, c.failure?.type ?? null, c.out])).toEqual([
      ['failure alert via slack', 'tagwatch.shop.notifications', 'alert-not-delivered', null],
      ['failure alert via email', 'tagwatch.shop.notifications', null, 'sent'],
    ]);
    expect(notifications.cases[0]!.failure!.message).toBe('Slack alert not sent to #alerts: chat.postMessage answered channel_not_found');
    expect(parsed.attributes).toMatchObject({ tests: '11', failures: '5' });
    expect(parsed.suites[3]!.err).toBe('plugin x failed: <boom> & \nteams: no webhook URL set (TEAMS_WEBHOOK)');
    // Without delivery nor diagnostics: no notifications suite, no system-err.
    const { parsed: plain } = await runJunit();
    expect(plain.suites.map((s) => [s.attributes.name, s.err])).toEqual([
      ['baseline', null],
      ['adblock', null],
      ['consent-refused', null],
      ['run', null],
    ]);
  });
});
