import type { BrowserContext } from 'playwright';
import { returnVisitAfter, SCRIPT_COOKIE_BINDING, SCRIPT_COOKIE_TAP_SOURCE, type CapResult, type CookieCaps } from '../cookie-caps.ts';
import type { Collector, JourneyScope } from './collector.ts';

/**
 * A condition's cookie caps (itp): notes which cookies the pages' scripts write in every context
 * of the journey (its own and each device it opens: a Safari user's laptop caps cookies too), so
 * that `journey.returnAfterDays(days)` expires those the caps would have, on every device.
 */
export class CookieCapsCollector implements Collector {
  readonly name = 'cookie-caps';
  /** Script-set cookie names per context. */
  readonly #scriptCookies = new WeakMap<BrowserContext, Set<string>>();
  /** The contexts of each journey in progress, its own first. */
  readonly #contexts = new Map<string, BrowserContext[]>();
  /** The caps of each journey in progress whose condition has some. */
  readonly #caps = new Map<string, CookieCaps>();

  /** The caps of the journey's condition, before its contexts are added; none: nothing is noted or expired. */
  capJourney(journeyId: string, caps: CookieCaps | undefined): void {
    if (caps) this.#caps.set(journeyId, caps);
    else this.#caps.delete(journeyId);
  }

  async addContext(context: BrowserContext, journey: JourneyScope): Promise<void> {
    if (!this.#caps.has(journey.id)) return;
    const names = new Set<string>();
    this.#scriptCookies.set(context, names);
    const contexts = this.#contexts.get(journey.id) ?? [];
    if (!contexts.includes(context)) contexts.push(context);
    this.#contexts.set(journey.id, contexts);
    // A device the scenario closed has no cookies left to cap.
    context.once('close', () => {
      const open = this.#contexts.get(journey.id);
      if (open) this.#contexts.set(journey.id, open.filter((c) => c !== context));
    });
    await context.exposeBinding(SCRIPT_COOKIE_BINDING, (_source, name: string) => void names.add(name));
    await context.addInitScript({ content: SCRIPT_COOKIE_TAP_SOURCE });
  }

  /**
   * A return visit `days` later on every device of the journey still open, the caps applied (see
   * returnVisitAfter). Cookie names removed or kept on any of them.
   */
  async returnVisit(journeyId: string, days: number, decoratedLanding: boolean): Promise<CapResult> {
    const caps = this.#caps.get(journeyId);
    // Elsewhere than under cookie caps nothing expires in a couple of days.
    if (!caps) return { removed: [], kept: [] };
    const removed = new Set<string>();
    const kept = new Set<string>();
    for (const context of this.#contexts.get(journeyId) ?? []) {
      const result = await returnVisitAfter(context, days, this.#scriptCookies.get(context) ?? new Set(), caps, decoratedLanding);
      for (const name of result.removed) removed.add(name);
      for (const name of result.kept) kept.add(name);
    }
    return { removed: [...removed].sort(), kept: [...kept].filter((name) => !removed.has(name)).sort() };
  }

  afterJourney(journey: JourneyScope): void {
    this.#contexts.delete(journey.id);
    this.#caps.delete(journey.id);
  }
}

