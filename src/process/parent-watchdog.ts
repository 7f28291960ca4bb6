import { killDescendants } from './process-tree.ts';

/**
 * Set by `tagwatch audit` on the Playwright runner it starts: the runner and its workers end
 * with the audit. Without it (a user running `playwright test` on tagwatch's config by hand)
 * nothing is armed.
 */
export const DIE_WITH_AUDIT_ENV = 'TAGWATCH_DIE_WITH_AUDIT';

/**
 * A killed audit (kill -9, OOM, a CI job cancelled) cannot stop what it started: its Playwright
 * runner, the runner's workers and their Chromium went on, and against a real site they placed
 * orders nobody reconciled or cleaned up. So the children watch the audit instead:
 *
 * - the runner holds the read end of a pipe whose write end only the audit has (its stdin): the
 *   kernel closes it when the audit dies, however it dies, and the runner then SIGKILLs every
 *   process it started (workers, browsers) and itself at once, before a journey clicks again;
 * - each worker ends its browser and itself when its channel to the runner closes (the runner
 *   itself killed): Playwright's own handler would let the journey in progress finish first.
 *
 * Called from tagwatch's playwright.config, which the runner and every worker load.
 */
export function dieWithAudit(): void {
  if (process.env[DIE_WITH_AUDIT_ENV] !== '1') return;
  const inWorker = process.env.TEST_WORKER_INDEX !== undefined;
  const die = () => {
    killDescendants(process.pid);
    process.kill(process.pid, 'SIGKILL');
  };
  if (inWorker) {
    process.once('disconnect', die);
    return;
  }
  const stdin = process.stdin;
  stdin.once('end', die);
  stdin.once('close', die);
  stdin.on('error', die);
  stdin.resume();
  // Watching must not keep the runner alive once its work is done.
  (stdin as { unref?: () => void }).unref?.();
}
