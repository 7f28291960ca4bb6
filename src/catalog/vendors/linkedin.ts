import type { TagRequest } from '../../model/tag-request.ts';
import type { EventKind, VendorEvent } from '../../model/vendor-event.ts';
import { pick, pickAll, withoutUndefined } from '../canonical.ts';
import { defineVendor } from '../define-vendor.ts';
import { flattenJson } from '../parse/json.ts';
import { toNumber } from '../parse/number.ts';
import { paramsToRecord, parseFormBody } from '../parse/query.ts';

/** The query, plus a POSTed body: JSON (newer insight tag) or a form. */
function paramsOf(request: TagRequest, url: URL): Record<string, string> {
  const query = paramsToRecord(url.searchParams);
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
 * it reports an amount), one without is the insight tag's page hit.
 */
function decode(request: TagRequest, url: URL): VendorEvent[] {
  const params = paramsOf(request, url);
  const conversion = pick(params, ['conversionId']) !== undefined;
  const eventName = conversion ? 'conversion' : 'pageview';
  const value = toNumber(pick(params, ['value', 'conversionValue']));
  const kind: EventKind = conversion ? (value !== undefined ? 'purchase' : 'other') : 'pageview';
  return [
    withoutUndefined({
      vendor: 'linkedin',
      account: pick(params, ['pid']),
      eventName,
      kind,
      value,
      currency: pick(params, ['currency']),
      eventId: pick(params, ['eventId', 'event_id']),
      clickIds: pickAll(params, { li_fat_id: ['li_fat_id', 'liFatId'] }),
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
  },
  decode,
});
