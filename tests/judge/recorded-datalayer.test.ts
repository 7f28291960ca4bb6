import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/verdict.ts';
import { reportRecorded } from './recorded-run.ts';

/**
 * Recorded audits of the demo shop (tests/fixtures/runs) judged again: the judge tells a tag that
 * did not fire from a site that never pushed the purchase. Was tests/e2e/audit-datalayer.test.ts,
 * three audits.
 */
const DIAGNOSES = ['tag-not-triggered', 'datalayer-missing'];
const diagnoses = (findings: Finding[]) => findings.filter((f) => DIAGNOSES.includes(f.kind));

describe('dataLayer diagnosis of recorded demo audits', () => {
  it('demo-pass (clean shop): neither diagnosis', async () => {
    const { verdict } = await reportRecorded('demo-pass');
    // The journey was measured, or "no diagnosis" would prove nothing.
    expect(verdict.journeys.map((j) => [j.status, j.error ?? null, Object.values(j.vendors)])).toEqual([['passed', null, ['tracked', 'tracked', 'tracked', 'tracked']]]);
    expect(diagnoses(verdict.findings)).toEqual([]);
    expect(verdict.status).toBe('pass');
  });

  it('ga4-lost-after-a-pass (ga4-purchase-missing): the dataLayer had the purchase, GA4 did not fire: tag-not-triggered for ga4 only', async () => {
    const { verdict, exitCode, output } = await reportRecorded('ga4-lost-after-a-pass');
    expect(exitCode).toBe(1);
    const journey = verdict.journeys.find((j) => j.condition === 'baseline')!;
    const orderId = journey.orderId!;
    expect(orderId).toMatch(/^DS-\d+$/);
    // Under adblock the hits were blocked before any trigger question: the diagnosis is baseline's.
    expect(diagnoses(verdict.findings)).toEqual([expect.objectContaining({ kind: 'tag-not-triggered', vendor: 'ga4', orderId, severity: 'error' })]);
    const finding = diagnoses(verdict.findings)[0]!;
    expect(finding.message).toMatch(new RegExp(`^dataLayer \`purchase\` pushed with transaction_id ${orderId} at http://127\\.0\\.0\\.1:\\d+/order/${orderId}, but no ga4 purchase hit`));
    expect(journey.lossCauses).toEqual({ ga4: expect.stringContaining('tag not triggered') });
    expect(output).toContain(`ERROR   tag-not-triggered: dataLayer \`purchase\` pushed with transaction_id ${orderId}`);
  });

  it('datalayer-purchase-missing: no dataLayer purchase, every demo tag misses it: datalayer-missing for each vendor', async () => {
    const { verdict, exitCode, output } = await reportRecorded('datalayer-purchase-missing');
    expect(exitCode).toBe(1);
    const orderId = verdict.journeys[0]!.orderId!;
    expect(verdict.journeys[0]!.orderInBackend).toBe(true);
    expect(verdict.loss.map((r) => [r.vendor, r.lossRate])).toEqual([['ga4', 1], ['google-ads', 1], ['meta', 1], ['tiktok', 1]]);
    expect(diagnoses(verdict.findings).map((f) => [f.kind, f.vendor, f.orderId])).toEqual(
      ['ga4', 'google-ads', 'meta', 'tiktok'].map((vendor) => ['datalayer-missing', vendor, orderId]),
    );
    expect(diagnoses(verdict.findings)[0]!.message).toBe(
      `no dataLayer purchase for order ${orderId}: the site never told the tag manager; every tag reading the dataLayer misses it`,
    );
    expect(output).toContain(`ERROR   datalayer-missing: no dataLayer purchase for order ${orderId}`);
  });
});
