/**
 * Everything a report shows was captured from a site (URLs, bodies, dataLayer values, page
 * titles, error messages): untrusted. These are the only ways data enters the HTML.
 */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or a double-quoted attribute value: any value, as text (undefined and null as ''). */
export function escapeHtml(value: unknown): string {
  if (value === undefined || value === null) return '';
  return String(value).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * JSON to embed in `<script type="application/json">`: `<` (and the characters that end a line
 * in JavaScript) escaped, so no `</script>` or `<!--` in the data can close or bend the element.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * A link to a file the run kept (`artifacts/<journey>/<file>`), or undefined when the path is
 * anything else: no scheme (`javascript:`), no `..`, no absolute path, no query.
 */
export function artifactHref(path: unknown): string | undefined {
  if (typeof path !== 'string') return undefined;
  if (!/^artifacts\/[A-Za-z0-9._-]+\/[A-Za-z0-9._-]+$/.test(path)) return undefined;
  if (path.split('/').some((segment) => /^\.+$/.test(segment))) return undefined;
  return path;
}

/** An external source link (an audience figure's publication): http(s) only, else undefined. */
export function webHref(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** A value of free-form evidence or a decoded parameter, as one line of text. */
export function valueText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
