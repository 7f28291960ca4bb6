import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright';
import { chromiumLaunchOptions } from '../../../src/browser/launch-options.ts';
import { renderReport } from '../../../src/report/html/page.ts';
import { hostileVerdict } from './hostile-verdict.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch(chromiumLaunchOptions());
});
afterAll(async () => {
  await browser?.close();
});

describe('HTML report over hostile captured data (real Chromium)', () => {
  it('runs none of it, makes no request, and shows it as text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagwatch-xss-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, renderReport(hostileVerdict(), { runDir: dir }));
    const url = pathToFileURL(file).href;

    const context = await browser.newContext();
    const requests: string[] = [];
    const dialogs: string[] = [];
    const consoleErrors: string[] = [];
    const pageErrors: string[] = [];
    context.on('request', (request) => requests.push(request.url()));
    const page = await context.newPage();
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(url, { waitUntil: 'load' });
    // Hover and open everything: a payload waiting for a mouse or a toggle gets its chance too.
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => d.setAttribute('open', '')));
    await page.hover('#loss-matrix td.cell');
    await page.waitForTimeout(200);

    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(requests.filter((r) => r !== url)).toEqual([]);

    const dom = await page.evaluate(() => {
      const all = [...document.querySelectorAll('*')];
      return {
        eventAttributes: all.flatMap((el) => [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${el.tagName}@${a.name}`)),
        scripts: [...document.scripts].map((s) => s.type || 'classic'),
        images: document.images.length,
        svgs: document.querySelectorAll('svg').length,
        hrefs: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')!),
        verdict: document.querySelector('#verdict')?.textContent,
        evidenceKeys: [...document.querySelectorAll('#findings dl.kv dt')].map((dt) => dt.textContent),
        params: [...document.querySelectorAll('#journeys dl.kv dd')].map((dd) => dd.textContent),
        paramKeys: [...document.querySelectorAll('#journeys dl.kv dt')].map((dt) => dt.textContent),
        charts: document.querySelectorAll('.waterfall canvas').length,
        delivery: document.querySelector('#delivery')?.textContent ?? '',
        warning: document.querySelector('#delivery-warning')?.textContent ?? '',
        timeline: [...document.querySelectorAll('#journeys table.timeline tbody tr')].map((tr) => (tr as HTMLElement).innerText.replace(/\s+/g, ' ')),
      };
    });
    expect(dom.eventAttributes).toEqual([]);
    // uPlot, the chart script and the chart data: nothing else became a script.
    expect(dom.scripts).toEqual(['application/json', 'classic', 'classic']);
    expect(dom.images).toBe(0);
    expect(dom.svgs).toBe(0);
    expect(dom.hrefs.filter((href) => !href.startsWith('#') && !href.startsWith('https://'))).toEqual([]);
    expect(dom.hrefs.every((href) => !/javascript:|<|"/i.test(href))).toBe(true);
    // Shown, not swallowed: the payloads are there as text.
    expect(dom.verdict).toContain('<script>window.__pwned=1</script>');
    expect(dom.verdict).toContain('"><img src=x onerror="window.__pwned=1">');
    expect(dom.evidenceKeys).toContain('<script>window.__pwned=1</script>');
    expect(dom.params).toContain('<script>window.__pwned=1</script>');
    expect(dom.paramKeys).toContain('</script><script>window.__pwned=1</script>');
    // The alert and its delivery: channel names and reasons as text.
    expect(dom.delivery).toContain('<script>window.__pwned=1</script> not delivered: "><img src=x onerror="window.__pwned=1">');
    expect(dom.delivery).toContain("'><svg onload=window.__pwned=1> sent: <!--<script>window.__pwned=1//-->");
    expect(dom.delivery).toContain('javascript:window.__pwned=1');
    expect(dom.warning).toContain('Alert not delivered via <script>window.__pwned=1</script>');
    // The timeline: the blocking rule and its list as text, a late purchase marked.
    expect(dom.timeline[0]).toContain('blocked by "><img src=x onerror="window.__pwned=1"> line 12: <script>window.__pwned=1</script>');
    expect(dom.timeline[0]).toContain('line 2 of a batched request');
    expect(dom.timeline[2]).toMatch(/\+2\.5 s after confirmation load \+3 s after the order late: past 1 s/i);
    // The hostile vendor name went through the chart data and was drawn, not run.
    expect(dom.charts).toBe(1);
    await context.close();
  });
});
