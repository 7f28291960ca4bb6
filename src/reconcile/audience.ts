import type { AudienceFigure, AudienceMix } from '../model/gap.ts';

/** The monitor's `audience` block: every field optional, 0..1. */
export interface AudienceOverrides {
  mobileShare?: number;
  adBlockerDesktop?: number;
  adBlockerMobile?: number;
  consentRefusal?: number;
  crossDevice?: number;
  safari?: number;
  quickLeavers?: number;
}

/**
 * Default audience figures from public sources. They are national or global averages, several
 * years old for some, and surveys of what people say rather than what their browsers do: a shop
 * that knows its own figures (CMP dashboard, server-side counts) should put them in the monitor's
 * `audience` block. Each number sits next to its source so a report can show where it comes from.
 */
export const DEFAULT_AUDIENCE = {
  /**
   * Share of visits made on a phone or tablet. Contentsquare, "2024 Digital Experience Benchmark"
   * (2023 data, 43 billion sessions on 3,590 sites, all countries): mobile was "almost 70%" of
   * traffic. Read in the report's coverage at
   * https://samagamer.com/en/how-is-the-online-experience-evolving-in-2024-traffic-mobile-paid/
   * Global, not France-only, and a share of visits: desktop converts better, so its share of
   * orders is higher than 30%.
   */
  mobileShare: {
    value: 0.7,
    source: 'Contentsquare, 2024 Digital Experience Benchmark (2023 data, global): mobile "almost 70%" of visits',
    year: 2024,
  },
  /**
   * IAB France / Ipsos Connect, "Baromètre Adblock" 2nd edition (Nov. 2016, 11,701 French internet
   * users): 36% have an ad blocker; of them 70% on a laptop, 53% on a desktop, 13% on a smartphone.
   * Desktop: 0.36 x 0.70 = 0.252, a floor (laptop owners alone; desktop-only users not added,
   * the survey does not give the union). Reported at
   * https://lemondeinformatique.fr/actualites/lireamp-en-france-36-des-internautes-utilisent-un-adblock-66597.html
   * Likely low today: mind Media / 366 / Kantar (April 2025, 2,010 French adults) found 57% use
   * ad-avoiding tools "sometimes or systematically" (https://www.mind.eu.com/media/?p=79142), with
   * no per-device split we could confirm; Blockthrough's 2022 PageFair Adblock Report measured a 21%
   * average adblock rate over 10 billion page views (https://blockthrough.com/blog/2022-pagefair-adblock-report/).
   * Also: Adblock Plus's default list (EasyList) spares most analytics tags; the `adblock`
   * condition uses EasyList + EasyPrivacy, as uBlock Origin does.
   */
  adBlockerDesktop: {
    value: 0.252,
    source: 'IAB France / Ipsos, Baromètre Adblock (Nov. 2016): 36% equipped x 70% of them on a laptop',
    url: 'https://lemondeinformatique.fr/actualites/lireamp-en-france-36-des-internautes-utilisent-un-adblock-66597.html',
    year: 2016,
  },
  /** Same survey: 0.36 x 0.13 (equipped on a smartphone) = 0.0468. Mobile blocking has grown since. */
  adBlockerMobile: {
    value: 0.0468,
    source: 'IAB France / Ipsos, Baromètre Adblock (Nov. 2016): 36% equipped x 13% of them on a smartphone',
    url: 'https://lemondeinformatique.fr/actualites/lireamp-en-france-36-des-internautes-utilisent-un-adblock-66597.html',
    year: 2016,
  },
  /**
   * Commanders Act, Privacy Barometer 2022 (285 consent banners of French sites, January 2022):
   * 74% average opt-in on desktop among visitors who made a choice, so 26% refuse. For comparison:
   * CNIL / IFOP survey of June 2022, 39% of French internet users say they refuse
   * (https://www.larevuedudigital.com/la-cnil-satisfaite-que-le-taux-de-refus-des-cookies-monte-a-39);
   * Didomi's 2024 averages, 77.6% consent on banners with a refuse button, i.e. 22.4% refusal
   * (https://support.didomi.io/consent-rate-per-cmp-format-1). Visitors who never answer are not counted.
   */
  consentRefusal: {
    value: 0.26,
    source: 'Commanders Act, Privacy Barometer 2022 (France, desktop): 74% opt-in among visitors who chose',
    url: 'https://www.commandersact.com/en/news/privacy-barometer-2022-consent-collection-practices-standardised/',
    year: 2022,
  },
  /**
   * Criteo, "The State of Cross-Device Commerce" H2 2016: 31% of US online purchases involved two
   * or more devices (36% UK, 33% Germany). A France figure (40%) appears in a republication we
   * could not date or confirm. "Involves several devices" is wider than what the `cross-device`
   * condition plays (ad click on a phone, purchase on a laptop): an upper bound for it.
   */
  crossDevice: {
    value: 0.31,
    source: 'Criteo, The State of Cross-Device Commerce H2 2016 (US): 31% of purchases involve several devices',
    url: 'https://criteo.com/insights/3-reasons-cross-device-shopping-costing-think',
    year: 2017,
  },
  /**
   * StatCounter, France, May 2023, as reported by MacG: Safari 9.2% of desktop browsing, 35% of
   * mobile browsing. Every iOS browser runs WebKit with ITP, so the mobile figure is a floor.
   * The Safari share used is these two weighted by the device mix.
   */
  safariDesktop: {
    value: 0.092,
    source: 'StatCounter, France desktop browsers (May 2023): Safari 9.2%',
    url: 'https://macg.co/logiciels/2023/05/safari-passe-devant-edge-et-devient-le-deuxieme-navigateur-de-bureau-le-plus-utilise-au-monde-136529',
    year: 2023,
  },
  safariMobile: {
    value: 0.35,
    source: 'StatCounter, France mobile browsers (May 2023): Safari 35%',
    url: 'https://macg.co/logiciels/2023/05/safari-passe-devant-edge-et-devient-le-deuxieme-navigateur-de-bureau-le-plus-utilise-au-monde-136529',
    year: 2023,
  },
  /**
   * Buyers who leave the confirmation page at its load event, before a late purchase tag sends.
   * No public figure measures this that we could find: analytics report time on page from the
   * next hit, which a quick leaver never sends, and the one source on the subject (Littledata,
   * "The end of the ecommerce 'thank you' page", 2018, https://blog.littledata.io/2018/08/30/the-end-of-the-ecommerce-thank-you-page/)
   * says only that "an increasing number" of shoppers do not wait for it. 10% is an assumption,
   * said as such in every report that uses it: set `audience.quickLeavers` from your own data
   * (e.g. the share of purchase sessions whose confirmation page has no later engagement hit).
   */
  quickLeavers: {
    value: 0.1,
    source: 'assumption (no public figure found): 10% of buyers leave the confirmation page at once; set audience.quickLeavers from your own data',
  },
} satisfies Record<string, AudienceFigure>;

