import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Verdict } from '../../../src/model/verdict.ts';
import { validateMonitor } from '../../../src/monitor/load-monitor.ts';
import { renderReport } from '../../../src/report/html/page.ts';
import { loadReporters, renderReports } from '../../../src/report/run-reporters.ts';
import { hostileVerdict } from './hostile-verdict.ts';
import { REQUIRED_FIELDS } from '../../support/monitors.ts';

const PNG_1x1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

function verdict(overrides: Partial<Verdict> = {}): Verdict {
  return {
    runId: 'R1',
    monitor: 'shop',
    baseUrl: 'http://127.0.0.1:1',
    startedAt: '2026-11-26T04:00:00.000Z',
    finishedAt: '2026-11-26T04:00:30.000Z',
    status: 'fail',
    summary: 'ga4 lost every order under baseline.',
    journeys: [],
    loss: [
      { vendor: 'ga4', condition: 'baseline', orders: 2, tracked: 0, attributable: null, lost: 2, duplicated: 0, consentPings: 0, lossRate: 1, ci95: [0.34, 1] },
      { vendor: 'meta', condition: 'baseline', orders: 2, tracked: 2, attributable: null, lost: 0, duplicated: 1, consentPings: 0, lossRate: 0, ci95: [0, 0.66] },
      { vendor: 'ga4', condition: 'adblock', orders: null, tracked: null, attributable: null, lost: null, duplicated: 0, consentPings: 0, lossRate: null, ci95: null },
      { vendor: 'meta', condition: 'adblock', orders: null, tracked: null, attributable: null, lost: null, duplicated: 0, consentPings: 0, lossRate: null, ci95: null },
    ],
    findings: [
      { severity: 'info', kind: 'duplicate-hit', vendor: 'meta', condition: 'baseline', message: 'meta sent the purchase twice' },
      { severity: 'error', kind: 'tag-missing', vendor: 'ga4', condition: 'baseline', message: 'ga4 missed 2 of 2 orders', evidence: { lostOrders: ['DS-1', 'DS-2'] } },
      { severity: 'error', kind: 'tag-missing', vendor: 'ga4', condition: 'baseline', message: 'ga4 missed again' },
      { severity: 'warning', kind: 'journey-failed', condition: 'adblock', journeyId: 'adblock.purchase.r1', message: 'journey failed' },
    ],
    diagnostics: ['plugin x failed'],
    ...overrides,
  };
}

/** Text of each inline element of a kind, as the browser hashes it for the CSP. */
function inline(html: string, tag: 'script' | 'style'): string[] {
  return [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]!);
}

