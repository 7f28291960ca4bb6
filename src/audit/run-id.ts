import { randomBytes } from 'node:crypto';

/** Sortable, readable, unique enough for parallel runs: 20261126-041309-a1b2. */
export function makeRunId(now = new Date()): string {
  const iso = now.toISOString();
  const stamp = `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}`;
  return `${stamp}-${randomBytes(2).toString('hex')}`;
}
