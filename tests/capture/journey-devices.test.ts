import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { devices } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceContextOptions } from '../../src/capture/fixtures.ts';
import { conditionProblems } from '../../src/conditions/define-condition.ts';
import type { PageLoad, RunEvent } from '../../src/model/run-event.ts';
import { readRunLog } from '../../src/record/run-log.ts';
import { writeRunSettings } from '../../src/record/run-settings.ts';
import { validateMonitor } from '../../src/monitor/load-monitor.ts';
import { startLocalServer } from '../support/local-server.ts';
import { runTagwatchPlaywright } from '../support/playwright-run.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const src = (path: string) => JSON.stringify(join(REPO, path));

/**
 * The site: /device tells what the visitor's browser is (the headers it sent are put in the page)
 * and sets a script cookie named after the device; /confirmation is an order confirmation whose
 * purchase pixel sends 1.5 s after the load event, as a late tag does.
 */
function site(): Parameters<typeof startLocalServer>[0] {
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    if (path === '/device') {
      // As a shop's page: laid out at the device's width (else a phone lays it out at 980 px).
      res.end(`<meta name="viewport" content="width=device-width, initial-scale=1"><title>device</title><script>
        window.__headers = ${JSON.stringify(req.headers)};
        document.cookie = (navigator.maxTouchPoints > 0 ? 'phone_cookie' : 'laptop_cookie') + '=1; Path=/; Max-Age=34560000';
      </script>`);
    } else if (path === '/confirmation') {
      res.end(`<title>Thank you</title><p>Order DS-1</p><script>
        new Image().src = 'https://www.facebook.com/tr/?id=123456&ev=PageView';
        addEventListener('load', () => setTimeout(() => { new Image().src = 'https://www.facebook.com/tr/?id=123456&ev=Purchase&cd[value]=10&cd[currency]=EUR'; }, 1500));
      </script>`);
    } else res.end('<title>elsewhere</title>');
  };
}

/** A condition of the project's own: the first device is a phone, with a header, a script and Safari's cookie caps. */
const PHONE_CONDITION = `import { defineCondition } from ${src('src/conditions/define-condition.ts')};
export default defineCondition({
  id: 'phone-caps',
  description: 'a phone with a header, a script and cookie caps',
  contextOptions: { ...${JSON.stringify(devices['Pixel 7'])}, locale: 'fr-FR', extraHTTPHeaders: { 'X-Tagwatch-Condition': 'phone-caps' } },
  initScript: "window.__condition = 'phone-caps';",
  cookieCaps: { scriptSetDays: 7, decoratedLandingHours: 24 },
});
`;

const LOOK = `async (page) => {
  await page.goto('/device');
  return page.evaluate(() => ({
    userAgent: navigator.userAgent,
    innerWidth: window.innerWidth,
    maxTouchPoints: navigator.maxTouchPoints,
    language: navigator.language,
    conditionScript: window.__condition ?? null,
    conditionHeader: window.__headers['x-tagwatch-condition'] ?? null,
    cookies: document.cookie,
  }));
}`;

function scenarios(resultsFile: string): Record<string, string> {
  return {
    devices: `import { writeFileSync } from 'node:fs';
import { test } from ${src('src/index.ts')};
const look = ${LOOK};
test('devices', async ({ page, journey, newDevice }) => {
  const first = await look(page);
  const laptop = await (await newDevice('desktop')).newPage();
  const desktop = await look(laptop);
  const tablet = await (await newDevice('phone')).newPage();
  const phone = await look(tablet);
  await tablet.context().close();
  const returned = await journey.returnAfterDays(10);
  writeFileSync(${JSON.stringify(resultsFile)}, JSON.stringify({ first, desktop, phone, returned }));
});
`,
    confirmation: `import { writeFileSync } from 'node:fs';
import { test } from ${src('src/index.ts')};
test('confirmation', async ({ page, journey }) => {
  await page.goto('/confirmation');
  await journey.dwellOnConfirmation(page);
  // When the visitor was ready to leave, on the worker's clock (the clock of hits and page loads).
  writeFileSync(${JSON.stringify(resultsFile)}.replace('devices.json', journey.id + '.json'), JSON.stringify({ leftAt: new Date().toISOString() }));
  // Then leave: the tab is closed, as a buyer in a hurry does.
  await page.close();
});
`,
  };
}

interface Run {
  output: string;
  exitCode: number | null;
  events: RunEvent[];
  results: Record<string, Record<string, unknown>>;
}

