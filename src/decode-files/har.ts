import type { TagRequest } from '../model/tag-request.ts';

/** The part of a HAR entry (DevTools, Playwright's recordHar) that a decoder needs. */
interface HarEntry {
  startedDateTime?: string;
  request?: { url?: string; method?: string; postData?: { text?: string } };
}

export interface HarRequest extends TagRequest {
  time?: string;
}

/** Requests of a HAR file, in file order. Throws a message saying what is wrong with the file. */
export function readHar(text: string, file: string): HarRequest[] {
  let har: { log?: { entries?: HarEntry[] } };
  try {
    har = JSON.parse(text) as typeof har;
  } catch (error) {
    throw new Error(`${file} is not JSON (${(error as Error).message}): export it again with "Save all as HAR".`);
  }
  const entries = har.log?.entries;
  if (!Array.isArray(entries)) throw new Error(`${file} has no log.entries: is it a HAR file?`);
  return entries.flatMap((entry) =>
    entry.request?.url ? [{ url: entry.request.url, method: entry.request.method ?? 'GET', body: entry.request.postData?.text, time: entry.startedDateTime }] : [],
  );
}
