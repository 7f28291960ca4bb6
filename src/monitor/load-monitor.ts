import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { z } from 'zod';
import { monitorSchema, type Monitor } from './schema.ts';
import { unknownFieldLines } from './unknown-fields.ts';
import { UserError } from '../user-error.ts';
import { importDefault } from '../plugins/import-default.ts';

/** Validates a monitor object; every problem is reported at once with its field path. */
export function validateMonitor(input: unknown, file: string): Monitor {
  const parsed = monitorSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw invalidMonitor(file, formatIssues(parsed.error.issues, monitorSchema).split('\n').map((line) => line.replace(/^  - /, '')));
}

/**
 * The error for a monitor with problems (`<field path>: <what is wrong>` each): one line for one
 * problem, as every bad input is said; a list, one per line, when there are several.
 */
export function invalidMonitor(file: string, problems: readonly string[]): UserError {
  if (problems.length === 1) return new UserError(`Invalid monitor ${file}: ${problems[0]}. Fix it and run again.`);
  return new UserError(`Invalid monitor ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}\nFix the fields above and run again.`);
}

/**
 * One `  - <field path>: <what is wrong>` line per problem. With the schema, an unknown field
 * says what was probably meant: `site.webserver: unknown field; did you mean webServer?`.
 */
export function formatIssues(issues: z.core.$ZodIssue[], schema?: z.ZodType): string {
  return issues
    .flatMap((issue) => {
      if (schema && issue.code === 'unrecognized_keys') return unknownFieldLines(schema, issue).map((line) => `  - ${line}`);
      const path = issue.path.length ? issue.path.map(String).join('.') : '(root)';
      return [`  - ${path}: ${issue.message}`];
    })
    .join('\n');
}

/** Imports a monitor file (TypeScript or JavaScript) and validates its default export. */
export async function loadMonitor(file: string): Promise<Monitor> {
  const path = resolve(file);
  if (!existsSync(path)) throw new UserError(`Monitor file not found: ${path}\nPass a path to a *.monitor.ts file, or omit it to audit the demo shop.`);
  let exported: unknown;
  try {
    exported = await importDefault(path);
  } catch (error) {
    throw new UserError(`Could not load monitor ${path}: ${(error as Error).message}\nCheck the file compiles and exports defineMonitor({...}) as default.`);
  }
  if (exported === undefined) {
    throw new UserError(`Monitor ${path} has no default export.\nWrite: export default defineMonitor({ name: ..., expect: { ... } })`);
  }
  return validateMonitor(exported, path);
}
