import type { TagRequest } from '../../model/tag-request.ts';
import type { VendorEvent } from '../../model/vendor-event.ts';
import type { CanonicalMapping } from '../canonical.ts';
import { toVendorEvent } from '../canonical.ts';
import { defineVendor } from '../define-vendor.ts';
import { MATOMO_PARAMS, matomoAccount, matomoHits } from '../parse/matomo-protocol.ts';

/**
 * Matomo sends no event name: like Omnibug, the name is the derived request type (Page View,
 * Ecommerce, Goal, Site Search, ...). One Matomo serves several sites, so the account names both
 * the tracker host and the site: `analytics.shop.example site 3` (matomoAccount).
 */
const mapping: CanonicalMapping = {
  account: ['trackingServer'],
  eventName: ['requestType'],
  transactionId: ['ec_id'],
  value: ['revenue'],
  userIds: { userId: ['uid'] },
  kinds: { pageview: ['Page View'] },
};

/** An Ecommerce hit (idgoal=0) is an order only with an order id; without one it is a cart update. */
function decode(request: TagRequest, url: URL): VendorEvent[] {
  return matomoHits(request, url).map((params) => {
    const event = toVendorEvent('matomo', params, mapping);
    const account = matomoAccount(params);
    if (account !== undefined) event.account = account;
    return params.requestType === 'Ecommerce' && params.ec_id ? { ...event, kind: 'purchase' } : event;
  });
}

export default defineVendor({
  id: 'matomo',
  label: 'Matomo',
  category: 'analytics',
  // Any host (self-hosted and *.matomo.cloud); piwik.php is the pre-2018 name of the same endpoint.
  patterns: [/^https?:\/\/[^?#]*\/(?:piwik|matomo)\.php(?:[?#]|$)/],
  // Piwik PRO's own cloud also answers on piwik.php: that is the piwik-pro vendor.
  excludes: [/^https?:\/\/(?:[^/?#]*\.)?piwik\.pro(?::\d+)?\//],
  params: MATOMO_PARAMS,
  decode,
});
