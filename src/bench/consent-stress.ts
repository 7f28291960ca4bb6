import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Cookie } from 'playwright';
import { chromiumLaunchOptions } from '../browser/launch-options.ts';
import { handleConsentBanner, installConsentAutomation } from '../capture/consent-banner.ts';
import { CMP_PAGES_DIR, serveCmpPages } from './cmp-pages-server.ts';

/**
 * Consent under load: real CMPs from npm, answered many times by several browsers at once (as
 * several audits would on one small machine), counting the decisions that did not take. A
 * measurement, printed; nothing here asserts a timing.
 */

type Choice = 'accept' | 'refuse';

interface CmpPage {
  /** Name printed in the figures. */
  id: string;
  /** tests/fixtures/cmp-pages/<page>.html */
  page: string;
  /** What the CMP stored, read from its cookie: marketing allowed (true), refused (false), nothing yet. */
  stored(cookies: Cookie[]): boolean | undefined;
}

const cookie = (cookies: Cookie[], name: string) => cookies.find((c) => c.name === name)?.value;
const json = (value: string | undefined): Record<string, unknown> | undefined => {
  if (!value) return undefined;
  try {
    return JSON.parse(decodeURIComponent(value)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
};

/** The CMP pages the consent tests use, each gating a Meta pixel behind a "marketing" consent. */
export const STRESSED_CMPS: CmpPage[] = [
  {
    id: 'tarteaucitron',
    page: 'tarteaucitron',
    stored: (cookies) => {
      const value = cookie(cookies, 'tarteaucitron');
      return value?.includes('shoppixel=true') ? true : value?.includes('shoppixel=false') ? false : undefined;
    },
  },
  {
    id: 'cookieconsent',
    page: 'cookieconsent',
    stored: (cookies) => {
      const categories = json(cookie(cookies, 'cc_cookie'))?.categories;
      return Array.isArray(categories) ? categories.includes('marketing') : undefined;
    },
  },
  {
    id: 'klaro',
    page: 'klaro',
    stored: (cookies) => {
      const value = json(cookie(cookies, 'klaro'))?.['meta-pixel'];
      return typeof value === 'boolean' ? value : undefined;
    },
  },
  {
    id: 'osano',
    page: 'osano',
    stored: (cookies) => {
      const value = cookie(cookies, 'cookieconsent_status');
      return value === 'allow' ? true : value === 'deny' ? false : undefined;
    },
  },
  {
    id: 'orejime',
    page: 'orejime',
    stored: (cookies) => {
      const value = json(cookie(cookies, 'orejime'))?.['meta-pixel'];
      return typeof value === 'boolean' ? value : undefined;
    },
  },
];

export interface DecisionFailure {
  cmp: string;
  choice: Choice;
  /** What went wrong, as a user would check it: the outcome, the stored choice, the pixel. */
  problem: string;
}

export interface CmpStress {
  cmp: string;
  decisions: number;
  failures: DecisionFailure[];
  /** Seconds handleConsentBanner took, per decision. */
  seconds: number[];
}

export interface ConsentStressOptions {
  /** Decisions per CMP, accept and refuse alternated. Default 100. */
  decisions?: number;
  /** Browsers deciding at once (one per audit). Default 4. */
  browsers?: number;
  /** Progress lines (one per CMP round of decisions). */
  progress?: (line: string) => void;
}

/** How long the pixel of an accepted banner gets to fire: the CMP loads it after storing the choice. */
const PIXEL_WAIT_MS = 10_000;

/**
 * `decisions` accept/refuse decisions on each CMP page, `browsers` Chromiums working through one
 * queue at once, CMPs interleaved so every CMP sees the same load. A decision fails when
 * handleConsentBanner does not report the choice, the CMP did not store it, or the pixel disagrees.
 */
export async function measureConsentStress(options: ConsentStressOptions = {}): Promise<CmpStress[]> {
  const decisions = options.decisions ?? 100;
  const browserCount = options.browsers ?? 4;
  for (const cmp of STRESSED_CMPS) {
    if (!existsSync(join(CMP_PAGES_DIR, `${cmp.page}.html`))) {
      throw new Error(`consent bench: ${join(CMP_PAGES_DIR, `${cmp.page}.html`)} is missing; it runs in tagwatch's repository, with its devDependencies installed (npm install)`);
    }
  }
  const results = new Map(STRESSED_CMPS.map((cmp) => [cmp.id, { cmp: cmp.id, decisions: 0, failures: [], seconds: [] } as CmpStress]));
  const queue: { cmp: CmpPage; choice: Choice }[] = [];
  for (let i = 0; i < decisions; i++) for (const cmp of STRESSED_CMPS) queue.push({ cmp, choice: i % 2 === 0 ? 'accept' : 'refuse' });
  const total = queue.length;

  const server = createServer(serveCmpPages);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const site = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browsers: Browser[] = [];
  try {
    for (let i = 0; i < browserCount; i++) browsers.push(await chromium.launch(chromiumLaunchOptions()));
    let done = 0;
    await Promise.all(
      browsers.map(async (browser) => {
        for (let task = queue.shift(); task; task = queue.shift()) {
          const result = results.get(task.cmp.id)!;
          const outcome = await decideOnce(browser, site, task.cmp, task.choice);
          result.decisions++;
          result.seconds.push(outcome.seconds);
          if (outcome.problem) result.failures.push({ cmp: task.cmp.id, choice: task.choice, problem: outcome.problem });
          done++;
          if (done % 50 === 0) options.progress?.(`consent-progress: ${done}/${total} decisions, load average ${loadavg()[0]!.toFixed(1)}`);
        }
      }),
    );
  } finally {
    await Promise.all(browsers.map((browser) => browser.close().catch(() => undefined)));
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  }
  return [...results.values()];
}

/** One visitor: a fresh context (as a journey gets), the page, the banner answered, the result checked. */
async function decideOnce(browser: Browser, site: string, cmp: CmpPage, choice: Choice): Promise<{ seconds: number; problem?: string }> {
  const context = await browser.newContext();
  try {
    await installConsentAutomation(context);
    let pixelHits = 0;
    await context.route('https://**/*', (route) => {
      if (route.request().url().startsWith('https://www.facebook.com/tr/')) pixelHits++;
      return route.fulfill({ status: 204 });
    });
    const page = await context.newPage();
    await page.goto(`${site}/pages/${cmp.page}.html`);
    const started = performance.now();
    const result = await handleConsentBanner(page, choice);
    const seconds = (performance.now() - started) / 1000;
    const expected = choice === 'accept' ? 'accepted' : 'refused';
    if (result.outcome !== expected) return { seconds, problem: `${result.outcome}: ${result.detail ?? 'no detail'}` };
    // What the visitor's choice changes: the CMP's stored choice, and whether the pixel loads.
    const until = Date.now() + PIXEL_WAIT_MS;
    for (;;) {
      const stored = cmp.stored(await context.cookies());
      const settled = stored === (choice === 'accept') && (choice === 'refuse' || pixelHits > 0);
      if (settled) break;
      if (Date.now() >= until) {
        return { seconds, problem: `${expected} (${result.detail ?? ''}) but the CMP stored ${stored === undefined ? 'nothing' : stored ? 'consent' : 'a refusal'} and the pixel fired ${pixelHits} time(s)` };
      }
      await page.waitForTimeout(200);
    }
    if (choice === 'refuse' && pixelHits > 0) return { seconds, problem: `refused but the pixel fired ${pixelHits} time(s)` };
    return { seconds };
  } catch (error) {
    return { seconds: 0, problem: `the decision threw: ${(error as Error).message.split('\n')[0]}` };
  } finally {
    await context.close().catch(() => undefined);
  }
}
