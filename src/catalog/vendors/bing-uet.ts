import type { TagRequest } from '../../model/tag-request.ts';
import type { VendorEvent } from '../../model/vendor-event.ts';
import type { CanonicalMapping } from '../canonical.ts';
import { toVendorEvent } from '../canonical.ts';
import { defineVendor } from '../define-vendor.ts';
import { queryToRecord } from '../parse/query.ts';

const mapping: CanonicalMapping = {
  account: ['ti'],
  // A custom event (evt=custom) is named by its action; otherwise the hit type (pageLoad) names it.
  eventName: ['ea', 'evt'],
  value: ['gv'],
  currency: ['gc'],
  clickIds: { msclkid: ['msclkid'] },
  kinds: { purchase: ['purchase', 'Purchase'], pageview: ['pageLoad'] },
};

function decode(_request: TagRequest, url: URL): VendorEvent[] {
  const params = queryToRecord(url);
  const event = toVendorEvent('bing-uet', params, mapping);
  // `msclkid=N` means the visit has no click id.
  if (event.clickIds?.msclkid === 'N') {
    const { msclkid: _none, ...others } = event.clickIds;
    const { clickIds: _all, ...rest } = event;
    return [Object.keys(others).length ? { ...rest, clickIds: others } : rest];
  }
  return [event];
}

export default defineVendor({
  id: 'bing-uet',
  label: 'Microsoft Advertising UET',
  category: 'advertising',
  patterns: [/^https?:\/\/bat\.bing\.(?:com|net)\/action(?:[/?#]|$)/],
  params: {
    ti: 'Tag ID',
    evt: 'Event Type',
    ec: 'Event Category',
    ea: 'Event Action',
    el: 'Event Label',
    ev: 'Event Value',
    gv: 'Goal Revenue',
    gc: 'Goal Currency',
    prodid: 'Product ID',
    pagetype: 'Page Type',
    spa: 'Single Page App',
    page_path: 'Page Path',
    p: 'Page URL',
    tl: 'Page Title',
    kw: 'Keywords Meta Tag',
    r: 'Page Referrer',
    mid: 'Message ID',
    msclkid: 'Click ID (msclkid)',
    lg: 'Language',
    Ver: 'UET Version',
  },
  decode,
});
