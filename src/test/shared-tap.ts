import type { Browser } from 'playwright';
import { NetworkTap } from '../capture/network-tap.ts';
import type { Tracking } from './tracking.ts';

/** The test whose tag hits the tap is collecting, and how it wants them answered. */
interface Capture {
  tracking: Tracking;
  liveHits: boolean;
}

/**
 * One browser-level tap for a worker's browser, lent to one test's `tracking` at a time.
 *
 * It is attached before the worker's first browser context, not when a test asks for `tracking`:
 * Chromium applies a browser-level Fetch.enable only to documents loaded after it (measured: a
 * page opened before it, e.g. by a `page` fixture set up first or a beforeEach that navigates,
 * sends its hits straight past the tap until it navigates again). While no test is tracking,
 * every request is passed on unchanged.
 */
export class SharedTap {
  #capture: Capture | undefined;
  readonly tap: NetworkTap;

  constructor() {
    const shared = this;
    this.tap = new NetworkTap({
      // The tracking test's own catalog claims: its endpoints, its baseURL.
      classify: (url) => this.#capture?.tracking.catalog.claim(url),
      // A getter: the tap reads it for each request, and each test brings its own choice.
      get liveHits() {
        return shared.#capture?.liveHits === true;
      },
    });
    this.tap.setSink({ hit: (hit) => this.#capture?.tracking.record(hit), network: () => undefined });
  }

  attach(browser: Browser): Promise<void> {
    return this.tap.attach(browser);
  }

  detach(): Promise<void> {
    return this.tap.detach();
  }

  /** From now on, tag hits are this test's. A worker runs one test at a time. */
  start(tracking: Tracking, liveHits: boolean): void {
    if (this.#capture) throw new Error('tagwatch/test: two tests tracking in one worker at once; Playwright runs one test per worker, so this is a tagwatch bug');
    this.#capture = { tracking, liveHits };
  }

  stop(): void {
    this.#capture = undefined;
  }
}
