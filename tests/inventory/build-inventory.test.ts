import { describe, expect, it } from 'vitest';
import { buildTrackerInventory } from '../../src/inventory/build-inventory.ts';
import { trackerDbNamer } from '../../src/inventory/classify.ts';
import { loadTrackerDb } from '../../src/inventory/trackerdb.ts';
import type { HitEvent } from '../../src/model/run-event.ts';
import type { DecodedHit, JourneyRecord } from '../../src/reconcile/journeys.ts';

const SITE = 'https://www.shop.example';
const T = '2026-01-01T00:00:00.000Z';

function journey(overrides: Partial<JourneyRecord> & Pick<JourneyRecord, 'journeyId' | 'condition'>): JourneyRecord {
  return { scenario: 'purchase', repeat: 1, status: 'passed', consents: [], networkHosts: {}, hits: [], ...overrides };
}

function hit(url: string, status: HitEvent['status'], vendor?: string, resourceType = 'Ping'): DecodedHit {
  return {
    hit: { type: 'hit', time: T, journeyId: 'j', url, method: 'GET', resourceType, status },
    events: vendor ? [{ vendor, eventName: 'purchase', kind: 'purchase', params: {} }] : [],
  };
}

async function inventory(journeys: JourneyRecord[]) {
  return buildTrackerInventory(journeys, trackerDbNamer(await loadTrackerDb(), SITE));
}

describe('buildTrackerInventory (real trackerdb)', () => {
  it('one entry per tracker with its hosts, catalog vendor and per-condition journeys, hits and blocked requests', async () => {
    const trackers = await inventory([
      journey({
        journeyId: 'baseline.purchase.r1',
        condition: 'baseline',
        hits: [hit('https://region1.google-analytics.com/g/collect?v=2&en=page_view', 'captured', 'ga4'), hit('https://region1.google-analytics.com/g/collect?v=2&en=purchase', 'captured', 'ga4')],
        networkHosts: { 'cdn.tagwatch-unknown-vendor.net': 3 },
        hostSamples: { 'cdn.tagwatch-unknown-vendor.net': { url: 'https://cdn.tagwatch-unknown-vendor.net/lib.js', resourceType: 'Script' } },
      }),
      journey({
        journeyId: 'adblock.purchase.r1',
        condition: 'adblock',
        hits: [hit('https://region1.google-analytics.com/g/collect?v=2&en=purchase', 'blocked', 'ga4')],
        blockedHosts: { 'o.clarity.ms': 2 },
        hostSamples: { 'o.clarity.ms': { url: 'https://o.clarity.ms/collect', resourceType: 'XHR' } },
      }),
    ]);
    expect(trackers.map((t) => [t.name, t.category.key, t.catalogVendors, t.hosts])).toEqual([
      ['Google Analytics', 'site_analytics', ['ga4'], ['region1.google-analytics.com']],
      ['Microsoft Clarity', 'site_analytics', [], ['o.clarity.ms']],
      ['tagwatch-unknown-vendor.net', 'unknown', [], ['cdn.tagwatch-unknown-vendor.net']],
    ]);
    const [ga, clarity, unknown] = trackers;
    expect(ga!.organization).toBe('Google');
    expect(ga!.conditions).toEqual({
      baseline: { journeys: 1, passedJourneys: 1, hits: 2, blocked: 0, scenarios: ['purchase'] },
      adblock: { journeys: 1, passedJourneys: 1, hits: 1, blocked: 1, scenarios: ['purchase'] },
    });
    expect(clarity!.conditions).toEqual({ adblock: { journeys: 1, passedJourneys: 1, hits: 2, blocked: 2, scenarios: ['purchase'] } });
    expect(unknown!.conditions.baseline).toMatchObject({ hits: 3, blocked: 0 });
  });

  it('leaves out the site itself (its other subdomains too) and loopback', async () => {
    const trackers = await inventory([
      journey({
        journeyId: 'baseline.purchase.r1',
        condition: 'baseline',
        hits: [hit('https://sgtm.shop.example/g/collect?v=2&en=purchase', 'captured', 'ga4'), hit('http://127.0.0.1:9/collect', 'captured', 'ga4')],
        networkHosts: { 'cdn.shop.example': 4, localhost: 1 },
      }),
    ]);
    expect(trackers).toEqual([]);
  });

  it('counts a live hit once: it names the tracker, networkHosts counts the request', async () => {
    const trackers = await inventory([
      journey({
        journeyId: 'baseline.purchase.r1',
        condition: 'baseline',
        hits: [hit('https://www.clarity.ms/tag/abcdefghij', 'live', 'clarity', 'Script')],
        networkHosts: { 'www.clarity.ms': 1 },
        hostSamples: { 'www.clarity.ms': { url: 'https://www.clarity.ms/tag/abcdefghij', resourceType: 'Script' } },
      }),
    ]);
    expect(trackers).toHaveLength(1);
    expect(trackers[0]).toMatchObject({ name: 'Microsoft Clarity', catalogVendors: ['clarity'], conditions: { baseline: { journeys: 1, hits: 1 } } });
  });

  it('passed journeys only: a failed journey or an unanswered banner counts as seen, not as measured', async () => {
    const trackers = await inventory([
      journey({ journeyId: 'a', condition: 'baseline', status: 'failed', networkHosts: { 'analytics.tiktok.com': 1 } }),
      journey({ journeyId: 'b', condition: 'baseline', consent: 'not-handled', networkHosts: { 'analytics.tiktok.com': 1 } }),
      journey({ journeyId: 'c', condition: 'baseline', scenario: 'browse', networkHosts: { 'analytics.tiktok.com': 1 } }),
    ]);
    expect(trackers.map((t) => [t.name, t.conditions.baseline])).toEqual([['TikTok Analytics', { journeys: 3, passedJourneys: 1, hits: 3, blocked: 0, scenarios: ['browse'] }]]);
  });
});
