import type { z } from 'zod';

/**
 * The problems of a platform's settings block as `compare.platforms.<id>.<field>: what is
 * expected` lines, an unknown field named with the block's known fields (and the one meant, when
 * a known field starts with what was typed). One rule for every platform client.
 */
export function settingsProblems(schema: z.ZodObject, field: string, raw: Record<string, unknown>): string[] {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return [];
  const known = Object.keys(schema.shape);
  return parsed.error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => {
        const meant = known.filter((name) => name.toLowerCase() === key.toLowerCase() || (key.length >= 3 && name.toLowerCase().startsWith(key.toLowerCase())));
        return `${field}.${key}: unknown field (the fields of ${field}: ${known.join(', ')})${meant.length ? `: did you mean ${meant.join(' or ')}?` : ''}`;
      });
    }
    const path = issue.path.map(String).join('.');
    return [`${field}${path ? `.${path}` : ''}: ${issue.message}`];
  });
}
