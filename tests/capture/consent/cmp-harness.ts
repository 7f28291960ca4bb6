import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';
import { chromiumLaunchOptions } from '../../../src/browser/launch-options.ts';
import { installConsentAutomation } from '../../../src/capture/consent-banner.ts';
import { serveCmpPages } from '../../../src/bench/cmp-pages-server.ts';
import { startLocalServer } from '../../support/local-server.ts';

/** How the page gets autoconsent: as the fixtures will install it, late (from handleConsentBanner), or not at all. */
export type AutoconsentSetup = 'upfront' | 'late';

export interface CmpVisit {
  context: BrowserContext;
  page: Page;
  /** https:// requests the page made (answered 204 here, none reaches the network). */
  vendorRequests: string[];
  /** Meta pixel hits among them: the marketing tag the CMP gates. */
  pixelHits(): string[];
  cookie(name: string): Promise<string | undefined>;
}

/** One Chromium and one loopback site for a test file; a fresh context per visit. */
export class CmpHarness {
  private constructor(
    private readonly browser: Browser,
    private readonly site: Awaited<ReturnType<typeof startLocalServer>>,
    private readonly contexts: BrowserContext[] = [],
  ) {}

  static async start(): Promise<CmpHarness> {
    const site = await startLocalServer(serveCmpPages);
    const browser = await chromium.launch(chromiumLaunchOptions());
    return new CmpHarness(browser, site);
  }

  get url(): string {
    return this.site.url;
  }

  /** `beforeVisit` runs on the fresh context before the page loads (to slow some of its requests down, say). */
  async visit(url: string, setup: AutoconsentSetup = 'upfront', beforeVisit?: (context: BrowserContext) => Promise<void>): Promise<CmpVisit> {
    const context = await this.browser.newContext();
    this.contexts.push(context);
    if (setup === 'upfront') await installConsentAutomation(context);
    const vendorRequests: string[] = [];
    await context.route('https://**/*', (route) => {
      vendorRequests.push(route.request().url());
      return route.fulfill({ status: 204 });
    });
    await beforeVisit?.(context);
    const page = await context.newPage();
    // A loaded machine (the loaded consent check runs two busy loops per core) can take longer than Playwright's 30 s to load a page.
    await page.goto(url.startsWith('http') ? url : `${this.site.url}/pages/${url}.html`, { timeout: 90_000 });
    return {
      context,
      page,
      vendorRequests,
      pixelHits: () => vendorRequests.filter((request) => request.startsWith('https://www.facebook.com/tr/')),
      cookie: async (name) => (await context.cookies()).find((cookie) => cookie.name === name)?.value,
    };
  }

  async close(): Promise<void> {
    await Promise.all(this.contexts.map((context) => context.close().catch(() => undefined)));
    await this.browser?.close();
    await this.site?.close();
  }
}

/**
 * Loads the machine on purpose: `perCore` busy loops per core, each a process of its own that
 * stops by itself after `maxMs` (10 min) if nobody stops it. `stop()` ends exactly those processes,
 * by their PIDs.
 */
export function loadMachine(perCore = 2, maxMs = 600_000): { stop(): void; pids: number[] } {
  const loops: ChildProcess[] = [];
  const count = perCore * availableParallelism();
  for (let i = 0; i < count; i++) {
    loops.push(spawn(process.execPath, ['-e', `const end = Date.now() + ${maxMs}; while (Date.now() < end) {}`], { stdio: 'ignore' }));
  }
  return {
    pids: loops.map((loop) => loop.pid!).filter(Boolean),
    stop() {
      for (const loop of loops) if (loop.exitCode === null && loop.signalCode === null) loop.kill('SIGKILL');
    },
  };
}
