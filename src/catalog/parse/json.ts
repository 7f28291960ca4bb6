/** A JSON body, or an error that says what was wrong with it (the caller reports it). */
export function parseJsonBody(body: string | undefined): unknown {
  if (body === undefined || body.trim() === '') throw new Error('expected a JSON body, got none');
  try {
    return JSON.parse(body);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`body is not JSON (${reason}): ${body.slice(0, 80)}`);
  }
}

/**
 * JSON as flat string params, the shape every vendor event carries: objects become dotted keys
 * (`context.pixel.code`), arrays indexed keys (`properties.contents[0].content_id`).
 * null becomes '' so the key still shows the vendor sent it.
 */
export function flattenJson(value: unknown, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  flattenInto(out, value, prefix);
  return out;
}

// A plain recursive function, not a closure per call: bulk decoding flattens every JSON hit.
function flattenInto(out: Record<string, string>, node: unknown, key: string): void {
  if (Array.isArray(node)) {
    for (let index = 0; index < node.length; index++) flattenInto(out, node[index], `${key}[${index}]`);
  } else if (node !== null && typeof node === 'object') {
    for (const child in node) {
      if (Object.hasOwn(node, child)) flattenInto(out, (node as Record<string, unknown>)[child], key === '' ? child : `${key}.${child}`);
    }
  } else if (key !== '') {
    out[key] = node === null || node === undefined ? '' : String(node);
  }
}
