import type { Browser, CDPSession } from 'playwright';
import type { BlockDecision, RequestBlocker } from '../conditions/define-condition.ts';
import type { HitEvent, HostSample, UnclaimedRequest } from '../model/run-event.ts';

/** Where the tap sends what it sees for the journey in progress. */
export interface TapSink {
  hit(hit: Omit<HitEvent, 'type' | 'journeyId'>): void;
  /** A request let through to a non-loopback host (not a tag, or liveHits). */
  network(host: string, request: HostSample): void;
  /**
   * A request to a non-loopback host that is not a tag hit, stopped by the condition's blocker;
   * `why` is the rule as written in its list, with the list and line.
   */
  blocked?(host: string, request: HostSample, why: BlockDecision): void;
  /** A request no vendor claims that carries data naming a purchase (see looksLikePurchaseData). */
  unclaimed?(request: Pick<UnclaimedRequest, 'url' | 'method' | 'body' | 'resourceType'>): void;
}

export interface NetworkTapOptions {
  /**
   * The vendor a request URL belongs to when it is a tag hit, else undefined: a catalog's
   * `claim`. Its id goes on the hit, so the audit decodes it with that vendor without classifying
   * it again.
   */
  classify: (url: string) => { id: string } | undefined;
  /** Let tag hits reach the vendor instead of answering them locally. Default false. */
  liveHits?: boolean;
  /** The condition's blocker (ad blocker): decides every request before anything else. */
  blocker?: RequestBlocker;
}

interface PausedRequest {
  requestId: string;
  resourceType?: string;
  request: { url: string; method: string; headers?: Record<string, string>; postData?: string; postDataEntries?: { bytes?: string }[] };
}

/** Resource types that load code or pages rather than send data. */
const PASS_THROUGH_TYPES = new Set(['Script', 'Document', 'Stylesheet']);
/** Resource types that never carry a tag's data. */
const NO_DATA_TYPES = new Set(['Script', 'Document', 'Stylesheet', 'Font', 'Media', 'Manifest', 'TextTrack']);
/** Words of the ecommerce protocols' purchase events (GA4 en=purchase, transaction_id, TikTok CompletePayment, ...). */
const PURCHASE_WORDS = /purchase|transaction_?id|completepayment/i;

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;

/**
 * One capture handler for every request of the browser: a browser-level CDP session with
 * Fetch.enable. Playwright's page routes miss beacons sent from pagehide/unload (measured: they
 * go straight to the network); the browser-level Fetch domain sees them, so using it alone means
 * one place decides, and nothing is counted twice.
 */
export class NetworkTap {
  private session: CDPSession | undefined;
  private sink: TapSink | undefined;
  private inFlight = 0;
  private lastHitAt = 0;
  /** The condition's blocker for the journey in progress (it can change between journeys). */
  blocker: RequestBlocker | undefined;

  constructor(private readonly options: NetworkTapOptions) {
    this.blocker = options.blocker;
  }

  async attach(browser: Browser): Promise<void> {
    this.session = await browser.newBrowserCDPSession();
    this.session.on('Fetch.requestPaused', (event: PausedRequest) => {
      this.inFlight++;
      this.onPaused(event).finally(() => this.inFlight--);
    });
    await this.session.send('Fetch.enable', { patterns: [{ urlPattern: '*', requestStage: 'Request' }] });
  }

  /** No tag hit since `time` (Date.now()) and none being answered. */
  quietSince(time: number): boolean {
    return time > 0 && this.inFlight === 0 && this.lastHitAt <= time;
  }

  setSink(sink: TapSink | undefined): void {
    this.sink = sink;
  }

