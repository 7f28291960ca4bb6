import type { BrowserContext } from 'playwright';

export const DATALAYER_BINDING = '__tagwatchDataLayerPush';

/**
 * Runs in the page before any site script. Plain JavaScript text, not a serialized function:
 * TypeScript loaders (tsx keeps names) inject helpers that do not exist in the page.
 *
 * `dataLayer.push` becomes an accessor: whatever the site (or GTM) assigns is wrapped, so pushes
 * are seen even after push was replaced. A wrapper that ends up calling an older wrapper (GTM
 * saves the previous push and calls it) is nested: the depth counter reports only the outermost
 * call, so one push is one record and nothing recurses.
 */
const DATALAYER_TAP_SOURCE = `(() => {
  const report = window[BINDING];
  let depth = 0;
  const safeCopy = (value, level = 0) => {
    if (value === null || typeof value !== 'object') return typeof value === 'function' ? '[function]' : value;
    if (level > 6) return '[deep]';
    if (typeof Node !== 'undefined' && value instanceof Node) return '[element]';
    if (Array.isArray(value)) return value.slice(0, 200).map((v) => safeCopy(v, level + 1));
    const out = {};
    for (const key of Object.keys(value).slice(0, 200)) {
      try { out[key] = safeCopy(value[key], level + 1); } catch { out[key] = '[unreadable]'; }
    }
    return out;
  };
  const wrap = (implementation) => function (...items) {
    depth++;
    try {
      if (depth === 1 && report) for (const item of items) report(location.href, safeCopy(item));
    } catch { /* reporting must never break the site's own tracking */ }
    try { return implementation.apply(this, items); } finally { depth--; }
  };
  const tap = (layer) => {
    if (!Array.isArray(layer) || layer.__tagwatch) return layer;
    let current = wrap(Array.prototype.push);
    Object.defineProperty(layer, 'push', {
      configurable: true,
      get: () => current,
      set: (next) => { current = typeof next === 'function' ? wrap(next) : next; },
    });
    Object.defineProperty(layer, '__tagwatch', { value: true });
    // Pushes made before the tap (a layer assigned with items already in it) count too.
    if (report) for (const item of layer) report(location.href, safeCopy(item));
    return layer;
  };
  let layer = tap(window.dataLayer ?? []);
  Object.defineProperty(window, 'dataLayer', {
    configurable: true,
    get: () => layer,
    set: (next) => { layer = tap(next); },
  });
})();`;

/** Installs the dataLayer tap on every page of the context; pushes go to `onPush`. */
export async function attachDataLayerTap(
  context: BrowserContext,
  onPush: (pageUrl: string, value: unknown) => void,
): Promise<void> {
  await context.exposeBinding(DATALAYER_BINDING, (_source, pageUrl: string, value: unknown) => onPush(pageUrl, value));
  await context.addInitScript({ content: DATALAYER_TAP_SOURCE.replace('BINDING', JSON.stringify(DATALAYER_BINDING)) });
}
