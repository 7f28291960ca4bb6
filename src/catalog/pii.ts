import type { TagRequest } from '../model/tag-request.ts';
import type { PersonalData, VendorEvent } from '../model/vendor-event.ts';
import { bodyLines } from './parse/body-lines.ts';

/**
 * Bounded as the RFC bounds them (local part 64, label 63, a few labels): unbounded, a long run of
 * letters with no '@' after it was retried from every position to its end, quadratic on hostile
 * bodies (a 1 MB one took minutes).
 */
const EMAIL = /[a-z0-9._%+-]{1,64}@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){0,8}\.[a-z]{2,24}/gi;
/** A phone only where a parameter says it is one, or in international form: digits alone are ids and timestamps. */
const PHONE_KEY = /(?:^|[^a-z])(?:phone|tel|mobile|ph)(?:[^a-z]|$)/i;
// A query string may carry spaces as '+': accept them between digits.
const INTERNATIONAL = /^\+\d[\d ().+-]{7,18}\d$/;
const NATIONAL = /^\d[\d ().-]{7,18}\d$/;

/**
 * '@' or its escape, '+digit' or its escape, or a phone-like key: the only ways in for an e-mail
 * or a phone. Escaped twice too (`%2540`): a page URL inside a tag's URL, such as GA4's `dl`.
 */
const MAYBE_PERSONAL = /@|%40|%2540|\+\d|%2B\d|%252B\d|phone|tel|mobile|ph/i;

function decodeAll(text: string): string {
  // Most requests carry no escape at all: skip the two full-text decodes then.
  if (!text.includes('%')) return text;
  let current = text;
  // Parameters nest encodings (a URL in a URL): two rounds catch what tags really send.
  for (let i = 0; i < 2; i++) {
    try {
      current = decodeURIComponent(current);
    } catch {
      break;
    }
  }
  return current;
}

/**
 * Plain e-mail addresses and phone numbers anywhere in a request (URL or body): personal data
 * that must not reach a vendor unhashed. Hashed values (hex, base64) never match.
 */
export function findPersonalData(request: TagRequest): PersonalData | undefined {
  const { url, body } = request;
  // Nothing that could be an e-mail or a phone, even once decoded: done without decoding. URL
  // and body are tested apart (no clue spans the '\n' joining them), so most requests never
  // pay for the joined copy.
  if (typeof url === 'string' && (body === undefined || typeof body === 'string') && !MAYBE_PERSONAL.test(url) && !(body && MAYBE_PERSONAL.test(body))) {
    return undefined;
  }
  const text = `${url}\n${body ?? ''}`;
  if (!MAYBE_PERSONAL.test(text)) return undefined;
  const decoded = decodeAll(text);
  // Cheap tests first: no '@' means no e-mail, and no phone key or '+digit' means no phone.
  // Decoding whole server logs depends on it (the e-mail pattern is slow on long texts).
  const emails = decoded.includes('@') ? [...new Set((decoded.match(EMAIL) ?? []).map((e) => e.toLowerCase()))] : [];
  const phones = new Set<string>();
  const mayHavePhone = /\+\d/.test(decoded) || PHONE_KEY.test(decoded);
  for (const pair of mayHavePhone ? decoded.split(/[?&;\n{},]/) : []) {
    const match = /^"?([^=":]+)"?\s*[=:]\s*"?([^"]*)"?$/.exec(pair.trim());
    if (!match) continue;
    const [, key, value] = match as unknown as [string, string, string];
    const trimmed = value.trim();
    if (INTERNATIONAL.test(trimmed) || (PHONE_KEY.test(key) && NATIONAL.test(trimmed))) phones.add(trimmed);
  }
  if (!emails.length && !phones.size) return undefined;
  return { emails, phones: [...phones] };
}

/**
 * The request's events, each with the personal data it carries. One event per request: all of
 * it. A batch whose events know their body line (GA4 `v=2` beacons): an e-mail in an event's own
 * line belongs to that event only, one in the shared part (the URL) to every event of the batch,
 * so a purchase line carrying `ep.customer_email` does not make the page_view beside it "carry an
 * e-mail address". Events without personal data are returned as they are.
 */
export function attachPersonalData(request: TagRequest, events: VendorEvent[]): VendorEvent[] {
  if (events.length === 0) return events;
  const whole = findPersonalData(request);
  if (!whole) return events;
  const body = request.body;
  if (typeof body !== 'string' || !events.some((event) => event.line !== undefined)) {
    return events.map((event) => ({ ...event, pii: whole }));
  }
  const shared = findPersonalData({ url: request.url });
  const lines = bodyLines(body);
  return events.map((event) => {
    const text = event.line === undefined ? undefined : lines[event.line - 1];
    const own = text === undefined ? undefined : findPersonalData({ url: '', body: text });
    const pii = joined(shared, own);
    return pii ? { ...event, pii } : event;
  });
}

/** Both finds as one, each address once; undefined when neither found anything. */
function joined(a: PersonalData | undefined, b: PersonalData | undefined): PersonalData | undefined {
  if (!a || !b) return a ?? b;
  return { emails: [...new Set([...a.emails, ...b.emails])], phones: [...new Set([...a.phones, ...b.phones])] };
}
