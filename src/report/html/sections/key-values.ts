import { escapeHtml as e, valueText } from '../escape.ts';

/** A key/value list (evidence, decoded parameters): keys and values are both captured text, both escaped. */
export function keyValueList(values: Record<string, unknown> | undefined, className = 'kv'): string {
  const entries = Object.entries(values ?? {});
  if (!entries.length) return '';
  // End tags of dt/dd are optional in HTML: left out, they keep a long parameter list small.
  return `<dl class="${className}">${entries.map(([key, value]) => `<dt>${e(key)}<dd>${e(valueText(value))}`).join('')}</dl>`;
}
