import { AsyncLocalStorage } from 'node:async_hooks';

// A scope rather than an option: the audit a release check runs is a plain `runAudit`, and
// threading a flag through it and judgeRun would touch every step between the command and the
// history. The scope follows the awaits of that one audit only, not the other audits of the process.
const releaseCheck = new AsyncLocalStorage<true>();

/**
 * Runs `audit` as a release check (`tagwatch check`): the run it stores in the history is marked
 * `kind: 'check'`, so it never becomes the monitor's baseline or last status (run-queries.ts).
 */
export function asReleaseCheck<T>(audit: () => Promise<T>): Promise<T> {
  return releaseCheck.run(true, audit);
}

/** True inside asReleaseCheck: the alert policy must not notify about another origin than the monitor's. */
export function isReleaseCheck(): boolean {
  return releaseCheck.getStore() === true;
}
