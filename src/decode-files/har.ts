import { readFileSync } from 'node:fs';
import type { TagRequest } from '../model/tag-request.ts';
import { UserError } from '../user-error.ts';
import { checkInputFile, MIB, oneLine, readProblem } from './input-file.ts';

/** The part of a HAR entry (DevTools, Playwright's recordHar) that a decoder needs. */
interface HarEntry {
  startedDateTime?: unknown;
  request?: { url?: unknown; method?: unknown; postData?: { text?: unknown } | null } | null;
}

export interface HarRequest extends TagRequest {
  time?: string;
}

export const HAR_ACCEPTED = 'a HAR file (JSON with log.entries: DevTools "Save all as HAR", Playwright\'s recordHar)';

/**
 * The largest HAR read: one JSON text of it must fit in a string, which V8 caps just under
 * 512 MiB. A bigger file (a HAR saved with every response's content) is refused by its size,
 * before anything is read.
 */
export const MAX_HAR_BYTES = 500 * MIB;

/** Requests of a HAR file, in file order. Throws a message saying what is wrong with the file. */
export function readHar(text: string, file: string): HarRequest[] {
  let har: unknown;
  try {
    har = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not JSON (${oneLine((error as Error).message)}), --har: ${HAR_ACCEPTED}; export it again with "Save all as HAR"`);
  }
  const entries = har !== null && typeof har === 'object' ? (har as { log?: { entries?: unknown } | null }).log?.entries : undefined;
  if (!Array.isArray(entries)) {
    const held = har === null ? 'null' : Array.isArray(har) ? 'an array' : typeof har === 'object' ? 'JSON without log.entries' : `a JSON ${typeof har}`;
    throw new Error(`${file} holds ${held}, not a HAR, --har: ${HAR_ACCEPTED}`);
  }
  // Entries that are not requests with a URL (null, a cut-off export) are skipped, as entries without a URL always were.
  return (entries as unknown[]).flatMap((item) => {
    if (item === null || typeof item !== 'object') return [];
    const { request, startedDateTime } = item as HarEntry;
    if (!request || typeof request !== 'object' || typeof request.url !== 'string' || request.url === '') return [];
    const text = request.postData?.text;
    return [{ url: request.url, method: typeof request.method === 'string' ? request.method : 'GET', body: typeof text === 'string' ? text : undefined, time: typeof startedDateTime === 'string' ? startedDateTime : undefined }];
  });
}

/** `--har <path>` read and parsed; every problem with the file is one UserError line naming it. */
export function readHarFile(path: string): HarRequest[] {
  const size = checkInputFile(path, '--har', HAR_ACCEPTED);
  if (size > MAX_HAR_BYTES) {
    throw new UserError(`${path} is ${Math.ceil(size / MIB)} MiB, more than the ${MAX_HAR_BYTES / MIB} MiB tagwatch reads as one HAR, --har: ${HAR_ACCEPTED}; export it without response content, or the tag requests alone as JSONL (--jsonl)`);
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_STRING_TOO_LONG') {
      throw new UserError(`${path} is more than the ${MAX_HAR_BYTES / MIB} MiB tagwatch reads as one HAR, --har: ${HAR_ACCEPTED}; export it without response content, or the tag requests alone as JSONL (--jsonl)`);
    }
    throw readProblem(path, '--har', HAR_ACCEPTED, error);
  }
  try {
    return readHar(text, path);
  } catch (error) {
    throw new UserError((error as Error).message);
  }
}
