import { z } from 'zod';
import { formatIssues } from '../monitor/load-monitor.ts';
import { UserError } from '../user-error.ts';

/**
 * The fields every `orders` block has besides the source's own. The monitor schema parses them
 * (and gives them defaults); a source's schema accepts them so it can be strict about the rest.
 */
const COMMON_FIELDS = {
  /** The source id (src/orders/sources/<id>.ts). */
  source: z.string().min(1).optional(),
  /** Seconds to wait for placed orders to show up (the audit's concern, not the source's). */
  waitSeconds: z.number().min(0).max(600).optional(),
};

/**
 * A source's settings schema: its own fields plus the common ones, strict, so a field the source
 * does not read (`tokenEnv` on woocommerce) is reported instead of silently ignored. Each source
 * states what `cleanup` means for it (see noCleanup, cleanupSwitch). Nested objects of the
 * shape should be z.strictObject too.
 */
export function orderSettingsSchema<Shape extends z.core.$ZodLooseShape & { cleanup: z.ZodType }>(shape: Shape) {
  return z.strictObject({ ...shape, ...COMMON_FIELDS });
}

/** `cleanup` of a source that cannot clean up: only false (the monitor's default) is accepted. */
export function noCleanup(sourceId: string, why: string) {
  return z.literal(false, { error: `the ${sourceId} source cannot clean up test orders (${why}); remove cleanup` }).optional();
}

/** `cleanup` of a source with one way of cleaning up: true does `what`, false nothing. */
export function cleanupSwitch(sourceId: string, what: string) {
  return z.boolean({ error: `true (${what}) or false: the ${sourceId} source has no other cleanup modes` }).optional();
}

/** Values that look like a credential itself rather than a variable's name (a WooCommerce key, a Shopify token, a long random string). */
function looksLikeSecret(name: string): boolean {
  return /^(ck|cs)_[0-9a-f]{16,}$/i.test(name) || /^shp[a-z]{2}_/i.test(name) || (name.length >= 24 && /[a-z]/.test(name) && /\d/.test(name));
}

/**
 * A field naming the environment variable that holds a credential (`holds`, e.g. 'the API
 * token'). A credential pasted in its place is refused without being echoed.
 */
export function envVariableName(holds: string) {
  return z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: `the name of an environment variable holding ${holds}, not ${holds} itself`, abort: true })
    .refine((name) => !looksLikeSecret(name), `the name of an environment variable holding ${holds}: this looks like ${holds} itself; export it in a variable and put the variable's name here`);
}

type Path = readonly PropertyKey[];

/** The object schema at `path` of `schema` (through optional, default, pipe, ...), if there is one. */
function objectAt(schema: z.core.$ZodType, path: Path): z.core.$ZodObject | undefined {
  const def = schema._zod.def as z.core.$ZodTypeDef & { innerType?: z.core.$ZodType; in?: z.core.$ZodType; shape?: Record<string, z.core.$ZodType> };
  if (def.type === 'object') {
    if (path.length === 0) return schema as z.core.$ZodObject;
    const child = def.shape?.[String(path[0])];
    return child ? objectAt(child, path.slice(1)) : undefined;
  }
  if (def.innerType) return objectAt(def.innerType, path);
  if (def.type === 'pipe' && def.in) return objectAt(def.in, path);
  return undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/**
 * Known fields an unknown one was probably meant to be: a near spelling, a known field it begins
 * (url for urlEnv), or the source's own *Env fields for another source's (tokenEnv on woocommerce).
 */
function likelyMeant(unknown: string, known: string[]): string[] {
  const lower = unknown.toLowerCase();
  const close = known.filter((name) => {
    const candidate = name.toLowerCase();
    return editDistance(lower, candidate) <= Math.min(2, Math.floor(name.length / 3)) || (lower.length >= 3 && candidate.startsWith(lower));
  });
  if (close.length) return close;
  return /env$/i.test(unknown) ? known.filter((name) => name.endsWith('Env')) : [];
}

function unknownFieldLine(sourceId: string, schema: z.core.$ZodType, path: Path, key: string): string {
  const where = [...path, key].map(String).join('.');
  const known = Object.keys(objectAt(schema, path)?._zod.def.shape ?? {});
  const listed = path.length ? `the fields of orders.${path.map(String).join('.')}` : 'its fields';
  const meant = likelyMeant(key, known);
  const todo = meant.length ? `did you mean ${meant.join(' or ')}?` : 'remove it, or use one of these';
  return `orders.${where}: unknown field for order source '${sourceId}' (${listed}: ${known.join(', ')}): ${todo}`;
}

/** One `orders.<path>: what is expected` line per problem; unknown fields are named one by one with the known ones. */
function problemLines(schema: z.core.$ZodType, issues: z.core.$ZodIssue[], sourceId: string): string[] {
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => unknownFieldLine(sourceId, schema, issue.path, key))
      : [`orders.${formatIssues([issue]).replace(/^\s*- /, '')}`],
  );
}

/** Problems of a source's `orders` block as `orders.<field path>: what is expected` lines (none when valid). */
export function settingsProblems(schema: z.ZodType, raw: Record<string, unknown>, sourceId: string): string[] {
  const parsed = schema.safeParse(raw);
  return parsed.success ? [] : problemLines(schema, parsed.error.issues, sourceId);
}

/**
 * The source's validated settings. resolveMonitor checks them before any browser starts, so
 * this throwing means a caller skipped that check: still a clear error naming the source.
 */
export function parseSettings<Schema extends z.ZodType>(schema: Schema, raw: Record<string, unknown>, sourceId: string): z.output<Schema> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const lines = problemLines(schema, parsed.error.issues, sourceId).map((line) => `  - ${line}`);
    throw new UserError(`Invalid monitor field orders (${sourceId}):\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/**
 * The validated settings for a credential check, or undefined when they are invalid (those
 * problems are validateSettings' to report, not the credential check's).
 */
export function validSettings<Schema extends z.ZodType>(schema: Schema, raw: Record<string, unknown>): z.output<Schema> | undefined {
  const parsed = schema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

/**
 * `orders.<field>: environment variable NAME is not set: export <what> before the audit` when
 * the variable the field names is unset or blank; undefined when it holds something. Only the
 * variable's name is ever printed, never its value.
 */
export function envProblem(field: string, name: string, env: NodeJS.ProcessEnv, what: string): string | undefined {
  const value = env[name];
  if (value === undefined) return `orders.${field}: environment variable ${name} is not set: export ${what} before the audit`;
  if (value.trim() === '') return `orders.${field}: environment variable ${name} is empty: export ${what} before the audit`;
  return undefined;
}