async function runJourneys(baseUrl: string): Promise<Run> {
  const projectDir = mkdtempSync(join(tmpdir(), 'tagwatch-devices-'));
  const scenariosDir = join(projectDir, 'scenarios');
  mkdirSync(scenariosDir);
  mkdirSync(join(projectDir, 'conditions'));
  writeFileSync(join(projectDir, 'package.json'), JSON.stringify({ name: 'shop', private: true, type: 'module' }));
  writeFileSync(join(projectDir, 'conditions', 'phone-caps.ts'), PHONE_CONDITION);
  const resultsFile = join(projectDir, 'devices.json');
  for (const [name, text] of Object.entries(scenarios(resultsFile))) writeFileSync(join(scenariosDir, `${name}.scenario.ts`), text);
  const monitor = validateMonitor(
    {
      name: 'devices',
      site: { baseUrl },
      orders: { source: 'demo', url: baseUrl },
      scenariosDir,
      plugins: { conditions: [join(projectDir, 'conditions')] },
      scenarios: { default: ['confirmation'], 'phone-caps': ['devices', 'confirmation'] },
      conditions: ['phone-caps', 'fast-exit'],
      repeat: 1,
      // Generous: a shared test machine can take seconds per page load.
      browser: { workers: 1, journeyTimeoutSeconds: 300 },
      alerts: { rerunFailedJourneys: false },
      expect: { meta: { eventName: 'Purchase' } },
    },
    join(projectDir, 'devices.monitor.ts'),
  );
  const runDir = join(projectDir, 'run');
  mkdirSync(runDir);
  const file = (name: string) => ({ name, file: join(scenariosDir, `${name}.scenario.ts`) });
  const plan = [
    // Two conditions, so two browsers: the phone reads the confirmation page as any condition but fast-exit does.
    { condition: 'phone-caps', scenarios: [file('devices'), file('confirmation')] },
    { condition: 'fast-exit', scenarios: [file('confirmation')] },
  ];
  writeRunSettings({ runId: 'devices-test', runDir, baseUrl, monitor, projectDir, plan, capture: true });
  const { exitCode, output } = await runTagwatchPlaywright(projectDir, runDir);
  let results = {};
  try {
    results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  } catch {
    // The devices journey failed: its test says so with the output.
  }
  for (const id of ['phone-caps.confirmation.r1', 'fast-exit.confirmation.r1']) {
    try {
      (results as Record<string, unknown>)[id] = JSON.parse(readFileSync(join(projectDir, `${id}.json`), 'utf8'));
    } catch {
      // That journey failed: its test says so with the output.
    }
  }
  return { output, exitCode, events: readRunLog(runDir).events, results };
}

