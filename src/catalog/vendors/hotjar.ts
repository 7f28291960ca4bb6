import type { TagRequest } from '../../model/tag-request.ts';
import type { EventKind, VendorEvent } from '../../model/vendor-event.ts';
import { withoutUndefined } from '../canonical.ts';
import { defineVendor } from '../define-vendor.ts';
import { queryToRecord } from '../parse/query.ts';

const LOADER = /\/c\/hotjar-(\d+)\.js$/;
/** Client API calls name the site in the path: /api/v2/client/sites/<hjid>/<action>. */
const CLIENT_API = /^\/api\/v\d+\/client\/sites\/(\d+)\/([\w-]+)/;

/** visit-data is sent once per page the tracked visitor opens. */
function kindOf(eventName: string): EventKind {
  return eventName === 'visit-data' ? 'pageview' : 'other';
}

function decode(_request: TagRequest, url: URL): VendorEvent[] {
  const params = queryToRecord(url);
  const loader = LOADER.exec(url.pathname);
  if (loader) return [{ vendor: 'hotjar', account: loader[1], eventName: 'Library Load', kind: 'other', params }];
  const api = CLIENT_API.exec(url.pathname);
  const eventName = api?.[2] ?? '';
  // The request bodies (recordings, heatmap data) are not decoded: they carry no shop event.
  return [withoutUndefined({ vendor: 'hotjar', account: api?.[1], eventName, kind: kindOf(eventName), params })];
}

export default defineVendor({
  id: 'hotjar',
  label: 'Hotjar',
  category: 'analytics',
  patterns: [
    // The site's loader script, as Omnibug recognises it.
    /^https?:\/\/(?:[^/?#]*\.)?hotjar\.com\/c\/hotjar-\d+\.js(?:[?#]|$)/,
    // Client API calls to in.hotjar.com that name the site (visit-data, ...).
    /^https?:\/\/in\.hotjar\.com\/api\/v\d+\/client\/sites\/\d+\/[\w-]+/,
  ],
  params: {
    sv: 'Script Version',
  },
  decode,
});
