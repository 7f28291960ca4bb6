/** The journey of a consent audit: one page, read before and after the visitor answers the banner. */
export const CONSENT_PAGES_SCENARIO = `import { test } from 'tagwatch';

/**
 * One page of the consent audit, run once per page in the monitor's variants.page and per condition:
 * a new visitor opens the page, stays while its tags load, answers the consent banner as the
 * condition says, then stays again. Written by \`tagwatch init --consent-audit\`.
 *
 * Watch one page, the browser visible:
 *   npx tagwatch audit monitors/<name>.monitor.ts --conditions consent-refused --headed
 */
test('consent-pages', async ({ page, journey, variant }) => {
  // The page's path, relative to the monitor's site.baseUrl.
  await page.goto(String(variant.page));
  await journey.readPage(page); // what fires before the visitor answers
  await journey.consent(page); // accept, refuse or leave the banner, as the condition says
  await journey.readPage(page); // what the answer lets fire
});
`;