  /**
   * Resolves once no tag hit has arrived for `quietMs` and none is being answered, or after
   * `maxMs`: beacons sent while the journey left its last page, and the batch timers of that
   * page's tags (GA4 waits ~50 ms), land before the journey is closed. This wait is most of the
   * capture overhead (bench: ~0.25 s of a ~2.5 s journey); shorter would risk a missed hit,
   * which reads as a false alarm.
   */
  async settle(quietMs = 150, maxMs = 3000, early?: { done: () => boolean; quietMs: number }): Promise<void> {
    const start = Date.now();
    for (;;) {
      const now = Date.now();
      if (now - start >= maxMs) return;
      const quietFor = now - Math.max(this.lastHitAt, start);
      if (this.inFlight === 0 && quietFor >= quietMs) return;
      // What the caller waits for has come (every expected purchase tag): a short quiet is enough then.
      if (early && this.inFlight === 0 && now - this.lastHitAt >= early.quietMs && early.done()) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async detach(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    if (!session) return;
    await session.send('Fetch.disable').catch(() => undefined);
    await session.detach().catch(() => undefined);
  }

  private async onPaused(event: PausedRequest): Promise<void> {
    const session = this.session;
    if (!session) return;
    const { url, method } = event.request;
    const host = hostOf(url);
    const remote = host && !LOOPBACK.test(host) ? host : undefined;
    try {
      const vendor = this.options.classify(url);
      const blocked = this.blocker?.match({ url, resourceType: event.resourceType, sourceUrl: sourceOf(event) });
      if (blocked) {
        if (vendor) {
          this.lastHitAt = Date.now();
          this.sink?.hit({ time: new Date().toISOString(), url, method, body: requestBody(event), resourceType: event.resourceType, vendor: vendor.id, status: 'blocked', ...blockEvidence(blocked) });
        } else if (remote) {
          this.sink?.blocked?.(remote, { url, resourceType: event.resourceType }, blocked);
        }
        // What a blocker does: the page sees a failed request, nothing leaves the browser.
        await session.send('Fetch.failRequest', { requestId: event.requestId, errorReason: 'BlockedByClient' });
        return;
      }
      if (vendor) {
        this.lastHitAt = Date.now();
        // A tag library (gtm.js, a pixel's script) is not a hit: answering it with 204 would break
        // every tag it loads and report a loss the site does not have. It goes to the network.
        const live = this.options.liveHits === true || PASS_THROUGH_TYPES.has(event.resourceType ?? '');
        this.sink?.hit({ time: new Date().toISOString(), url, method, body: requestBody(event), resourceType: event.resourceType, vendor: vendor.id, status: live ? 'live' : 'captured' });
        if (!live) {
          // 204 with CORS open: fetch()-based tags (TikTok) must see success, as with the real vendor.
          await session.send('Fetch.fulfillRequest', {
            requestId: event.requestId,
            responseCode: 204,
            responseHeaders: [{ name: 'Access-Control-Allow-Origin', value: '*' }],
          });
          return;
        }
      }
      if (remote) this.sink?.network(remote, { url, resourceType: event.resourceType });
      if (this.sink?.unclaimed && !NO_DATA_TYPES.has(event.resourceType ?? '')) {
        const body = requestBody(event);
        if (PURCHASE_WORDS.test(url) || (body !== undefined && PURCHASE_WORDS.test(body.slice(0, 65536)))) {
          this.sink.unclaimed({ url, method, body, resourceType: event.resourceType });
        }
      }
      await session.send('Fetch.continueRequest', { requestId: event.requestId });
    } catch {
      // The request may be gone (page closed); a failed reply must never stall the browser.
      await session.send('Fetch.continueRequest', { requestId: event.requestId }).catch(() => undefined);
    }
  }
}

/** The blocking rule on the hit as its list writes it: rule, list, line (absent ones left out of the run log). */
function blockEvidence(decision: BlockDecision): Pick<HitEvent, 'rule' | 'filterList' | 'filterLine'> {
  return {
    rule: decision.rule,
    ...(decision.list !== undefined ? { filterList: decision.list } : {}),
    ...(decision.line !== undefined ? { filterLine: decision.line } : {}),
  };
}

function requestBody(event: PausedRequest): string | undefined {
  if (event.request.postData !== undefined) return event.request.postData;
  const entries = event.request.postDataEntries;
  if (!entries?.length) return undefined;
  return entries.map((entry) => (entry.bytes ? Buffer.from(entry.bytes, 'base64').toString('utf8') : '')).join('');
}

/** The page that sent the request, as far as headers tell (a blocker needs it for third-party rules). */
function sourceOf(event: PausedRequest): string | undefined {
  const headers = event.request.headers ?? {};
  const value = headers.Referer ?? headers.referer ?? headers.Origin ?? headers.origin;
  return value && value !== 'null' ? value : undefined;
}

function hostOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol.startsWith('http') ? parsed.hostname : undefined;
  } catch {
    return undefined;
  }
}
