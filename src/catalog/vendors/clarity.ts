import type { TagRequest } from '../../model/tag-request.ts';
import type { VendorEvent } from '../../model/vendor-event.ts';
import { defineVendor } from '../define-vendor.ts';
import { queryToRecord } from '../parse/query.ts';

const TAG_PATH = /^\/tag\/([\w-]+)\/?$/;

/**
 * The Clarity loader, `www.clarity.ms/tag/<project id>`, as Omnibug recognises it. The session
 * uploads to `<x>.clarity.ms/collect` are a compressed binary protocol and carry no readable
 * event, so (like Omnibug) the catalog does not claim them.
 */
function decode(_request: TagRequest, url: URL): VendorEvent[] {
  const params = queryToRecord(url);
  const account = TAG_PATH.exec(url.pathname)?.[1];
  return [{ vendor: 'clarity', ...(account ? { account } : {}), eventName: 'Library Load', kind: 'other', params }];
}

export default defineVendor({
  id: 'clarity',
  label: 'Microsoft Clarity',
  category: 'analytics',
  patterns: [/^https?:\/\/(?:[^/?#]*\.)?clarity\.ms\/tag\/[\w-]+\/?(?:[?#]|$)/],
  params: {
    ref: 'Loader Reference',
  },
  decode,
});