describe('every device of a journey gets the condition whole; page loads and the confirmation dwell (real Chromium)', () => {
  let server: Awaited<ReturnType<typeof startLocalServer>>;
  let run: Run;
  beforeAll(async () => {
    server = await startLocalServer(site());
    run = await runJourneys(server.url);
    // Two browsers and four journeys; minutes on a machine shared with other test runs.
  }, 600_000);
  afterAll(async () => {
    await server?.close();
  });

  it('the journey starts on the condition\'s phone; newDevice("desktop") is a desktop, newDevice("phone") a phone; both get its header, script and locale', () => {
    expect(run.exitCode, run.output).toBe(0);
    const { first, desktop, phone } = run.results;
    expect(first).toMatchObject({ userAgent: expect.stringMatching(/Android.*Mobile/), innerWidth: 412, maxTouchPoints: expect.any(Number), language: 'fr-FR', conditionScript: 'phone-caps', conditionHeader: 'phone-caps' });
    expect(first!.maxTouchPoints).toBeGreaterThan(0);
    // The laptop of cross-device: a desktop user agent, a desktop viewport, no touch.
    expect(desktop).toMatchObject({ innerWidth: 1280, maxTouchPoints: 0, language: 'fr-FR', conditionScript: 'phone-caps', conditionHeader: 'phone-caps' });
    expect(desktop!.userAgent).not.toMatch(/Mobile|Android/);
    expect(desktop!.userAgent).toMatch(/Windows NT|Macintosh|X11/);
    expect(phone).toMatchObject({ userAgent: expect.stringMatching(/Android.*Mobile/), innerWidth: 412, conditionScript: 'phone-caps', conditionHeader: 'phone-caps' });
    // Fresh storage on each device: the laptop does not see the phone's cookie.
    expect(desktop!.cookies).toBe('laptop_cookie=1');
  });

  it('cookie caps apply on every device: a return visit 10 days later expires the script cookies of the phone and of the laptop', () => {
    expect(run.results.returned, run.output).toEqual({ removed: ['laptop_cookie', 'phone_cookie'], kept: [] });
    expect(run.events).toContainEqual(expect.objectContaining({ type: 'return-visit', journeyId: 'phone-caps.devices.r1', days: 10, removedCookies: ['laptop_cookie', 'phone_cookie'] }));
  });

  it('each main-frame load of every page of every device is a page-load line, on the clock of the hits', () => {
    const loads = run.events.filter((e): e is PageLoad => e.type === 'page-load' && e.journeyId === 'phone-caps.devices.r1');
    // The phone's page, the laptop's, the second phone's: each loads /device once.
    expect(loads.filter((l) => l.url.endsWith('/device')).length, run.output).toBe(3);
    for (const load of loads) expect(Number.isNaN(Date.parse(load.time))).toBe(false);
  });

  it('a reading visitor (any condition but fast-exit) is still on the confirmation page when the late pixel sends; a fast exit (fast-exit) loses it', () => {
    const purchase = (journeyId: string) => run.events.filter((e) => e.type === 'hit' && e.journeyId === journeyId && e.url.includes('ev=Purchase'));
    const pageView = (journeyId: string) => run.events.filter((e) => e.type === 'hit' && e.journeyId === journeyId && e.url.includes('ev=PageView'));
    const confirmationLoad = (journeyId: string) => run.events.find((e): e is PageLoad => e.type === 'page-load' && e.journeyId === journeyId && e.url.endsWith('/confirmation'));

    const reading = 'phone-caps.confirmation.r1';
    expect(purchase(reading), run.output).toHaveLength(1);
    const load = confirmationLoad(reading);
    expect(load, run.output).toBeDefined();
    // The pixel's delay, hit time minus load time: both stamped by the worker's clock.
    const delay = Date.parse(purchase(reading)[0]!.time) - Date.parse(load!.time);
    // The pixel's timer starts at the page's load event; Node hears of the load a little later.
    expect(delay).toBeGreaterThanOrEqual(1000);
    // Measured from the confirmation's load, not from an earlier event: a bound late timers on a loaded machine cannot reach.
    expect(delay).toBeLessThan(12_000);

    // The reading visitor was ready to leave only after the pixel had sent.
    expect(Date.parse(String(run.results[reading]?.leftAt))).toBeGreaterThan(Date.parse(purchase(reading)[0]!.time));

    // The quick leaver was ready to leave at the load event, before the pixel's timer ran out: on
    // an idle machine the tab is closed before it sends (on a loaded one the close itself can
    // take longer than 1.5 s, so that is not asserted here).
    const leaving = 'fast-exit.confirmation.r1';
    expect(confirmationLoad(leaving), run.output).toBeDefined();
    expect(pageView(leaving)).toHaveLength(1);
    const leftAt = Date.parse(String(run.results[leaving]?.leftAt));
    // Compared with the reader on the same machine at the same time, not with a fixed time: the
    // quick leaver stayed less after the load than the reader, who waited for the pixel.
    const readerStayed = Date.parse(String(run.results[reading]?.leftAt)) - Date.parse(load!.time);
    expect(leftAt - Date.parse(confirmationLoad(leaving)!.time)).toBeLessThan(readerStayed);
    for (const late of purchase(leaving)) expect(Date.parse(late.time)).toBeGreaterThan(leftAt);
  });
});

describe('device options and the confirmationDwell field', () => {
  it("a device's profile replaces the condition's, every other option of the condition stays, nothing of the test's context leaks", () => {
    const options = deviceContextOptions('desktop', { userAgent: 'phone UA', isMobile: true, hasTouch: true, viewport: { width: 412, height: 839 }, timezoneId: 'Europe/Paris', extraHTTPHeaders: { 'Sec-GPC': '1' } }, 'http://shop.test');
    expect(options).toMatchObject({ isMobile: false, hasTouch: false, viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, timezoneId: 'Europe/Paris', extraHTTPHeaders: { 'Sec-GPC': '1' }, locale: 'en-US', baseURL: 'http://shop.test' });
    expect(options.userAgent).not.toBe('phone UA');
    // Present, undefined: Playwright would otherwise fill them from the journey's own context.
    expect('recordHar' in options && options.recordHar === undefined).toBe(true);
    expect('storageState' in options && options.storageState === undefined).toBe(true);
  });

  it('a condition file with an unknown confirmationDwell is explained', () => {
    expect(conditionProblems({ description: 'x', confirmationDwell: 'leave-now' })).toEqual([`\`confirmationDwell\` must be 'read' or 'leave-at-load' (got "leave-now")`]);
    expect(conditionProblems({ description: 'x', confirmationDwell: 'leave-at-load' })).toEqual([]);
  });
});
