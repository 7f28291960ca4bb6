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
  return search.length > 1 ? parseUrlEncoded(search.slice(1)) : {};
}

/**
 * An `a=1&b=2` string (query string or form body) as a record, with URLSearchParams' rules
 * ('+' is a space, the first occurrence of a key wins). Hand-rolled because URLSearchParams
 * costs a third of a decode, and bulk decoding of server logs must reach 200k hits/s.
 */
export function parseUrlEncoded(text: string): Record<string, string> {
  const record: Record<string, string> = {};
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('&', start);
    if (end < 0) end = text.length;
    if (end > start) {
      const equals = text.indexOf('=', start);
      const hasValue = equals >= 0 && equals < end;
      const key = decodeFormComponent(text.slice(start, hasValue ? equals : end));
      if (!(key in record)) record[key] = hasValue ? decodeFormComponent(text.slice(equals + 1, end)) : '';
    }
    start = end + 1;
  }
  return record;
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
