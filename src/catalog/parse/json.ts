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
    for (let index = 0; index < node.length; index++) flattenInto(out, node[index], itemKey(key, index));
  } else if (node !== null && typeof node === 'object') {
    for (const child in node) {
      if (Object.hasOwn(node, child)) flattenInto(out, (node as Record<string, unknown>)[child], key === '' ? child : childKey(key, child));
    }
  } else if (key !== '') {
    out[key] = node === null || node === undefined ? '' : String(node);
  }
}

/**
 * Joined keys, the same string object each time: a fresh concatenation per key and hit is a
 * string the params object must first flatten and look up, which doubled flattening's cost.
 * Vendors send the same few keys over and over; the caches are emptied when a payload's keys
 * are unbounded (ids as keys), so they never grow without limit.
 */
const childKeys = new Map<string, Map<string, string>>();
const itemKeys = new Map<string, string[]>();
const MAX_CACHED_KEYS = 50_000;
let cachedKeys = 0;

/** Room for one more key: true once the caches were emptied to make it. */
function emptiedForOneMore(): boolean {
  if (++cachedKeys <= MAX_CACHED_KEYS) return false;
  childKeys.clear();
  itemKeys.clear();
  cachedKeys = 1;
  return true;
}

/** `parent.child`, as flattenJson names an object's member. */
function childKey(parent: string, child: string): string {
  let children = childKeys.get(parent);
  let key = children?.get(child);
  if (key !== undefined) return key;
  key = `${parent}.${child}`;
  if (emptiedForOneMore() || children === undefined) {
    children = new Map();
    childKeys.set(parent, children);
  }
  children.set(child, key);
  return key;
}

/** `parent[index]`, as flattenJson names an array's item. */
function itemKey(parent: string, index: number): string {
  let items = itemKeys.get(parent);
  let key = items?.[index];
  if (key !== undefined) return key;
  key = `${parent}[${index}]`;
  // Long arrays are rare and would make long sparse caches: their keys are built each time.
  if (index >= 1_000) return key;
  if (emptiedForOneMore() || items === undefined) {
    items = [];
    itemKeys.set(parent, items);
  }
  items[index] = key;
  return key;
}
