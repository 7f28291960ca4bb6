/**
 * JSON as flat string params with PHP-style bracket keys, the way pixels that send JSON in a
 * query parameter are usually read: `ed={"value":1,"line_items":[{"product_id":"A"}]}` becomes
 * `ed[value]=1`, `ed[line_items][0][product_id]=A`. null becomes '' so the key still shows.
 */
export function flattenBrackets(value: unknown, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (node: unknown, key: string): void => {
    if (Array.isArray(node)) {
      node.forEach((item, index) => visit(item, `${key}[${index}]`));
    } else if (node !== null && typeof node === 'object') {
      for (const [child, childValue] of Object.entries(node)) visit(childValue, `${key}[${child}]`);
    } else {
      out[key] = node === null || node === undefined ? '' : String(node);
    }
  };
  visit(value, prefix);
  return out;
}

/**
 * A query parameter holding JSON, flattened under its own name; {} when it is absent or not
 * valid JSON (the raw value stays in the params, so nothing is lost).
 */
export function jsonParam(params: Record<string, string>, name: string): Record<string, string> {
  const raw = params[name];
  if (raw === undefined || raw === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return {};
  }
  return parsed !== null && typeof parsed === 'object' ? flattenBrackets(parsed, name) : {};
}
