/** A request as the browser sent it, before any decoding. The unit the catalog decodes. */
export interface TagRequest {
  url: string;
  /** Upper-case HTTP method; GET when absent. */
  method?: string;
  /** Request body as text (sendBeacon, fetch, form posts). */
  body?: string;
}
