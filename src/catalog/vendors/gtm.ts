import type { TagRequest } from '../../model/tag-request.ts';
import type { VendorEvent } from '../../model/vendor-event.ts';
import { pick, withoutUndefined } from '../canonical.ts';
import { defineVendor } from '../define-vendor.ts';
import { queryToRecord } from '../parse/query.ts';

/**
 * A container load. No event is sent; `gtm.js` is the name of the first dataLayer event the
 * container pushes once loaded, so it stands for "the container loaded".
 */
function decode(_request: TagRequest, url: URL): VendorEvent[] {
  const params = queryToRecord(url);
  return [withoutUndefined({ vendor: 'gtm', account: pick(params, ['id']), eventName: 'gtm.js', kind: 'other' as const, params })];
}

export default defineVendor({
  id: 'gtm',
  label: 'Google Tag Manager',
  category: 'analytics',
  // gtm.js container loads only: gtag/js (GA4/Ads library) is not a container (Omnibug agrees).
  patterns: [/^https?:\/\/(?:www\.)?googletagmanager\.com\/gtm\.js(?:[?#]|$)/],
  params: {
    id: 'Container ID',
    l: 'dataLayer Name',
    gtm_auth: 'Environment Auth',
    gtm_preview: 'Environment Preview',
    gtm_cookies_win: 'Environment Cookies',
  },
  decode,
});