/** The page's Content-Security-Policy, attribute-decoded. */
function csp(html: string): string {
  return /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1]!.replace(/&#39;/g, "'");
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

describe('HTML report rendering', () => {
  it('the verdict sentence first, the loss heatmap coloured by rate with its interval, — where unmeasured', () => {
    const html = renderReport(verdict());
    expect(html.indexOf('ga4 lost every order under baseline.')).toBeLessThan(html.indexOf('id="loss-matrix"'));
    const cells = [...html.matchAll(/<td class="cell ([^"]+)" data-rate="([^"]*)"[^>]*>(.*?)<\/td>/g)].map((m) => ({ heat: m[1], rate: m[2], text: m[3]!.replace(/<[^>]+>/g, ' ') }));
    // Rows are vendors, columns conditions.
    expect(cells.map((c) => [c.heat, c.rate])).toEqual([
      ['heat-10', '1'],
      ['heat-none', ''],
      ['heat-0', '0'],
      ['heat-none', ''],
    ]);
    expect(cells[0]!.text).toContain('100%');
    expect(cells[0]!.text).toContain('95%: 34%–100%');
    expect(cells[0]!.text).toContain('above threshold');
    expect(cells[1]!.text).toContain('—');
    expect(cells[2]!.text).toContain('1 duplicated');
  });

  it('findings by severity, errors first; alike findings folded; evidence as a key/value list', () => {
    const html = renderReport(verdict());
    const errors = html.indexOf('Errors (2)');
    const warnings = html.indexOf('Warnings (1)');
    const info = html.indexOf('For information (1)');
    expect(errors).toBeGreaterThan(0);
    expect(errors).toBeLessThan(warnings);
    expect(warnings).toBeLessThan(info);
    expect(html).toContain('and 1 more like it');
    expect(html).toContain('<dt>lostOrders<dd>[&quot;DS-1&quot;,&quot;DS-2&quot;]');
    expect(html).toContain('<a href="#journey-adblock.purchase.r1">adblock.purchase.r1</a>');
  });

  it('uPlot only with a gap chart; every inline script and style is pinned by its hash in the CSP', () => {
    const plain = renderReport(verdict());
    expect(inline(plain, 'script')).toEqual([]);
    expect(csp(plain)).toContain(`script-src 'none'`);

    const html = renderReport(hostileVerdict());
    const uplot = readFileSync(join('node_modules', 'uplot', 'dist', 'uPlot.iife.min.js'), 'utf8');
    const scripts = inline(html, 'script');
    expect(scripts[0]).toBe(uplot);
    expect(scripts).toHaveLength(2);
    const policy = csp(html);
    for (const script of scripts) expect(policy).toContain(sha256(script));
    for (const style of inline(html, 'style')) expect(policy).toContain(sha256(style));
    expect(policy).toContain(`default-src 'none'`);
    expect(html).not.toMatch(/<[^>]+\sstyle=/);
    // Nothing is loaded from anywhere: no external src, no <link> (a source link is only followed when clicked).
    expect(html).not.toMatch(/src="(https?:)?\/\//);
    expect(html).not.toMatch(/<link\b/);
  });

  it('a failed journey: its screenshot embedded and linked, trace and HAR linked, a missing file said so', () => {
    const runDir = mkdtempSync(join(tmpdir(), 'tagwatch-html-'));
    mkdirSync(join(runDir, 'artifacts', 'baseline.purchase.r1'), { recursive: true });
    writeFileSync(join(runDir, 'artifacts', 'baseline.purchase.r1', 'screenshot.png'), PNG_1x1);
    writeFileSync(join(runDir, 'artifacts', 'baseline.purchase.r1', 'trace.zip'), 'PK');
    const journey = {
      journeyId: 'baseline.purchase.r1',
      scenario: 'purchase',
      condition: 'baseline',
      repeat: 1,
      status: 'failed' as const,
      error: 'TimeoutError: locator.fill: Timeout 15000ms exceeded.',
      hits: [],
      vendors: {},
      lossCauses: {},
      artifacts: { screenshot: 'artifacts/baseline.purchase.r1/screenshot.png', trace: 'artifacts/baseline.purchase.r1/trace.zip', har: 'artifacts/baseline.purchase.r1/journey.har' },
    };
    const html = renderReport(verdict({ journeys: [journey] }), { runDir });
    expect(html).toContain(`<img src="data:image/png;base64,${PNG_1x1.toString('base64')}"`);
    expect(html).toContain('<a href="artifacts/baseline.purchase.r1/screenshot.png">');
    expect(html).toContain('<a href="artifacts/baseline.purchase.r1/trace.zip">Playwright trace</a>');
    expect(html).toContain('HAR of every request <span class="small muted">(not written: artifacts/baseline.purchase.r1/journey.har)</span>');
    expect(html).toMatch(/<details class="journey" id="journey-baseline.purchase.r1" open>/);
  });

  it('the loss cell reads the row\'s overThreshold when the judge set it, not the finding', () => {
    const judged = verdict({
      loss: [
        { vendor: 'ga4', condition: 'baseline', orders: 2, tracked: 1, attributable: null, lost: 1, duplicated: 0, consentPings: 0, lossRate: 0.5, ci95: [0.1, 0.9], maxLossRate: 0.6, overThreshold: false },
        { vendor: 'meta', condition: 'baseline', orders: 2, tracked: 1, attributable: null, lost: 1, duplicated: 0, consentPings: 0, lossRate: 0.5, ci95: [0.1, 0.9], maxLossRate: 0, overThreshold: true },
      ],
    });
    const flags = [...renderReport(judged).matchAll(/<span class="flag">([^<]*)<\/span>/g)].map((m) => m[1]);
    // ga4's finding says error, but the row is within its threshold: the row wins.
    expect(flags).toEqual(['within threshold', 'above threshold']);
  });

  it('the alert decision and its delivery next to the findings: which channel failed and why, what was sent', () => {
    const html = renderReport(
      verdict({
        alert: { alert: { kind: 'failure', monitor: 'shop', runId: 'R1', consecutiveFailures: 1, fingerprint: 'f', headline: 'ga4 purchase tracking broke on shop' }, reason: 'first failure of the monitor' },
        delivery: {
          sent: ['email'],
          failedChannels: ['slack'],
          problems: ['slack: Slack alert not sent to #alerts: chat.postMessage answered channel_not_found', 'teams: no webhook URL set'],
        },
      }),
    );
    expect(html).toContain('<p class="delivery-warning sev-error" id="delivery-warning">Alert not delivered via slack. <a href="#delivery">Why</a></p>');
    expect(html).toContain('<a href="#delivery">Alert</a>');
    const section = /<section class="card" id="delivery">([\s\S]*?)<\/section>/.exec(html)![1]!;
    expect(section).toContain('<strong>failure alert</strong>: ga4 purchase tracking broke on shop. <span class="muted">first failure of the monitor</span>');
    expect(section).toContain('<li class="channel failed" data-channel="slack"><strong>slack</strong> <span class="sev-error">not delivered</span>: <span class="mono">Slack alert not sent to #alerts: chat.postMessage answered channel_not_found</span></li>');
    expect(section).toContain('<li class="channel sent" data-channel="email"><strong>email</strong> <span class="sev-ok">sent</span></li>');
    expect(section).toContain('<h3>Notifier problems</h3><ul class="small mono"><li>teams: no webhook URL set</li></ul>');
    // Findings, then the alert, then the run notes (diagnostics).
    expect(html.indexOf('id="findings"')).toBeLessThan(html.indexOf('id="delivery"'));
    expect(html.indexOf('id="delivery"')).toBeLessThan(html.indexOf('id="notes"'));
    expect(html.indexOf('id="notes"')).toBeLessThan(html.indexOf('id="journeys"'));
    // Every channel failed: said in the warning.
    const alone = renderReport(verdict({ delivery: { sent: [], failedChannels: ['slack', 'email'], problems: [] } }));
    expect(alone).toContain('Alert not delivered via slack and email: this alert reached no one.');
    expect(alone).toContain('<span class="sev-error">not delivered</span></li>');
    // Neither a decision nor a delivery (older results): no section.
    expect(renderReport(verdict())).not.toContain('id="delivery"');
  });

  it('the html reporter: report.html\'s text from the verdict, nothing written', async () => {
    const { plugins, diagnostics } = await loadReporters();
    expect(diagnostics).toEqual([]);
    const monitor = validateMonitor({ ...REQUIRED_FIELDS, name: 'm', expect: { ga4: {} } }, 'm');
    const runDir = mkdtempSync(join(tmpdir(), 'tagwatch-html-'));
    const { outputs, problems } = renderReports(plugins.filter((p) => p.id === 'html'), verdict(), { runDir, monitor, env: {} });
    expect(problems).toEqual([]);
    expect(outputs.map((o) => [o.id, o.file])).toEqual([['html', 'report.html']]);
    expect(outputs[0]!.text).toMatch(/^<!doctype html>/);
    expect(outputs[0]!.text).toContain('ga4 lost every order under baseline.');
    expect(readdirSync(runDir)).toEqual([]);
  });
});
