import { readFileSync } from 'node:fs';
import { GA4_MEASUREMENT_ID, GOOGLE_ADS_CONVERSION_ID, GOOGLE_ADS_CONVERSION_LABEL, META_PIXEL_ID, TIKTOK_PIXEL_CODE } from './accounts.ts';
import type { DemoFault } from './faults.ts';

export type ConsentMode = 'basic' | 'advanced';

/** First-party cookie holding the visitor's banner decision: `granted` or `denied`. */
export const CONSENT_COOKIE = 'tw_consent';
export const CONSENT_MAX_AGE_DAYS = 180;

export const META_PIXEL_VERSION = '2.9.179';
export const TIKTOK_LIBRARY_VERSION = '2.2.1';

const CONFIG_MARKER = '/*@config*/ {}';

/** Served paths, in the order the pages include them: CMP first (blocking), then the tag runtime, then the vendors. */
export const CMP_PATH = '/assets/cmp.js';
export const TAG_PATHS = ['/assets/tags/runtime.js', '/assets/tags/ga4.js', '/assets/tags/google-ads.js', '/assets/tags/meta.js', '/assets/tags/tt-pixel.js'] as const;
/** The shop's own event collector (fault `first-party-collector`): served always, on pages only with the fault. */
export const COLLECTOR_PATH = '/assets/tags/collector.js';
/** Where the collector posts its JSON events, on the shop's own origin; the shop answers 204. */
export const COLLECTOR_ENDPOINT = '/collect/evt';
/** TikTok's purchase waits this long after the confirmation page's load event: fault `tiktok-purchase-late`. */
export const LATE_TIKTOK_PURCHASE_MS = 1500;
/** The banner's buttons do nothing for this long after the page is parsed: fault `consent-buttons-late`. */
export const LATE_CONSENT_BUTTONS_MS = 500;
/** GA4 loses the purchase of orders with at least this many line items: fault `ga4-drops-large-orders`. */
export const GA4_LARGE_ORDER_LINES = 3;

interface TagSettings {
  faults: readonly DemoFault[];
  consentMode: ConsentMode;
}

/**
 * What each served script gets as its config, the way a tag manager container carries
 * per-site settings. The faults act here: they misconfigure the tags, they do not patch the code.
 */
function configFor(path: string, { faults, consentMode }: TagSettings): Record<string, unknown> | undefined {
  switch (path) {
    case CMP_PATH:
      return {
        cookieName: CONSENT_COOKIE,
        maxAgeDays: CONSENT_MAX_AGE_DAYS,
        // Like tarteaucitron, whose banner is on screen before its script has wired the buttons.
        ...(faults.includes('consent-buttons-late') ? { wireButtonsAfterMs: LATE_CONSENT_BUTTONS_MS } : {}),
      };
    case '/assets/tags/ga4.js':
      return {
        measurementId: GA4_MEASUREMENT_ID,
        consentMode,
        sendPurchase: !faults.includes('ga4-purchase-missing'),
        dropEvenOrders: faults.includes('ga4-purchase-intermittent'),
        purchaseValue: faults.includes('ga4-value-mismatch') ? 'items' : 'value',
        purchaseOnPagehide: faults.includes('purchase-beacon-on-unload'),
        // A purchase that grows past the tag's limits is silently dropped, as a too-long hit would be.
        ...(faults.includes('ga4-drops-large-orders') ? { dropPurchaseFromLines: GA4_LARGE_ORDER_LINES } : {}),
        // A GTM variable scraping the confirmation page's e-mail into the purchase event.
        customerEmailOnPurchase: faults.includes('ga4-pii-in-batch'),
        // A server-side GTM client on the shop's own origin, as sites install to outlive blockers and ITP.
        ...(faults.includes('ga4-server-side') ? { endpointPath: '/sgtm/data' } : {}),
      };
    case '/assets/tags/google-ads.js':
      return { conversionId: GOOGLE_ADS_CONVERSION_ID, label: GOOGLE_ADS_CONVERSION_LABEL };
    case '/assets/tags/meta.js':
      return {
        pixelId: META_PIXEL_ID,
        version: META_PIXEL_VERSION,
        pageViewBeforeConsent: faults.includes('meta-before-consent'),
        // The Purchase names its order only through the event id (eid), as many shops' pixels do.
        orderIdInCustomData: !faults.includes('meta-eid-only'),
      };
    case '/assets/tags/tt-pixel.js':
      return {
        pixelCode: TIKTOK_PIXEL_CODE,
        version: TIKTOK_LIBRARY_VERSION,
        ...(faults.includes('tiktok-purchase-late') ? { purchaseDelayAfterLoadMs: LATE_TIKTOK_PURCHASE_MS } : {}),
      };
    case COLLECTOR_PATH:
      return { endpointPath: COLLECTOR_ENDPOINT };
    default:
      return undefined;
  }
}

/** Reads every script once at start and injects its config; a file without its marker fails start-up. */
export function buildTagAssets(settings: TagSettings): Map<string, string> {
  const assets = new Map<string, string>();
  for (const path of [CMP_PATH, ...TAG_PATHS, COLLECTOR_PATH]) {
    const source = readFileSync(new URL(`.${path}`, import.meta.url), 'utf8');
    const config = configFor(path, settings);
    if (config === undefined) {
      assets.set(path, source);
      continue;
    }
    if (!source.includes(CONFIG_MARKER)) throw new Error(`demo shop asset ${path} has no ${CONFIG_MARKER} marker`);
    assets.set(path, source.replace(CONFIG_MARKER, JSON.stringify(config)));
  }
  return assets;
}
