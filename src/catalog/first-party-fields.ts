/**
 * Where a first-party collector keeps one value of its events: a query parameter of the URL, a
 * field of a form body, or a path into a JSON body. What a monitor's `collectors[].fields` say.
 */
export type FieldLocation = { query: string } | { form: string } | { json: string };

/** The canonical fields a collector declares, with how reports and errors name them. */
export const COLLECTOR_FIELDS = {
  eventName: { label: 'Event name', example: "{ json: 'event' }" },
  orderId: { label: 'Order ID', example: "{ json: 'order.id' }" },
  value: { label: 'Value', example: "{ json: 'value' }" },
  currency: { label: 'Currency', example: "{ json: 'currency' }" },
  eventId: { label: 'Event ID', example: "{ json: 'event_id' }" },
} as const;

export type CollectorField = keyof typeof COLLECTOR_FIELDS;

/**
 * A JSON path as the flattened parameters of every JSON vendor spell it: names joined by '.',
 * array positions in brackets (`order.id`, `items[0].id`, `data.lines[2].sku`). A name is any run
 * of characters but '.', '[', ']' and spaces.
 */
const JSON_PATH = /^[^.[\]\s]+(?:\[\d+\])*(?:\.[^.[\]\s]+(?:\[\d+\])*)*$/;

/** What is wrong with a JSON path, or undefined when it is usable. */
export function jsonPathProblem(path: string): string | undefined {
  if (path.startsWith('$')) {
    const bare = path.replace(/^\$\.?/, '');
    return `'${path}': write the path without '$'${bare ? `, e.g. '${bare}'` : ''}`;
  }
  if (JSON_PATH.test(path)) return undefined;
  return `'${path}' is not a JSON path like 'order.id' or 'items[0].id' (names joined by '.', array positions in brackets, no spaces)`;
}

const PLACES = ['json', 'query', 'form'] as const;

/**
 * What is wrong with one declared field location, or undefined when it is usable: exactly one of
 * json, query or form, with a non-empty name (a valid path for json).
 */
export function fieldLocationProblem(field: CollectorField, location: unknown): string | undefined {
  const { example } = COLLECTOR_FIELDS[field];
  const accepted = `${example}, { query: 'e' } or { form: 'e' }`;
  if (location === undefined) return `required: where the ${COLLECTOR_FIELDS[field].label.toLowerCase()} sits, e.g. ${accepted}`;
  if (location === null || typeof location !== 'object' || Array.isArray(location)) {
    return `where the value sits: ${accepted}; got ${JSON.stringify(location)}`;
  }
  const keys = Object.keys(location);
  const unknown = keys.filter((key) => !(PLACES as readonly string[]).includes(key));
  if (unknown.length) return `unknown key${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `'${k}'`).join(', ')}; say where the value sits with json, query or form, e.g. ${accepted}`;
  if (keys.length === 0) return `empty; say where the value sits: ${accepted}`;
  if (keys.length > 1) return `one place only: json, query or form, not ${keys.join(' and ')}`;
  const place = keys[0] as (typeof PLACES)[number];
  const name = (location as Record<string, unknown>)[place];
  if (typeof name !== 'string' || name === '') return `${place}: a non-empty ${place === 'json' ? 'JSON path' : `${place} field name`}, e.g. ${place === 'json' ? "'order.id'" : "'oid'"}`;
  return place === 'json' ? jsonPathProblem(name) : undefined;
}

/** The place and the name of a validated location. */
export function placeOf(location: FieldLocation): { place: 'json' | 'query' | 'form'; name: string } {
  if ('json' in location) return { place: 'json', name: location.json };
  if ('form' in location) return { place: 'form', name: location.form };
  return { place: 'query', name: location.query };
}
