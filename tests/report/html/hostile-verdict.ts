import type { GapCause, VendorGap } from '../../../src/model/gap.ts';
import type { Verdict } from '../../../src/model/verdict.ts';

/** What a hostile site can put in anything tagwatch captures: each would run if it reached the HTML as markup. */
export const PAYLOADS = [
  '<script>window.__pwned=1</script>',
  '"><img src=x onerror="window.__pwned=1">',
  '</script><script>window.__pwned=1</script>',
  "javascript:window.__pwned=1",
  "'><svg onload=window.__pwned=1>",
  '<!--<script>window.__pwned=1//-->',
];
const [SCRIPT, ATTRIBUTE, CLOSE_SCRIPT, JS_URL, SVG, COMMENT] = PAYLOADS as [string, string, string, string, string, string];

function cause(id: GapCause['cause'], label: string, part: number, measured = true): GapCause {
  const figure = { value: 0.3, source: `${SCRIPT} survey`, url: JS_URL, year: 2024 };
  return { cause: id, label, condition: id, measured, conditionLoss: measured ? 1 : null, conditionLossBasis: ATTRIBUTE, excessLoss: 1, share: figure, impact: part, part, ...(measured ? {} : { note: CLOSE_SCRIPT }) };
}

const gapVendor: VendorGap = {
  vendor: CLOSE_SCRIPT,
  modelled: true,
  baselineLoss: 0,
  baselineLossBasis: SCRIPT,
  baselinePart: 0.05,
  causes: [cause('adblock', CLOSE_SCRIPT, 0.1), cause('consent-refusal', ATTRIBUTE, 0.2), cause('itp', SCRIPT, 0, false)],
  expectedShare: 0.65,
  expectedGap: 0.35,
  observed: { vendor: CLOSE_SCRIPT, ratio: 0.6, source: `--observed ${ATTRIBUTE}` },
  observedGap: 0.4,
  unexplained: 0.05,
  notMeasured: ['itp'],
  summary: `${SCRIPT} expected to report 65%`,
  working: `${COMMENT} working`,
};

/**
 * A verdict whose every captured field carries a payload: hit URLs, event names, parameters
 * (page title `dt`, dataLayer values), rules, findings and their evidence (keys too), error
 * messages, tracker names and hosts, audience sources, artifact paths, diagnostics, the alert and
 * its delivery (channel names and their reasons).
 */
