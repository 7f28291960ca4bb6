/** Pairs as a record. The first occurrence of a key wins, as `URLSearchParams.get` does. */
export function paramsToRecord(params: URLSearchParams): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [key, value] of params) {
    if (!(key in record)) record[key] = value;
  }
  return record;
}

/** A URL's query string as a record, as `queryToRecord(url)` would give, faster. */
export function queryToRecord(url: URL): Record<string, string> {
  const search = url.search;
  const record: Record<string, string> = {};
  if (search.length > 1) addUrlEncoded(record, search, 1, search.length, undefined);
  return record;
}

/**
 * An `a=1&b=2` string (query string or form body) as a record, with URLSearchParams' rules
 * ('+' is a space, the first occurrence of a key wins). Hand-rolled because URLSearchParams
 * costs a third of a decode, and bulk decoding of server logs must reach 200k hits/s.
 */
export function parseUrlEncoded(text: string): Record<string, string> {
  const record: Record<string, string> = {};
  addUrlEncoded(record, text, 0, text.length, undefined);
  return record;
}

/**
 * `{ ...record, ...parseUrlEncoded(text) }` without the two intermediate objects, in place: the
 * text's pairs override what the record holds (keys keep their place) or come after it.
 * GA4 batches build one params object per event this way from the shared query.
 */
export function mergeUrlEncoded(record: Record<string, string>, text: string, start = 0, end = text.length): void {
  // The range as a string of its own (V8 slices without copying): every search below then stops at
  // its end. Searching the whole text from `start` made a GA4 batch of N lines cost N x the body.
  const part = start === 0 && end === text.length ? text : text.slice(start, end);
  addUrlEncoded(record, part, 0, part.length, []);
}

/** Keys one text set, for telling its own repeats from keys held before: a list while short, a Set past that. */
const ADDED_AS_LIST = 32;

/**
 * The pairs of `text` between `start` and `end`. With `added` undefined the record is fresh and
 * a key already there is a repeat (first one wins). Otherwise `added` lists the keys this text
 * set, telling a repeat from a key the record held before, which the text overrides.
 */
function addUrlEncoded(record: Record<string, string>, text: string, start: number, end: number, added: string[] | undefined): void {
  // Where the next '+' and '%' are: components without either are taken as they are, and
  // finding them once per text is cheaper than searching every component twice.
  // A line of many pairs would make `added.includes` quadratic: past a few dozen keys, a Set.
  let addedSet: Set<string> | undefined;
  let plus = text.indexOf('+', start);
  let percent = text.indexOf('%', start);
  while (start <= end) {
    let stop = text.indexOf('&', start);
    if (stop < 0 || stop > end) stop = end;
    if (stop > start) {
      let equals = text.indexOf('=', start);
      if (equals >= stop) equals = -1;
      const keyEnd = equals < 0 ? stop : equals;
      if (plus >= 0 && plus < start) plus = text.indexOf('+', start);
      if (percent >= 0 && percent < start) percent = text.indexOf('%', start);
      const key = (plus >= 0 && plus < keyEnd) || (percent >= 0 && percent < keyEnd) ? decodeFormComponent(text.slice(start, keyEnd)) : text.slice(start, keyEnd);
      let value = '';
      if (equals >= 0) {
        if (plus >= 0 && plus <= equals) plus = text.indexOf('+', equals);
        if (percent >= 0 && percent <= equals) percent = text.indexOf('%', equals);
        value = (plus >= 0 && plus < stop) || (percent >= 0 && percent < stop) ? decodeFormComponent(text.slice(equals + 1, stop)) : text.slice(equals + 1, stop);
      }
      if (record[key] === undefined) {
        // Neither held nor inherited (`toString`, `__proto__` never become params, as with `in`).
        record[key] = value;
        if (added !== undefined) {
          if (addedSet !== undefined) addedSet.add(key);
          else if (added.push(key) > ADDED_AS_LIST) addedSet = new Set(added);
        }
      } else if (added !== undefined && Object.hasOwn(record, key) && !(addedSet !== undefined ? addedSet.has(key) : added.includes(key))) {
        record[key] = value;
        if (addedSet !== undefined) addedSet.add(key);
        else if (added.push(key) > ADDED_AS_LIST) addedSet = new Set(added);
      }
    }
    start = stop + 1;
  }
}

function decodeFormComponent(text: string): string {
  const spaced = text.includes('+') ? text.replace(/\+/g, ' ') : text;
  if (!spaced.includes('%')) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    // A stray '%' or a broken sequence: URLSearchParams keeps what it cannot decode, so do we.
    return new URLSearchParams(`k=${text}`).get('k') ?? spaced;
  }
}

/**
 * A form POST body as a record. The capture layer records the raw body without its content
 * type, so multipart is recognised by its shape (a boundary line, then form-data parts);
 * anything else is read as urlencoded.
 */
export function parseFormBody(body: string | undefined): Record<string, string> {
  if (!body) return {};
  return isMultipart(body) ? parseMultipart(body) : parseUrlEncoded(body.trim());
}

function isMultipart(body: string): boolean {
  return body.startsWith('--') && /content-disposition:\s*form-data/i.test(body);
}

function parseMultipart(body: string): Record<string, string> {
  const boundary = body.slice(0, body.search(/\r?\n/));
  const record: Record<string, string> = {};
  for (const part of body.split(boundary)) {
    const headerEnd = part.search(/\r?\n\r?\n/);
    if (headerEnd < 0) continue;
    const name = /name="([^"]*)"/i.exec(part.slice(0, headerEnd))?.[1];
    if (name === undefined || name in record) continue;
    const value = part.slice(headerEnd).replace(/^\r?\n\r?\n/, '').replace(/\r?\n$/, '');
    record[name] = value;
  }
  return record;
}
