import { TCString, type Vector } from '@iabtcf/core';
import type { Page } from 'playwright';

/** The IAB TCF v2 consent a page's CMP holds, decoded from its TC string. */
export interface TcfConsent {
  /** The raw TC string; empty while the visitor has not answered. */
  tcString: string;
  /** `__tcfapi` eventStatus: tcloaded, cmpuishown or useractioncomplete. */
  eventStatus?: string;
  gdprApplies?: boolean;
  cmpId?: number;
  /** TCF purposes (1-11) the visitor consented to. */
  purposeConsents: number[];
  /** Purposes allowed on legitimate interest. */
  purposeLegitimateInterests: number[];
  specialFeatureOptins: number[];
  /** IAB vendor ids with consent (names are in the IAB Global Vendor List; 755 is Google). */
  vendorConsents: number[];
  vendorListVersion?: number;
  /** Set when the page's TC string could not be decoded. */
  decodeError?: string;
}

interface TcData {
  tcString?: string;
  eventStatus?: string;
  gdprApplies?: boolean;
  cmpId?: number;
  error?: string;
}

/**
 * Runs in the page (plain text, see page-probe.ts). Only the top frame: a CMP's `__tcfapi` stub
 * answers there, iframes reach it by postMessage.
 */
const GET_TC_DATA = (timeoutMs: number) => `new Promise((resolve) => {
  if (typeof window.__tcfapi !== 'function') return resolve(null);
  const timer = setTimeout(() => resolve({ error: 'getTCData gave no answer within ${timeoutMs} ms' }), ${timeoutMs});
  try {
    window.__tcfapi('getTCData', 2, (data, success) => {
      clearTimeout(timer);
      if (!success || !data) return resolve({ error: 'getTCData failed' });
      resolve({ tcString: data.tcString || '', eventStatus: data.eventStatus, gdprApplies: data.gdprApplies, cmpId: data.cmpId });
    });
  } catch (error) {
    clearTimeout(timer);
    resolve({ error: String(error && error.message || error) });
  }
})`;

/**
 * The TCF consent of the page, or undefined when the page has no `__tcfapi` (most CMPs outside
 * the IAB framework). Throws when the API exists but does not answer: a broken TCF CMP is a
 * finding, not an absence.
 */
export async function readTcfConsent(page: Page, timeoutMs = 2000): Promise<TcfConsent | undefined> {
  const data = (await page.mainFrame().evaluate(GET_TC_DATA(timeoutMs))) as TcData | null;
  if (!data) return undefined;
  if (data.error) throw new Error(`__tcfapi on ${page.url()}: ${data.error}`);
  return decodeTcString(data.tcString ?? '', data);
}

/** Decodes a TC string into the ids a report needs; pure, so recorded strings can be checked offline. */
export function decodeTcString(tcString: string, context: Omit<TcData, 'tcString' | 'error'> = {}): TcfConsent {
  const consent: TcfConsent = {
    tcString,
    eventStatus: context.eventStatus,
    gdprApplies: context.gdprApplies,
    cmpId: context.cmpId,
    purposeConsents: [],
    purposeLegitimateInterests: [],
    specialFeatureOptins: [],
    vendorConsents: [],
  };
  if (!tcString) return consent;
  try {
    const model = TCString.decode(tcString);
    consent.cmpId = Number(model.cmpId);
    consent.vendorListVersion = Number(model.vendorListVersion);
    consent.purposeConsents = setIds(model.purposeConsents);
    consent.purposeLegitimateInterests = setIds(model.purposeLegitimateInterests);
    consent.specialFeatureOptins = setIds(model.specialFeatureOptins);
    consent.vendorConsents = setIds(model.vendorConsents);
  } catch (error) {
    consent.decodeError = (error as Error).message;
  }
  return consent;
}

function setIds(vector: Vector): number[] {
  const ids: number[] = [];
  vector.forEach((has, id) => {
    if (has) ids.push(id);
  });
  return ids;
}
