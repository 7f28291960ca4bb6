import type { VendorEvent } from '../../src/model/vendor-event.ts';

/**
 * Where tagwatch decodes on purpose differently from Omnibug (issue 13), so that the corpus
 * tests compare like with like and the differences stay listed in one place.
 */

/**
 * The account as Omnibug names it. Matomo and Piwik PRO: Omnibug's account is the tracker host;
 * ours also names the site (`stats.example site 1`), one tracker serving many sites.
 */
export function omnibugAccountOf(event: VendorEvent | undefined): string | undefined {
  if (event?.vendor === 'matomo' || event?.vendor === 'piwik-pro') return event.params.trackingServer;
  return event?.account;
}

/**
 * URLs we claim that Omnibug gives to nobody, with the vendor that claims them: Clarity's session
 * uploads (Omnibug leaves them out as binary; their plain-JSON form names the project and the page).
 */
export const CLAIMED_BEYOND_OMNIBUG: Readonly<Record<string, string>> = {
  'https://e.clarity.ms/collect': 'clarity',
};

/** Whether `vendor` claiming `url` is one of the listed differences. */
export function claimedOnPurpose(url: string, vendor: string): boolean {
  return CLAIMED_BEYOND_OMNIBUG[url] === vendor;
}
