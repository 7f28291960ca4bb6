import type { TagRequest } from '../../model/tag-request.ts';
import type { VendorEvent } from '../../model/vendor-event.ts';
import type { CanonicalMapping } from '../canonical.ts';
import { toVendorEvent } from '../canonical.ts';
import { defineVendor } from '../define-vendor.ts';
import { MATOMO_PARAMS, matomoAccount, matomoHits } from '../parse/matomo-protocol.ts';

/** Piwik PRO speaks the Matomo protocol; see matomo.ts for why name and account are derived. */
const mapping: CanonicalMapping = {
  account: ['trackingServer'],
  eventName: ['requestType'],
  transactionId: ['ec_id'],
  value: ['revenue'],
  userIds: { userId: ['uid'] },
  kinds: { pageview: ['Page View'] },
};

function decode(request: TagRequest, url: URL): VendorEvent[] {
  return matomoHits(request, url).map((params) => {
    const event = toVendorEvent('piwik-pro', params, mapping);
    const account = matomoAccount(params);
    if (account !== undefined) event.account = account;
    return params.requestType === 'Ecommerce' && params.ec_id ? { ...event, kind: 'purchase' } : event;
  });
}

export default defineVendor({
  id: 'piwik-pro',
  label: 'Piwik PRO',
  category: 'analytics',
  patterns: [
    // ppms.php is Piwik PRO's endpoint on any host (cloud, first-party proxies).
    /^https?:\/\/[^?#]*\/ppms\.php(?:[?#]|$)/,
    // The legacy piwik.php / matomo.php name, only on Piwik PRO's cloud (matomo excludes these hosts).
    /^https?:\/\/(?:[^/?#]*\.)?piwik\.pro(?::\d+)?\/(?:[^?#]*\/)?(?:piwik|matomo)\.php(?:[?#]|$)/,
  ],
  params: { ...MATOMO_PARAMS, cvar: 'Custom Action Variables', _cvar: 'Custom Visit Variables' },
  decode,
});
