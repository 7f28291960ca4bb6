import type { z } from 'zod';
import { formatIssues } from '../monitor/load-monitor.ts';
import { UserError } from '../user-error.ts';

/** Problems of a source's `orders` block as `orders.<field path>: what is expected` lines (none when valid). */
export function settingsProblems(schema: z.ZodType, raw: Record<string, unknown>): string[] {
  const parsed = schema.safeParse(raw);
  return parsed.success ? [] : formatIssues(parsed.error.issues).split('\n').map((line) => `orders.${line.replace(/^\s*- /, '')}`);
}

/**
 * The source's validated settings. resolveMonitor checks them before any browser starts, so
 * this throwing means a caller skipped that check: still a clear error naming the source.
 */
export function parseSettings<Schema extends z.ZodType>(schema: Schema, raw: Record<string, unknown>, sourceId: string): z.output<Schema> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new UserError(`Invalid monitor field orders (${sourceId}):\n${formatIssues(parsed.error.issues)}`);
  return parsed.data;
}
