import type { TagRequest } from '../../model/tag-request.ts';
import type { EventKind, VendorEvent } from '../../model/vendor-event.ts';
import { pick, pickAll, withoutUndefined } from '../canonical.ts';
import { defineVendor } from '../define-vendor.ts';
import { flattenJson } from '../parse/json.ts';
import { toNumber } from '../parse/number.ts';
import { queryToRecord, parseFormBody } from '../parse/query.ts';

/** The query, plus a POSTed body: JSON (newer insight tag) or a form. */
function paramsOf(request: TagRequest, url: URL): Record<string, string> {
  const query = queryToRecord(url);
  const body = request.body?.trim() ?? '';
  if (body.startsWith('{')) {
    try {
      return { ...query, ...flattenJson(JSON.parse(body)) };
    } catch {
      return query;
    }
  }
  return { ...query, ...parseFormBody(body) };
}

/**
 * The insight tag sends no event name: a hit with a conversion id is a conversion (a sale when
 * it reports an amount), one without is the insight tag's page hit. Its `/wa/` JSON posts name
 * their signal (`PAGE_VISIT`, `CLICK`, ...): only a page visit is a page view.
 */
function decode(request: TagRequest, url: URL): VendorEvent[] {
  const params = paramsOf(request, url);
  const conversion = pick(params, ['conversionId']) !== undefined;
  const signal = conversion ? undefined : pick(params, ['signalType']);
  const otherSignal = signal !== undefined && signal !== 'PAGE_VISIT';
  const eventName = conversion ? 'conversion' : otherSignal ? signal : 'pageview';
  const value = toNumber(pick(params, ['value', 'conversionValue']));
  const kind: EventKind = conversion ? (value !== undefined ? 'purchase' : 'other') : otherSignal ? 'other' : 'pageview';
  return [
    withoutUndefined({
      vendor: 'linkedin',
      // `/wa/` posts list the partner ids in `pids` only.
      account: pick(params, ['pid', 'pids[0]']),
      eventName,
      kind,
      value,
      currency: pick(params, ['currency']),
      eventId: pick(params, ['eventId', 'event_id']),
      // The tag reads the ad click's li_fat_id (landing URL, then its first-party cookie) and posts
      // it as `liFatId` in `/wa/` bodies, empty without a click; `li_fat_id` is the same id as a
      // query parameter (proxies, image fallbacks). `li_adsId` is a browser id, not a click id.
      clickIds: pickAll(params, { li_fat_id: ['liFatId', 'li_fat_id'] }),
      params,
    }),
  ];
}

export default defineVendor({
  id: 'linkedin',
  label: 'LinkedIn Insight Tag',
  category: 'advertising',
  patterns: [/^https?:\/\/px\.ads\.linkedin\.com\/(?:collect|wa)(?:[/?#]|$)/],
  params: {
    pid: 'Partner ID',
    conversionId: 'Conversion ID',
    fmt: 'Pixel Type',
    url: 'Page URL',
    time: 'Timestamp',
    v: 'Version',
    value: 'Conversion Value',
    currency: 'Currency',
    eventId: 'Event ID',
    li_fat_id: 'Click ID (li_fat_id)',
    liFatId: 'Click ID (li_fat_id)',
    li_adsId: 'Ads Browser ID',
    signalType: 'Signal Type',
    scriptVersion: 'Script Version',
  },
  decode,
});
