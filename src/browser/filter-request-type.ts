/** Chromium (CDP) resource types to the request types ad-block filter rules are written for. */
const FILTER_REQUEST_TYPES: Record<string, string> = {
  Stylesheet: 'stylesheet',
  Image: 'image',
  Media: 'media',
  Font: 'font',
  Script: 'script',
  XHR: 'xmlhttprequest',
  Fetch: 'xmlhttprequest',
  Ping: 'ping',
  WebSocket: 'websocket',
  CSPViolationReport: 'csp_report',
};

/**
 * The filter-rule request type of a CDP resource type ('other' when it has none). A Document is
 * the page itself to a blocker (main_frame), but a third-party document in a journey is a frame:
 * the caller says which it sees.
 */
export function filterRequestType(resourceType: string | undefined, documentAs: 'main_frame' | 'sub_frame'): string {
  if (resourceType === 'Document') return documentAs;
  return FILTER_REQUEST_TYPES[resourceType ?? ''] ?? 'other';
}