export function hostileVerdict(): Verdict {
  return {
    runId: `R-${SVG}`,
    monitor: SCRIPT,
    baseUrl: JS_URL,
    startedAt: '2026-11-26T04:00:00.000Z',
    finishedAt: ATTRIBUTE,
    status: 'fail',
    summary: `Tracking is broken on ${SCRIPT} and ${ATTRIBUTE} and ${CLOSE_SCRIPT}`,
    journeys: [
      {
        journeyId: `baseline.${ATTRIBUTE}.r1`,
        scenario: SCRIPT,
        condition: 'baseline',
        repeat: 1,
        orderId: CLOSE_SCRIPT,
        orderInBackend: true,
        status: 'failed',
        error: `TimeoutError: waiting for ${SCRIPT} ${ATTRIBUTE}`,
        hits: [
          {
            vendor: 'ga4',
            eventName: SCRIPT,
            kind: 'purchase',
            transactionId: ATTRIBUTE,
            value: 10,
            currency: CLOSE_SCRIPT,
            eventId: SVG,
            account: COMMENT,
            url: `${JS_URL}?dt=${encodeURIComponent(SCRIPT)}`,
            time: ATTRIBUTE,
            status: 'blocked',
            rule: SCRIPT,
            filterList: ATTRIBUTE,
            filterLine: 12,
            line: 2,
            afterConfirmationLoadMs: 1600,
            afterOrderMs: 2000,
            params: { dt: SCRIPT, 'ep.page_title': ATTRIBUTE, [CLOSE_SCRIPT]: JS_URL, 'dl.value': SVG },
          },
          { vendor: SVG, eventName: ATTRIBUTE, kind: 'other', url: JS_URL, time: '2026-11-26T04:00:01.000Z', status: SCRIPT },
          { vendor: COMMENT, eventName: SVG, kind: 'purchase', url: JS_URL, time: '2026-11-26T04:00:02.000Z', status: CLOSE_SCRIPT, afterConfirmationLoadMs: 2500, afterOrderMs: 3000 },
        ],
        vendors: { ga4: 'lost', [SCRIPT]: 'lost' },
        consent: 'accepted',
        lossCauses: { ga4: `blocked by ${SCRIPT}`, [ATTRIBUTE]: CLOSE_SCRIPT },
        artifacts: { screenshot: JS_URL, trace: `artifacts/x/${ATTRIBUTE}`, har: '../../../etc/passwd' },
        attempt: 1,
        supersededBy: ATTRIBUTE,
      },
    ],
    loss: [
      { vendor: 'ga4', condition: 'baseline', orders: 1, tracked: 0, attributable: null, lost: 1, duplicated: 0, consentPings: 0, lossRate: 1, ci95: [0.21, 1] },
      { vendor: SCRIPT, condition: ATTRIBUTE, orders: null, tracked: null, attributable: null, lost: null, duplicated: 0, consentPings: 0, lossRate: null, ci95: null },
    ],
    findings: [
      { severity: 'error', kind: 'tag-missing', vendor: 'ga4', condition: 'baseline', journeyId: ATTRIBUTE, orderId: SCRIPT, message: `ga4 lost ${SCRIPT}`, evidence: { [SCRIPT]: ATTRIBUTE, url: JS_URL, dataLayer: { event: 'purchase', title: CLOSE_SCRIPT }, list: [SVG, COMMENT] } },
      { severity: 'warning', kind: 'pii-in-hit', vendor: SCRIPT, message: CLOSE_SCRIPT, evidence: { pageTitle: SCRIPT } },
      { severity: 'info', kind: 'tag-blocked', vendor: ATTRIBUTE, condition: SVG, message: ATTRIBUTE },
    ],
    trackers: [
      {
        id: SCRIPT,
        name: ATTRIBUTE,
        category: { key: 'advertising', name: SCRIPT },
        organization: CLOSE_SCRIPT,
        hosts: [JS_URL, SVG],
        catalogVendors: [COMMENT],
        conditions: { [SCRIPT]: { journeys: 1, passedJourneys: 0, hits: 2, blocked: 2, scenarios: [ATTRIBUTE] } },
      },
    ],
    gap: {
      audience: {
        mobileShare: { value: 0.6, source: SCRIPT, url: JS_URL },
        adBlockerDesktop: { value: 0.3, source: ATTRIBUTE, url: `https://example.invalid/"><script>window.__pwned=1</script>` },
        adBlockerMobile: { value: 0.1, source: CLOSE_SCRIPT },
        adBlocker: { value: 0.2, source: SVG },
        consentRefusal: { value: 0.3, source: COMMENT },
        crossDevice: { value: 0.3, source: SCRIPT },
        safari: { value: 0.3, source: SCRIPT },
        quickLeavers: { value: 0.2, source: ATTRIBUTE },
      },
      assumptions: `${SCRIPT} ${ATTRIBUTE}`,
      vendors: [gapVendor, { ...gapVendor, vendor: ATTRIBUTE, modelled: false, expectedShare: null, reason: SCRIPT }],
    },
    diagnostics: [SCRIPT, ATTRIBUTE, CLOSE_SCRIPT],
    cleanup: { requested: 2, cleaned: 1, error: SCRIPT },
    alert: { alert: { kind: 'failure', monitor: SCRIPT, runId: ATTRIBUTE, consecutiveFailures: 1, fingerprint: SVG, headline: CLOSE_SCRIPT }, reason: ATTRIBUTE },
    delivery: { sent: [SVG], failedChannels: [SCRIPT], problems: [`${SCRIPT}: ${ATTRIBUTE}`, `${SVG}: ${COMMENT}`, JS_URL] },
  };
}
