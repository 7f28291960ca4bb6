import type { Page } from 'playwright';

/**
 * The consent manager a page runs, from the global each one defines, for messages: when
 * autoconsent has no rule for it, "which CMP" is still worth saying. Plain text run in the page
 * (see page-probe.ts). Only the top frame: a CMP in an iframe is named by autoconsent or not at all.
 */
const CMP_GLOBALS = `(() => {
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