function fromMonitor(field: keyof AudienceOverrides, value: number): AudienceFigure {
  return { value, source: `monitor audience.${field}` };
}

function weighted(mobile: AudienceFigure, onMobile: AudienceFigure, onDesktop: AudienceFigure): number {
  return mobile.value * onMobile.value + (1 - mobile.value) * onDesktop.value;
}

/**
 * The audience figures an explanation uses: the monitor's where it sets them, the public defaults
 * otherwise. Ad blockers and Safari are per device, weighted by the device mix.
 */
export function resolveAudience(overrides: AudienceOverrides = {}): AudienceMix {
  const pick = (field: keyof AudienceOverrides, fallback: AudienceFigure) =>
    overrides[field] === undefined ? fallback : fromMonitor(field, overrides[field]);
  const mobileShare = pick('mobileShare', DEFAULT_AUDIENCE.mobileShare);
  const adBlockerDesktop = pick('adBlockerDesktop', DEFAULT_AUDIENCE.adBlockerDesktop);
  const adBlockerMobile = pick('adBlockerMobile', DEFAULT_AUDIENCE.adBlockerMobile);
  const safari =
    overrides.safari === undefined
      ? {
          value: weighted(mobileShare, DEFAULT_AUDIENCE.safariMobile, DEFAULT_AUDIENCE.safariDesktop),
          source: `${DEFAULT_AUDIENCE.safariMobile.source} and ${DEFAULT_AUDIENCE.safariDesktop.source}, weighted by the device mix`,
          url: DEFAULT_AUDIENCE.safariMobile.url,
          year: DEFAULT_AUDIENCE.safariMobile.year,
        }
      : fromMonitor('safari', overrides.safari);
  return {
    mobileShare,
    adBlockerDesktop,
    adBlockerMobile,
    adBlocker: { value: weighted(mobileShare, adBlockerMobile, adBlockerDesktop), source: 'ad blockers on mobile and on desktop, weighted by the device mix' },
    consentRefusal: pick('consentRefusal', DEFAULT_AUDIENCE.consentRefusal),
    crossDevice: pick('crossDevice', DEFAULT_AUDIENCE.crossDevice),
    safari,
    quickLeavers: pick('quickLeavers', DEFAULT_AUDIENCE.quickLeavers),
  };
}
