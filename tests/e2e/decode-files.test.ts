import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright';
import { expect, it } from 'vitest';
import { PACKAGE_DIR as PACKAGE_ROOT } from '../../src/package-paths.ts';
import { chromiumLaunchOptions } from '../../src/browser/launch-options.ts';
import { startDemoShop } from '../../src/demo-shop/index.ts';

const tagwatch = (args: string[]) => spawnSync(process.execPath, [join(PACKAGE_ROOT, 'bin', 'tagwatch.js'), ...args], { encoding: 'utf8', timeout: 60_000 });

it('decode --har: a HAR recorded by Playwright on the demo shop lists every vendor hit', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tagwatch-har-'));
  const harPath = join(dir, 'shop.har');
  const shop = await startDemoShop();
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const context = await browser.newContext({ recordHar: { path: harPath } });
    // Vendor endpoints are answered locally: nothing leaves the machine.
    await context.route(/google-analytics|facebook\.com|tiktok|googleadservices|doubleclick/, (route) => route.fulfill({ status: 204 }));
    const page = await context.newPage();
    await page.goto(shop.url);
    await page.getByRole('button', { name: 'Accept all' }).click();
    await page.waitForTimeout(500);
    await context.close();
  } finally {
    await browser.close();
    await shop.close();
  }
  const table = tagwatch(['decode', '--har', harPath]);
  expect(table.status).toBe(0);
  expect(table.stdout).toMatch(/ga4\s+page_view\s+pageview\s+G-DEMO0SHOP1/);
  expect(table.stdout).toMatch(/meta\s+PageView\s+pageview\s+1234567890123456/);
  expect(table.stdout).toMatch(/tiktok\s+Pageview/);
  const json = JSON.parse(tagwatch(['decode', '--har', harPath, '--json']).stdout) as { url: string; events: { vendor: string }[] }[];
  expect(new Set(json.flatMap((entry) => entry.events.map((e) => e.vendor)))).toEqual(new Set(['ga4', 'meta', 'tiktok', 'google-ads']));
});

it('decode --jsonl: one output line per input line, same order, bad lines say why', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tagwatch-jsonl-'));
  const input = join(dir, 'requests.jsonl');
  writeFileSync(
    input,
    [
      JSON.stringify({ url: 'https://www.facebook.com/tr/?id=1&ev=Purchase&cd[value]=10&cd[currency]=EUR&eid=A1' }),
      'not json',
      JSON.stringify({ url: 'https://example.com/not-a-tag' }),
      JSON.stringify({ url: 'https://region1.google-analytics.com/g/collect?v=2&tid=G-1', method: 'POST', body: 'en=page_view\nen=purchase&ep.transaction_id=T1' }),
    ].join('\n') + '\n',
  );
  const result = tagwatch(['decode', '--jsonl', input]);
  expect(result.status).toBe(0);
  const lines = result.stdout.trim().split('\n').map((l) => JSON.parse(l));
  expect(lines).toHaveLength(4);
  expect(lines[0].events[0]).toMatchObject({ vendor: 'meta', eventName: 'Purchase', value: 10, eventId: 'A1' });
  expect(lines[1]).toEqual({ events: [], error: expect.stringMatching(/^line 2: /) });
  expect(lines[2]).toEqual({ events: [] });
  expect(lines[3].events.map((e: { eventName: string }) => e.eventName)).toEqual(['page_view', 'purchase']);
  expect(tagwatch(['decode', '--jsonl', join(dir, 'missing.jsonl')]).stderr).toMatch(/Cannot read .*missing\.jsonl: ENOENT/);
});
