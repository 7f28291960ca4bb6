import { GVL, TCModel, TCString } from '@iabtcf/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeTcString, readTcfConsent } from '../../../src/capture/consent-banner.ts';
import { CmpHarness } from './cmp-harness.ts';

/**
 * None of the npm CMPs tested here speaks TCF, so the page below has a minimal `__tcfapi` stub,
 * and its TC string is encoded with @iabtcf/core against a two-vendor list built here (the real
 * Global Vendor List is not reachable offline).
 */
function encodeTcString(): string {
  const purpose = (id: number) => ({ id, name: `Purpose ${id}`, description: '', illustrations: [] });
  const vendor = (id: number) => ({ id, name: `Vendor ${id}`, purposes: [1, 3, 4], legIntPurposes: [], flexiblePurposes: [], specialPurposes: [], features: [], specialFeatures: [], policyUrl: '' });
  const gvl = new GVL({
    gvlSpecificationVersion: 3,
    vendorListVersion: 120,
    tcfPolicyVersion: 5,
    lastUpdated: '2024-01-01T00:00:00Z',
    purposes: Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((id) => [id, purpose(id)])),
    specialPurposes: {},
    features: {},
    specialFeatures: { 1: purpose(1), 2: purpose(2) },
    stacks: {},
    vendors: { 2: vendor(2), 755: vendor(755) },
  } as unknown as ConstructorParameters<typeof GVL>[0]);
  const model = new TCModel(gvl);
  model.cmpId = 7;
  model.cmpVersion = 1;
  model.purposeConsents.set([1, 3, 4]);
  model.vendorConsents.set([2, 755]);
  model.specialFeatureOptins.set(1);
  return TCString.encode(model);
}

describe('readTcfConsent', () => {
  let harness: CmpHarness;
  beforeAll(async () => {
    harness = await CmpHarness.start();
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('is undefined on a page without __tcfapi', async () => {
    const visit = await harness.visit('no-banner');
    expect(await readTcfConsent(visit.page)).toBeUndefined();
  });

  it('calls getTCData and decodes the purposes and vendors consented', async () => {
    const tcString = encodeTcString();
    const visit = await harness.visit('no-banner');
    await visit.page.evaluate(`window.__tcfapi = (command, version, callback) => {
      if (command === 'getTCData') setTimeout(() => callback({ tcString: ${JSON.stringify(tcString)}, eventStatus: 'useractioncomplete', gdprApplies: true, cmpId: 7 }, true), 10);
    }`);
    expect(await readTcfConsent(visit.page)).toEqual({
      tcString,
      eventStatus: 'useractioncomplete',
      gdprApplies: true,
      cmpId: 7,
      vendorListVersion: 120,
      purposeConsents: [1, 3, 4],
      purposeLegitimateInterests: [],
      specialFeatureOptins: [1],
      vendorConsents: [2, 755],
    });
  });

  it('throws when __tcfapi exists but never answers: a broken TCF CMP is a finding', async () => {
    const visit = await harness.visit('no-banner');
    await visit.page.evaluate('window.__tcfapi = () => {}');
    await expect(readTcfConsent(visit.page, 300)).rejects.toThrow(/getTCData gave no answer within 300 ms/);
  });

  it('keeps an undecodable TC string with the reason', () => {
    expect(decodeTcString('not-a-tc-string').decodeError).toBeTruthy();
  });
});
