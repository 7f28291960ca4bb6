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
  const visit = (node: unknown, key: string): void => {
    if (Array.isArray(node)) {
      node.forEach((item, index) => visit(item, `${key}[${index}]`));
    } else if (node !== null && typeof node === 'object') {
      for (const [child, childValue] of Object.entries(node)) {
        visit(childValue, key === '' ? child : `${key}.${child}`);
      }
    } else if (key !== '') {
      out[key] = node === null || node === undefined ? '' : String(node);
    }
  };
  visit(value, prefix);
  return out;
}
