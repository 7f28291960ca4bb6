import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright';
import { chromiumLaunchOptions } from '../../src/browser/launch-options.ts';
import { decodePng } from '../report/html/png.ts';
import { reportRecorded } from './recorded-run.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch(chromiumLaunchOptions());
});
afterAll(async () => {
  await browser?.close();
});

/** CSS colour "rgb(216, 240, 220)" as [r, g, b]. */
function rgb(css: string): [number, number, number] {
  const [r, g, b] = css.match(/\d+/g)!.map(Number);
  return [r!, g!, b!];
}

/**
 * The HTML report of a recorded demo audit (baseline + adblock with observed figures,
 * tests/fixtures/runs/adblock-observed), written again by `tagwatch report` and opened in Chromium.
 * Was tests/e2e/report-html.test.ts, which audited the shop first; that passing journeys keep no
 * artifacts is checked by the real audit of tests/e2e/audit-adblock.test.ts.
 */
describe('HTML report of a recorded demo audit (baseline + adblock), opened in Chromium', () => {
  it('opens with no error, draws the gap waterfalls, and the loss matrix shows 0% and 100% in different colours', async () => {
    const { verdict, runDir } = await reportRecorded('adblock-observed');
    const file = join(runDir, 'report.html');
    expect(statSync(file).size).toBeLessThan(400_000);

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    expect(problems).toEqual([]);
    expect(await page.textContent('#verdict')).toBe(verdict.summary);
    const modelled = verdict.gap!.vendors.filter((v) => v.modelled).length;
    expect(modelled).toBeGreaterThan(0);
    expect(await page.locator('.waterfall canvas').count()).toBe(modelled);

    const matrix = page.locator('#loss-matrix');
    const png = join(mkdtempSync(join(tmpdir(), 'tagwatch-report-shot-')), 'loss-matrix.png');
    await matrix.screenshot({ path: png });
    const image = decodePng(readFileSync(png));
    const box = (await matrix.boundingBox())!;
    expect(Math.abs(image.width - box.width)).toBeLessThanOrEqual(1);
    expect(Math.abs(image.height - box.height)).toBeLessThanOrEqual(1);
    expect(image.width).toBeGreaterThan(300);
    expect(image.height).toBeGreaterThan(150);
    expect(statSync(png).size).toBeGreaterThan(2_000);

    // ga4 lost nothing under baseline and everything under adblock (EasyPrivacy blocks it).
    const cells = await page.evaluate(() => {
      const table = document.querySelector('#loss-matrix')!.getBoundingClientRect();
      return [...document.querySelectorAll<HTMLElement>('#loss-matrix td.cell')].map((cell) => {
        const r = cell.getBoundingClientRect();
        return { rate: cell.dataset.rate, x: Math.round(r.left - table.left) + 5, y: Math.round(r.top - table.top) + 5, background: getComputedStyle(cell).backgroundColor };
      });
    });
    const clean = cells.find((c) => c.rate === '0')!;
    const lost = cells.find((c) => c.rate === '1')!;
    expect(clean).toBeDefined();
    expect(lost).toBeDefined();
    expect(clean.background).not.toBe(lost.background);
    // The screenshot shows each cell in its own colour (the corner inside the padding, away from text).
    const near = (a: number[], b: number[]) => a.every((v, i) => Math.abs(v - b[i]!) <= 3);
    expect(near(image.pixel(clean.x, clean.y), rgb(clean.background))).toBe(true);
    expect(near(image.pixel(lost.x, lost.y), rgb(lost.background))).toBe(true);
    expect(near(image.pixel(clean.x, clean.y), image.pixel(lost.x, lost.y))).toBe(false);
    await page.close();
  });
});
