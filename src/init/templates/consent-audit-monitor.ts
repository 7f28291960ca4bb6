import { tsString } from './quote.ts';

/** The scenario every page of a consent audit runs: scenarios/consent-pages.scenario.ts. */
export const CONSENT_PAGES_SCENARIO_NAME = 'consent-pages';

/**
 * The monitor of a consent audit of `pages` on the site at `baseUrl` (an origin): each page visited
 * by a new visitor who accepts, refuses or ignores the banner, no orders backend.
 */
export function consentAuditMonitorTemplate({ name, baseUrl, pages }: { name: string; baseUrl: string; pages: string[] }): string {
  const values = pages.map(tsString);
  // One line while it reads as one; a long list one page a line, easy to add to.
  const pageList = `[${values.join(', ')}]`.length <= 60 ? `[${values.join(', ')}]` : `[\n      ${values.join(',\n      ')},\n    ]`;
  return `import { defineMonitor } from 'tagwatch';

/**
 * Consent audit of ${baseUrl.replace(/\*\//g, '*\\/')}, written by \`tagwatch init --consent-audit\`: which tags each
 * page fires before the visitor answers the consent banner, after they accept, after they refuse,
 * and when they leave it alone.
 * Run it: npx tagwatch audit monitors/${name}.monitor.ts (the report is in reports/latest/).
 * It needs no orders backend and places no order: it only visits pages.
 */
export default defineMonitor({
  name: ${tsString(name)},
  site: { baseUrl: ${tsString(baseUrl)} },
  // scenarios/${CONSENT_PAGES_SCENARIO_NAME}.scenario.ts: open the page, read it, answer the banner, read it again.
  scenarios: [${tsString(CONSENT_PAGES_SCENARIO_NAME)}],
  // Each page is visited by a new visitor who accepts, refuses, or leaves the banner alone.
  conditions: ['consent-accepted', 'consent-refused', 'consent-ignored'],
  // The pages to audit, paths on site.baseUrl: add your pages here (one journey per page and condition).
  variants: {
    page: ${pageList},
  },
  // No \`orders\`: an order-free audit. There is no loss table; the run FAILS on an error finding (a marketing
  // tag fired before consent or after a refusal, personal data in a hit, an expected event missing where
  // consent allowed it) and PASSES otherwise; a page that could not be read (site down, banner not answered)
  // makes it inconclusive. Tags that appear or vanish since the last run are reported too.
  // An event every page must send where consent lets it, checked on every journey:
  // expect: { ga4: { eventName: 'page_view' } },
  // A marketing tag on a page that never showed a banner: the visitor was never asked.
  consent: { firedWithoutBanner: 'error' },
});
`;
}
