/**
 * Credentials written in URLs (`?api_key=...`, `https://user:pass@host/`) kept out of what tagwatch
 * writes to a run folder, which is uploaded as a CI artifact and read by whoever gets the reports.
 */

/** Shown instead of a credential. */
export const MASK = '***';

/**
 * Whether a query parameter's name says it carries a credential: api_key, apikey, key, token,
 * access_token, secret, password, signature, sig, auth..., and the like (case-insensitive).
 */
export function isCredentialParam(name: string): boolean {
  const lower = name.toLowerCase();
  return (
    /^(key|sig|pwd|pass)$/.test(lower) ||
    lower.startsWith('auth') ||
    /(token|secret|passw|signature|credential|api[-_.]?key|private)/.test(lower) ||
    /[-_.](key|sig)$/.test(lower)
  );
}

function decodedName(raw: string): string {
  try {
    return decodeURIComponent(raw.replaceAll('+', ' '));
  } catch {
    return raw;
  }
}

/** `a=1&api_key=x` -> `a=1&api_key=***`: every other byte as written. */
function maskParams(params: string): string {
  return params
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      if (equals < 0) return pair;
      return isCredentialParam(decodedName(pair.slice(0, equals))) ? `${pair.slice(0, equals)}=${MASK}` : pair;
    })
    .join('&');
}

/**
 * The URL with its userinfo and the values of its credential parameters (query and fragment)
 * masked, the rest as written (a `{port}` template too). A string that is not a URL is returned
 * as it is.
 */
export function redactUrl(value: string): string {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(value);
  if (!scheme) return value;
  let rest = value.slice(scheme[0].length);
  const authorityEnd = rest.search(/[/?#]/);
  const authority = authorityEnd < 0 ? rest : rest.slice(0, authorityEnd);
  const at = authority.lastIndexOf('@');
  if (at >= 0) rest = `${MASK}@${rest.slice(at + 1)}`;
  const hash = rest.indexOf('#');
  const query = rest.indexOf('?');
  let out = rest;
  if (hash >= 0) out = `${out.slice(0, hash + 1)}${maskParams(out.slice(hash + 1))}`;
  if (query >= 0 && (hash < 0 || query < hash)) {
    const end = hash >= 0 ? out.indexOf('#') : out.length;
    out = `${out.slice(0, query + 1)}${maskParams(out.slice(query + 1, end))}${out.slice(end)}`;
  }
  return `${scheme[0]}${out}`;
}

/** `value` with every string that is a URL redacted (redactUrl), through objects and arrays. */
export function redactUrls<T>(value: T): T {
  if (typeof value === 'string') return redactUrl(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => redactUrls(item)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redactUrls(item)])) as T;
  }
  return value;
}
