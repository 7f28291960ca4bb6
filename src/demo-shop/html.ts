import { META_PIXEL_ID } from './accounts.ts';
import { CMP_PATH, COLLECTOR_PATH, TAG_PATHS } from './tag-assets.ts';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
}

/** JSON safe inside an inline <script>: no way to close the tag or break the JS string grammar. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export interface LayoutOptions {
  title: string;
  /** Already-escaped HTML of the main content. */
  main: string;
  /** dataLayer entries this page pushes, in order (page_view first). */
  dataLayer: readonly Record<string, unknown>[];
  /** Whether the visitor already decided on cookies: no banner then. */
  consentDecided: boolean;
  cartCount: number;
  /** Extra inline scripts at the end of the body (trusted, built by the server). */
  extraScripts?: readonly string[];
  /** Fault `unplanned-tracker`: Microsoft Clarity's snippet in the header, on every page. */
  unplannedTracker?: boolean;
  /** Fault `first-party-collector`: the shop's own event collector, after the vendor tags. */
  firstPartyCollector?: boolean;
}

const STYLE = `
  :root { --ink: #1f2328; --muted: #5d6470; --line: #e3e0da; --accent: #2f5d50; --bg: #faf8f5; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: var(--bg); }
  header { display: flex; justify-content: space-between; align-items: center; padding: 1rem 2rem; border-bottom: 1px solid var(--line); background: #fff; }
  header a { color: var(--ink); text-decoration: none; }
  .brand { font-weight: 700; letter-spacing: .02em; }
  main { max-width: 60rem; margin: 0 auto; padding: 2rem; }
  h1 { font-size: 1.8rem; margin: 0 0 1rem; }
  .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr)); gap: 1.5rem; padding: 0; list-style: none; }
  .card { background: #fff; border: 1px solid var(--line); border-radius: .75rem; padding: 1rem; }
  .card h2 { font-size: 1.05rem; margin: .75rem 0 .25rem; }
  .card a { color: var(--ink); }
  .swatch { height: 9rem; border-radius: .5rem; }
  .price { color: var(--accent); font-weight: 600; }
  .muted { color: var(--muted); }
  .product { display: grid; grid-template-columns: 1fr 1fr; gap: 2rem; }
  form.stack { display: grid; gap: .9rem; max-width: 28rem; }
  .field { display: grid; gap: .25rem; }
  label { font-weight: 500; }
  input { font: inherit; padding: .55rem .7rem; border: 1px solid #c9c4bb; border-radius: .4rem; background: #fff; }
  button, .button { font: inherit; cursor: pointer; padding: .6rem 1.2rem; border-radius: .4rem; border: 1px solid var(--accent); background: var(--accent); color: #fff; text-decoration: none; display: inline-block; }
  button.secondary { background: #fff; color: var(--accent); }
  table { width: 100%; border-collapse: collapse; background: #fff; }
  th, td { text-align: left; padding: .6rem; border-bottom: 1px solid var(--line); }
  td.num, th.num { text-align: right; }
  .totals { margin: 1rem 0; max-width: 20rem; margin-left: auto; }
  .totals div { display: flex; justify-content: space-between; }
  .totals .grand { font-weight: 700; border-top: 1px solid var(--line); padding-top: .4rem; }
  .error { background: #fdecea; border: 1px solid #f5b5ac; color: #8a1c0f; padding: .7rem 1rem; border-radius: .4rem; }
  .consent { position: fixed; left: 1rem; right: 1rem; bottom: 1rem; max-width: 40rem; margin: 0 auto; background: #fff; border: 1px solid var(--line); border-radius: .75rem; box-shadow: 0 10px 30px rgba(0,0,0,.12); padding: 1rem 1.25rem; }
  /* Room below the content while the banner shows: a visitor who ignores it can still reach every button. */
  main.with-consent-banner { padding-bottom: 14rem; }
  .consent .actions { display: flex; gap: .75rem; justify-content: flex-end; }
  .hint { font-size: .85rem; color: var(--muted); font-weight: 400; }
  fieldset { border: 1px solid var(--line); border-radius: .4rem; padding: .6rem .8rem; margin: 0; }
  legend { font-weight: 500; padding: 0 .3rem; }
  .choice { display: flex; gap: .4rem; align-items: center; }
  .choice label { font-weight: 400; }
`;

function consentBanner(): string {
  return `<div id="consent-banner" class="consent" role="dialog" aria-label="Cookie consent" aria-modal="false">
  <p><strong>We value your privacy.</strong> We use cookies to measure our audience and to show you relevant ads. You can change your mind at any time.</p>
  <div class="actions">
    <button type="button" class="secondary" data-consent-choice="denied">Refuse all</button>
    <button type="button" data-consent-choice="granted">Accept all</button>
  </div>
</div>`;
}

/**
 * Meta's base code, as shops paste it: defines the fbq() stub that queues calls until
 * fbevents (here /assets/tags/meta.js) has loaded.
 */
function metaBaseCode(): string {
  return `<script>
!function(w){if(w.fbq)return;var n=w.fbq=function(){n.callMethod?n.callMethod.apply(n,arguments):n.queue.push(arguments)};if(!w._fbq)w._fbq=n;n.push=n;n.loaded=!0;n.version='2.0';n.queue=[]}(window);
fbq('init', ${jsonForScript(META_PIXEL_ID)});
fbq('track', 'PageView');
</script>`;
}

/** The Clarity project of the `unplanned-tracker` snippet: a made-up id in Clarity's format. */
export const UNPLANNED_CLARITY_PROJECT = 'tw0demo0sh';

/**
 * Microsoft Clarity's install snippet as its setup page hands it out, pasted by someone outside
 * the tag plan: not consent-gated, not in the tag manager. It loads the vendor's real script URL;
 * the audit lets scripts through, and without a network (as here) the load fails, so the
 * snippet's queue never sends anything else.
 */
function unplannedTrackerSnippet(): string {
  return `<script type="text/javascript">
    (function(c,l,a,r,i,t,y){
        c[a]=c[a]||function(){(c[a].q=c[a].q||[]).push(arguments)};
        t=l.createElement(r);t.async=1;t.src="https://www.clarity.ms/tag/"+i;
        y=l.getElementsByTagName(r)[0];y.parentNode.insertBefore(t,y);
    })(window, document, "clarity", "script", ${jsonForScript(UNPLANNED_CLARITY_PROJECT)});
</script>`;
}

export function layout(options: LayoutOptions): string {
  const pushes = options.dataLayer.map((entry) => `dataLayer.push(${jsonForScript(entry)});`).join('\n');
  const cartLabel = options.cartCount > 0 ? `Cart (${options.cartCount})` : 'Cart';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
<script src="${CMP_PATH}"></script>
${metaBaseCode()}
${[...TAG_PATHS, ...(options.firstPartyCollector ? [COLLECTOR_PATH] : [])].map((path) => `<script defer src="${path}"></script>`).join('\n')}
${options.unplannedTracker ? unplannedTrackerSnippet() : ''}
</head>
<body>
<script>
window.dataLayer = window.dataLayer || [];
${pushes}
</script>
<header>
  <a class="brand" href="/">Demo Shop</a>
  <nav><a href="/cart">${escapeHtml(cartLabel)}</a></nav>
</header>
<main${options.consentDecided ? '' : ' class="with-consent-banner"'}>
${options.main}
</main>
${options.consentDecided ? '' : consentBanner()}
${(options.extraScripts ?? []).join('\n')}
</body>
</html>
`;
}
