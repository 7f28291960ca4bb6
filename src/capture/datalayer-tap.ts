import type { BrowserContext } from 'playwright';

export const DATALAYER_BINDING = '__tagwatchDataLayerPush';

/**
 * Runs in the page before any site script. Wraps `dataLayer.push` even when the site (or GTM)
 * reassigns `window.dataLayer` or replaces `push` later: `push` becomes an accessor that always
 * hands out our wrapper around the current implementation. The depth counter is the re-entrancy
 * guard: GTM's push calls push again internally, and those nested calls are not new pushes.
 */
function installDataLayerTap(bindingName: string): void {
  const w = window as unknown as Record<string, unknown>;
  const report = w[bindingName] as ((pageUrl: string, value: unknown) => void) | undefined;
  let depth = 0;

  const safeCopy = (value: unknown, level = 0): unknown => {
    if (value === null || typeof value !== 'object') return typeof value === 'function' ? '[function]' : value;
    if (level > 6) return '[deep]';
    if (typeof Node !== 'undefined' && value instanceof Node) return '[element]';
    if (Array.isArray(value)) return value.slice(0, 200).map((v) => safeCopy(v, level + 1));
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).slice(0, 200)) {
      try {
        out[key] = safeCopy((value as Record<string, unknown>)[key], level + 1);
      } catch {
        out[key] = '[unreadable]';
      }
    }
    return out;
  };

  const tap = (layer: unknown): unknown => {
    if (!Array.isArray(layer) || (layer as { __tagwatch?: boolean }).__tagwatch) return layer;
    let inner: (...items: unknown[]) => number = Array.prototype.push;
    const wrapper = function (this: unknown, ...items: unknown[]): number {
      depth++;
      try {
        if (depth === 1 && report) for (const item of items) report(location.href, safeCopy(item));
      } catch {
        // Reporting must never break the site's own tracking.
      }
      try {
        return inner.apply(this, items);
      } finally {
        depth--;
      }
    };
    Object.defineProperty(layer, 'push', {
      configurable: true,
      get: () => wrapper,
      set: (next: (...items: unknown[]) => number) => {
        inner = next;
      },
    });
    Object.defineProperty(layer, '__tagwatch', { value: true });
    // Pushes made before the tap (inline snippets above the first script) are reported too.
    if (report) for (const item of layer) report(location.href, safeCopy(item));
    return layer;
  };

  let current: unknown = tap(w.dataLayer ?? []);
  Object.defineProperty(window, 'dataLayer', {
    configurable: true,
    get: () => current,
    set: (next: unknown) => {
      current = tap(next);
    },
  });
}

/** Installs the dataLayer tap on every page of the context; pushes go to `onPush`. */
export async function attachDataLayerTap(
  context: BrowserContext,
  onPush: (pageUrl: string, value: unknown) => void,
): Promise<void> {
  await context.exposeBinding(DATALAYER_BINDING, (_source, pageUrl: string, value: unknown) => onPush(pageUrl, value));
  await context.addInitScript(installDataLayerTap, DATALAYER_BINDING);
}
