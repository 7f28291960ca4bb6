/** Pairs as a record. The first occurrence of a key wins, as `URLSearchParams.get` does. */
export function paramsToRecord(params: URLSearchParams): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [key, value] of params) {
    if (!(key in record)) record[key] = value;
  }
  return record;
}

/** An `a=1&b=2` string (query string or form body) as a record. */
export function parseUrlEncoded(text: string): Record<string, string> {
  return paramsToRecord(new URLSearchParams(text));
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
