import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Set by `tagwatch audit` on the Playwright runner it starts before the site is up: the path of a
 * file that appears once the site answered and its backend too. Playwright's start (the runner,
 * its workers, the scenario files and tagwatch's fixtures: seconds of module loading) overlaps
 * the site's, and no browser starts, no journey clicks, before the gate opens. An audit whose
 * site never comes up ends the runner instead: nothing ran.
 */
export const SITE_GATE_ENV = 'TAGWATCH_SITE_GATE';

const POLL_MS = 20;

/** The audit's side: the site answers, the journeys may start. */
export function openSiteGate(file: string): void {
  writeFileSync(file, `${new Date().toISOString()}\n`);
}

/** The audit's side, once its runner has ended: the gate leaves nothing behind. */
export function removeSiteGate(file: string): void {
  rmSync(file, { force: true });
}

/**
 * The worker's side: resolves once the audit opened the gate, at once without one (a user running
 * `playwright test` on tagwatch's config, an audit of an older process). The wait has no limit of
 * its own: the site's own timeout bounds it in the audit, and a worker whose audit died dies with
 * it (src/process/parent-watchdog.ts).
 */
export async function siteGateOpen(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const file = env[SITE_GATE_ENV];
  if (!file) return;
  while (!existsSync(file)) await sleep(POLL_MS);
}
