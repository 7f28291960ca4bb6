import type { Page } from 'playwright';

/**
 * The consent manager a page runs, as the page itself identifies it: the global each one defines
 * (window.tarteaucitron, window.klaro, window.orejime, window.CookieConsent, Osano's
 * window.cookieconsent...), else the cookie it stores its choice in. This, not the autoconsent rule
 * that happened to match (Osano's banner matches a rule named "Complianz optin"), is the `cmp` of a
 * consent result. Plain text run in the page
 * (see page-probe.ts). Only the top frame: a CMP in an iframe is named by autoconsent or not at all.
 */
const CMP_GLOBALS = `(() => {
  // Globals first: the CMP's own script is on the page. Checked in this order: orestbida's
  // CookieConsent before Osano's lower-case cookieconsent, Orejime before anything TCF.
  const known = [
    ['tarteaucitron', 'tarteaucitron'],
    ['klaro', 'Klaro'],
    ['CookieConsent', 'CookieConsent (orestbida)'],
    ['cookieconsent', 'Osano cookieconsent'],
    ['Orejime', 'Orejime'],
    ['orejime', 'Orejime'],
    ['OneTrust', 'OneTrust'],
    ['Didomi', 'Didomi'],
    ['Cookiebot', 'Cookiebot'],
    ['axeptioSDK', 'Axeptio'],
    ['UC_UI', 'Usercentrics'],
    ['__cmp', 'a TCF v1 CMP'],
    ['__tcfapi', 'a TCF CMP'],
  ];
  for (const [name, label] of known) if (window[name] !== undefined) return label;
  // Then the cookie a CMP stores its choice in (a page that loads its CMP late, or only on some pages).
  const cookies = document.cookie.split(/;\\s*/).map((pair) => pair.slice(0, pair.indexOf('=')));
  const stored = [
    ['cc_cookie', 'CookieConsent (orestbida)'],
    ['cookieconsent_status', 'Osano cookieconsent'],
    ['tarteaucitron', 'tarteaucitron'],
    ['klaro', 'Klaro'],
    ['orejime', 'Orejime'],
    ['OptanonConsent', 'OneTrust'],
    ['didomi_token', 'Didomi'],
    ['CookieConsent', 'Cookiebot'],
    ['axeptio_cookies', 'Axeptio'],
    ['euconsent-v2', 'a TCF CMP'],
  ];
  for (const [name, label] of stored) if (cookies.includes(name)) return label;
  return undefined;
})()`;

/** The CMP's name as its global says, or undefined when none of the known globals is there. */
export async function cmpFromGlobals(page: Page): Promise<string | undefined> {
  try {
    return ((await page.mainFrame().evaluate(CMP_GLOBALS)) as string | null) ?? undefined;
  } catch {
    return undefined;
  }
}
