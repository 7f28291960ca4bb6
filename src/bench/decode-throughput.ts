import { createCatalog } from '../catalog/catalog.ts';
import type { VendorDefinition } from '../catalog/define-vendor.ts';
import { MAX_EVENTS_PER_REQUEST } from '../catalog/parse/batch-limit.ts';
import { decodeBatch } from '../catalog/vendors/ga4.ts';
import type { TagRequest } from '../model/tag-request.ts';

/**
 * A shop's tag traffic in miniature: the requests a purchase journey really sends (GA4 batched
 * beacon, Meta pixel, TikTok JSON, Google Ads, Floodlight, Segment), plus requests no vendor
 * claims, which every server log is mostly made of. Ids vary per request so no cache helps.
 */
function sampleRequests(count: number): TagRequest[] {
  // Round-tripped through JSON, as every real source delivers requests (CDP events, HAR and
  // JSONL lines are JSON): template literals build V8 ropes, and flattening 200k of them inside
  // the timed loop (each copy then promoted by the GC, the sample being old) cost ~25% of it,
  // work no capture ever causes.
  return buildRequests(count).map((request) => JSON.parse(JSON.stringify(request)) as TagRequest);
}

function buildRequests(count: number): TagRequest[] {
  const requests: TagRequest[] = [];
  for (let i = 0; i < count; i++) {
    const order = `ORD-${100000 + i}`;
    const value = ((i % 97) + 12.5).toFixed(2);
    switch (i % 8) {
      case 0:
        requests.push({
          url: `https://region1.google-analytics.com/g/collect?v=2&tid=G-DEMO1234&gtm=45je4&_p=${i}&cid=123456.${i}&ul=fr-fr&sr=1280x720&_s=3&dl=https%3A%2F%2Fshop.example%2Fcheckout%2Fthanks&dt=Thanks`,
          method: 'POST',
          body: `en=page_view&_et=12\nen=purchase&ep.transaction_id=${order}&epn.value=${value}&cu=EUR&pr1=idSKU1~nmShirt~pr${value}~qt1`,
        });
        break;
      case 1:
        requests.push({ url: `https://www.facebook.com/tr/?id=4126&ev=Purchase&dl=https%3A%2F%2Fshop.example%2Fthanks&cd[value]=${value}&cd[currency]=EUR&cd[order_id]=${order}&eid=${order}&fbp=fb.1.1700000000.${i}&ts=1700000000${i % 1000}`, method: 'GET' });
        break;
      case 2:
        requests.push({
          url: 'https://analytics.tiktok.com/api/v2/pixel',
          method: 'POST',
          body: JSON.stringify({ event: 'CompletePayment', event_id: order, context: { pixel: { code: 'CDEMO123' }, page: { url: 'https://shop.example/thanks' } }, properties: { value: Number(value), currency: 'EUR', order_id: order } }),
        });
        break;
      case 3:
        requests.push({ url: `https://www.googleadservices.com/pagead/conversion/987654321/?label=AbC-dEf&value=${value}&currency_code=EUR&oid=${order}&gclaw=Cj0${i}`, method: 'GET' });
        break;
      case 4:
        requests.push({ url: `https://ad.doubleclick.net/activity;src=1234567;type=sales;cat=purch0;qty=1;cost=${value};ord=${order};num=${i}?`, method: 'GET' });
        break;
      case 5:
        requests.push({ url: 'https://api.segment.io/v1/t', method: 'POST', body: JSON.stringify({ type: 'track', event: 'Order Completed', writeKey: 'wk_demo', properties: { order_id: order, total: Number(value), currency: 'EUR' } }) });
        break;
      default:
        requests.push({ url: `https://shop.example/assets/app.${i}.js?v=3`, method: 'GET' });
    }
  }
  return requests;
}

export interface DecodeThroughput {
  requests: number;
  events: number;
  /** Wall time of the decode loop. */
  seconds: number;
  /** CPU time of this process during the loop: what the code costs, whatever else the machine runs. */
  cpuSeconds: number;
  hitsPerSecond: number;
  hitsPerCpuSecond: number;
}

/**
 * Decodes `count` requests in one loop with one catalog of `vendors` (as a run, `tagwatch decode`
 * and tagwatch/test do), after a warm-up so the JIT is measured, not the start.
 */
export function measureDecodeThroughput(vendors: readonly VendorDefinition[], count = 200_000): DecodeThroughput {
  const requests = sampleRequests(count);
  const catalog = createCatalog(vendors);
  const errors: string[] = [];
  for (const request of requests.slice(0, 5_000)) catalog.decode(request, undefined, errors);
  let events = 0;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  for (const request of requests) events += catalog.decode(request, undefined, errors).length;
  const cpu = process.cpuUsage(cpuStart);
  const seconds = (performance.now() - start) / 1000;
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return { requests: count, events, seconds, cpuSeconds, hitsPerSecond: count / seconds, hitsPerCpuSecond: count / cpuSeconds };
}

export interface BatchLines {
  lines: number;
  seconds: number;
  linesPerSecond: number;
}

/** A gtag-shaped GA4 batch body of `lines` event lines, no '+' or '%' (the case that was quadratic). */
function batchBody(lines: number): string {
  const parts: string[] = new Array(lines);
  for (let i = 0; i < lines; i++) parts[i] = `en=view_item&_et=${i}&ep.item_id=sku${i}&epn.value=${i % 97}`;
  return parts.join('\n');
}

const BATCH_URL = new URL('https://region1.google-analytics.com/g/collect?v=2&tid=G-DEMO1234&cid=1.2&dl=https%3A%2F%2Fshop.example%2F');

/** One GA4 request of `lines` body lines, every line decoded (no limit on events), timed. */
export function measureBatchLines(lines: number): BatchLines {
  const body = batchBody(lines);
  const start = performance.now();
  const events = decodeBatch({ url: BATCH_URL.href, method: 'POST', body }, BATCH_URL, Infinity);
  const seconds = (performance.now() - start) / 1000;
  if (events.length !== lines) throw new Error(`expected ${lines} events, decoded ${events.length}`);
  return { lines, seconds, linesPerSecond: lines / seconds };
}

/**
 * Issue 15's figures as `name: value` lines: one GA4 request of 100k and of 1M body lines decoded
 * whole (lines per second; 10x the lines should cost ~10x the time: a ratio near 1 is linear,
 * near 10 quadratic), and the 1M-line request as a catalog decodes it, bounded to
 * MAX_EVENTS_PER_REQUEST events.
 */
export function batchLineFigures(vendors: readonly VendorDefinition[]): string[] {
  measureBatchLines(10_000);
  const small = measureBatchLines(100_000);
  const large = measureBatchLines(1_000_000);
  const catalog = createCatalog(vendors);
  const body = batchBody(1_000_000);
  const start = performance.now();
  const events = catalog.decode({ url: BATCH_URL.href, method: 'POST', body });
  const bounded = (performance.now() - start) / 1000;
  return [
    `decode-batch-lines-per-second-100k: ${Math.round(small.linesPerSecond)}`,
    `decode-batch-lines-per-second-1m: ${Math.round(large.linesPerSecond)}`,
    `decode-batch-seconds-1m-lines: ${large.seconds.toFixed(2)}`,
    `decode-batch-slowdown-ratio-1m-vs-100k: ${(small.linesPerSecond / large.linesPerSecond).toFixed(2)}`,
    `decode-batch-request-seconds-1m-lines-bounded: ${bounded.toFixed(3)} (${events.length - 1} events decoded, ${MAX_EVENTS_PER_REQUEST} at most)`,
  ];
}
