import type { z } from 'zod';

interface SchemaDef {
  type: string;
  shape?: Record<string, { _zod: { def: SchemaDef } }>;
  innerType?: { _zod: { def: SchemaDef } };
  element?: { _zod: { def: SchemaDef } };
  valueType?: { _zod: { def: SchemaDef } };
  options?: { _zod: { def: SchemaDef } }[];
  in?: { _zod: { def: SchemaDef } };
}

/** The field names an object schema accepts at a path of the input, when the schema says. */
export function knownFieldsAt(schema: z.ZodType, path: PropertyKey[]): string[] {
  let def = (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;
  const unwrap = () => {
    while (def.innerType || def.in) def = (def.innerType ?? def.in)!._zod.def;
  };
  unwrap();
  for (const key of path) {
    if (def.type === 'object' && def.shape && typeof key === 'string' && def.shape[key]) def = def.shape[key]._zod.def;
    else if (def.type === 'array' && def.element) def = def.element._zod.def;
    else if (def.type === 'record' && def.valueType) def = def.valueType._zod.def;
    else return [];
    unwrap();
  }
  return def.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

/** The known name closest to a misspelt one (at most a third of its letters off), if any. */
export function closestName(name: string, known: string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance <= Math.max(1, Math.floor(candidate.length / 3)) && (!best || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}

/**
 * An unknown field as a user reads it: where, that it is unknown, and what was probably meant
 * (`site.webserver: unknown field; did you mean webServer?`), else the fields that exist there.
 */
export function unknownFieldLines(schema: z.ZodType, issue: { path: PropertyKey[]; keys: string[] }, prefix = ''): string[] {
  const known = knownFieldsAt(schema, issue.path);
  return issue.keys.map((key) => {
    const where = [prefix, ...issue.path.map(String), key].filter(Boolean).join('.');
    const guess = closestName(key, known);
    const hint = guess ? `did you mean ${guess}?` : known.length ? `the fields here are ${known.join(', ')}` : 'remove it';
    return `${where}: unknown field; ${hint}`;
  });
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}
