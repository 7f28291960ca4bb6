import type { BrowserContext } from 'playwright';
import { returnVisitAfter, SCRIPT_COOKIE_BINDING, SCRIPT_COOKIE_TAP_SOURCE, type CapResult, type CookieCaps } from '../cookie-caps.ts';
import type { Collector, JourneyScope } from './collector.ts';

/**
 * A condition's cookie caps (itp): notes which cookies the pages' scripts write in the journey's
 * own context, so that `journey.returnAfterDays(days)` expires those the caps would have.
 */
export class CookieCapsCollector implements Collector {
  readonly name = 'cookie-caps';
  /** Script-set cookie names per journey context. */
  readonly #scriptCookies = new WeakMap<BrowserContext, Set<string>>();

  constructor(private readonly caps: CookieCaps) {}

  async addContext(context: BrowserContext, journey: JourneyScope): Promise<void> {
    // The return visit happens in the journey's own context; other devices are other visitors' browsers.
    if (context !== journey.context) return;
    const names = new Set<string>();
    this.#scriptCookies.set(context, names);
    await context.exposeBinding(SCRIPT_COOKIE_BINDING, (_source, name: string) => void names.add(name));
    await context.addInitScript({ content: SCRIPT_COOKIE_TAP_SOURCE });
  }

  /** A return visit `days` later in the journey's context, the caps applied (see returnVisitAfter). */
  returnVisit(context: BrowserContext, days: number, decoratedLanding: boolean): Promise<CapResult> {
    return returnVisitAfter(context, days, this.#scriptCookies.get(context) ?? new Set(), this.caps, decoratedLanding);
  }
}
