import type { TagRequest } from '../../model/tag-request.ts';
import type { VendorEvent } from '../../model/vendor-event.ts';
import { defineVendor } from '../define-vendor.ts';
import { queryToRecord } from '../parse/query.ts';

const TAG_PATH = /^\/tag\/([\w-]+)\/?$/;

/**
 * The envelope that opens every upload (clarity-js src/data/envelope.ts), by position:
 * version, sequence, start, duration, projectId, userId, sessionId, pageNum, upload, end.
 */
const ENVELOPE = ['version', 'sequence', 'start', 'duration', 'projectId', 'userId', 'sessionId', 'pageNum', 'upload', 'end'] as const;

/**
 * Two kinds of request. The loader, `www.clarity.ms/tag/<project id>`, as Omnibug recognises it.
 * The session uploads to `<x>.clarity.ms/collect`: `{"e": [envelope], "a": [...], "p": [...]}`
 * sent as plain JSON for the final beacon and every retry (clarity-js upload.ts), gzip otherwise.
 * A JSON upload names its project (5th envelope element); the first upload of a page
 * (sequence 1) stands for its page view. A compressed one reads as no text: it is an upload of
 * an unknown project, still Clarity's traffic (blocked or not).
 */
function decode(request: TagRequest, url: URL): VendorEvent[] {
  const params = queryToRecord(url);
  if (url.pathname.startsWith('/collect')) return [upload(request.body, params)];
  const account = TAG_PATH.exec(url.pathname)?.[1];
  return [{ vendor: 'clarity', ...(account ? { account } : {}), eventName: 'Library Load', kind: 'other', params }];
}

function upload(body: string | undefined, params: Record<string, string>): VendorEvent {
  const text = body?.trim() ?? '';
  if (!text.startsWith('{')) return { vendor: 'clarity', eventName: 'Upload (compressed)', kind: 'other', params };
  let envelope: unknown;
  try {
    envelope = (JSON.parse(text) as { e?: unknown }).e;
  } catch {
    throw new Error(`the upload is not JSON: ${text.slice(0, 80)}`);
  }
  if (!Array.isArray(envelope) || envelope.length < 5) throw new Error('expected an upload {"e": [version, sequence, start, duration, projectId, ...]}');
  const fields: Record<string, string> = { ...params };
  ENVELOPE.forEach((name, i) => {
    if (envelope[i] !== undefined && envelope[i] !== null) fields[name] = String(envelope[i]);
  });
  const first = fields.sequence === '1';
  const event: VendorEvent = { vendor: 'clarity', eventName: first ? 'Page View' : fields.end === '1' ? 'Upload (last)' : 'Upload', kind: first ? 'pageview' : 'other', params: fields };
  if (fields.projectId) event.account = fields.projectId;
  // A retry resends the same envelope: the same user, session, page and sequence is the same upload.
  if (fields.sessionId && fields.sequence) event.eventId = `${fields.userId ?? ''}.${fields.sessionId}.${fields.pageNum ?? ''}.${fields.sequence}`;
  return event;
}

export default defineVendor({
  id: 'clarity',
  label: 'Microsoft Clarity',
  category: 'analytics',
  patterns: [
    /^https?:\/\/(?:[^/?#]*\.)?clarity\.ms\/tag\/[\w-]+\/?(?:[?#]|$)/,
    /^https?:\/\/(?:[^/?#]*\.)?clarity\.ms\/collect\/?(?:[?#]|$)/,
  ],
  params: {
    ref: 'Loader Reference',
    version: 'Clarity Version',
    sequence: 'Upload Sequence (1 = first of the page)',
    start: 'Start (ms)',
    duration: 'Duration (ms)',
    projectId: 'Project ID',
    userId: 'User ID',
    sessionId: 'Session ID',
    pageNum: 'Page Number',
    upload: 'Upload Transport (0 async, 1 beacon)',
    end: 'Last Upload (1)',
  },
  decode,
});
