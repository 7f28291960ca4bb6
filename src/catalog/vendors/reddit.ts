import type { TagRequest } from '../../model/tag-request.ts';
import type { VendorEvent } from '../../model/vendor-event.ts';
import type { CanonicalMapping } from '../canonical.ts';
import { toVendorEvent } from '../canonical.ts';
import { defineVendor } from '../define-vendor.ts';
import { queryToRecord, parseFormBody } from '../parse/query.ts';

const mapping: CanonicalMapping = {
  account: ['id'],
  // A Custom event carries its real name in m.customEventName (Omnibug shows that one too).
  eventName: ['m.customEventName', 'event'],
  transactionId: ['m.transactionId'],
  // m.valueDecimal is the amount in currency units; legacy m.value is not used (older pixels sent cents).
  value: ['m.valueDecimal'],
  currency: ['m.currency'],
  eventId: ['m.conversionId'],
  clickIds: { rdt_cid: ['rdt_cid', 'click_id'] },
  userIds: { email: ['em'], externalId: ['external_id'], aaid: ['aaid'], idfa: ['idfa'], uuid: ['uuid'] },
  kinds: { purchase: ['Purchase'], pageview: ['PageVisit'] },
};

function decode(request: TagRequest, url: URL): VendorEvent[] {
  const params = { ...queryToRecord(url), ...parseFormBody(request.body) };
  return [toVendorEvent('reddit', params, mapping)];
}

export default defineVendor({
  id: 'reddit',
  label: 'Reddit Pixel',
  category: 'advertising',
  patterns: [/^https?:\/\/(?:[^/?#]*\.)?reddit\.com\/rp\.gif(?:[?#]|$)/],
  params: {
    id: 'Pixel ID',
    event: 'Event',
    ts: 'Timestamp',
    uuid: 'Pixel Cookie ID',
    'm.customEventName': 'Custom Event Name',
    'm.itemCount': 'Item Count',
    'm.value': 'Value (legacy)',
    'm.valueDecimal': 'Value',
    'm.currency': 'Currency',
    'm.transactionId': 'Transaction ID',
    'm.products': 'Products',
    'm.conversionId': 'Conversion ID (dedup)',
    em: 'Hashed Email',
    external_id: 'External ID',
    aaid: 'Android Advertising ID',
    idfa: 'iOS Advertising ID',
    click_id: 'Click ID',
    rdt_cid: 'Click ID (rdt_cid)',
    opt_out: 'Opt Out (LDU)',
    integration: 'Integration',
    v: 'Pixel Version',
    sw: 'Screen Width',
    sh: 'Screen Height',
  },
  decode,
});
