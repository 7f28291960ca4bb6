import type { ConditionDefinition } from '../conditions/define-condition.ts';
import type { OrderSourceDefinition } from '../orders/define-order-source.ts';
import { orderSourceProblems } from '../orders/check-order-source.ts';
import { invalidMonitor, loadMonitor } from '../monitor/load-monitor.ts';
import { planJourneys, type PlannedCondition } from '../monitor/journey-plan.ts';
import { findProjectDir, resolveProjectPaths } from '../monitor/project.ts';
import { httpUrlAccepted, httpUrlProblem, MAX_REPEAT, repeatSchema, type Monitor } from '../monitor/schema.ts';
import { codeFile } from '../package-paths.ts';
import { loadProjectPlugins } from '../project/plugins.ts';
import { freePort, usesRunPort, withRunPort } from '../site/run-port.ts';
import { UserError } from '../user-error.ts';
import { wsEndpointEnvProblem } from './remote-browser.ts';

/** The embedded demo shop's monitor: what `tagwatch audit` runs outside a project with monitors. */
export const DEFAULT_MONITOR = codeFile('monitors/demo-shop.monitor');

/** Command-line overrides of a monitor's settings. */
export interface MonitorOverrides {
  conditions?: string[];
  repeat?: number;
  /** The variant matrix instead of the monitor's ({} runs each journey once, without variants). */
  variants?: Monitor['variants'];
  /** Audit another origin than the monitor's (a preview deploy): the monitor's web server is not started. */
  baseUrl?: string;
  /** Parallel browsers. */
  workers?: number;
  /** false: no journey will run (`tagwatch compare`), so the scenarios are not planned nor required. */
  journeys?: false;
}

/** A monitor ready to run: validated, overrides applied, paths absolute, `{port}` filled, every name it uses found. */
export interface ResolvedMonitor {
  monitor: Monitor;
  file: string;
  /** The project the monitor belongs to (nearest folder with a package.json). */
  projectDir: string;
  /** Definitions of the monitor's conditions, in its order. */
  conditions: ConditionDefinition[];
  /** Which scenario files each condition runs. */
  plan: PlannedCondition[];
  /** Where the test orders are read; absent for an order-free monitor (no `orders` block). */
  orderSource?: OrderSourceDefinition;
}

/**
 * Loads the monitor, applies the command line on top, and checks every name and setting it refers
 * to (conditions, scenarios and their files, vendors, the order source's fields and credentials,
 * the project's own plugins) before any browser starts: all problems at once, each with its field
 * and what to do.
 */
export async function resolveMonitor(file: string | undefined, overrides: MonitorOverrides, env: NodeJS.ProcessEnv = process.env): Promise<ResolvedMonitor> {
  const path = file ?? DEFAULT_MONITOR;
  // The CLI checks its flags (src/cli/parse-options.ts); callers of the API get the same limits here, before the monitor loads.
  const overrideProblems = [
    overrides.conditions !== undefined && overrides.conditions.length === 0 ? 'conditions: an empty list; leave it out to run the monitor\'s conditions' : undefined,
    overrides.repeat !== undefined && !repeatSchema.safeParse(overrides.repeat).success ? `repeat: ${overrides.repeat}; a whole number from 1 to ${MAX_REPEAT}` : undefined,
    overrides.baseUrl !== undefined && httpUrlProblem(overrides.baseUrl) ? `baseUrl: ${httpUrlProblem(overrides.baseUrl)}; ${httpUrlAccepted()}` : undefined,
  ].filter((problem) => problem !== undefined);
  if (overrideProblems.length) throw new UserError(`Invalid audit options: ${overrideProblems.join('; ')}`);
  const projectDir = findProjectDir(path);
  let monitor = resolveProjectPaths(await loadMonitor(path), projectDir);
  if (usesRunPort(monitor)) monitor = withRunPort(monitor, await freePort());
  if (overrides.conditions !== undefined) monitor.conditions = overrides.conditions;
  if (overrides.repeat !== undefined) monitor.repeat = overrides.repeat;
  if (overrides.variants !== undefined) monitor.variants = overrides.variants;
  if (overrides.baseUrl !== undefined) monitor.site = { baseUrl: overrides.baseUrl };
  if (overrides.workers !== undefined) monitor.browser.workers = overrides.workers;

  const problems: string[] = [];
  // Checked here, never copied into the monitor: run-settings.json must not carry a token in that URL.
  const wsProblem = wsEndpointEnvProblem();
  if (wsProblem) problems.push(wsProblem);
  const [conditions, vendors, sources] = await Promise.all([
    loadProjectPlugins('conditions', monitor.plugins),
    loadProjectPlugins('vendors', monitor.plugins),
    loadProjectPlugins('orderSources', monitor.plugins),
  ]);
  for (const [field, loaded] of [['conditions', conditions], ['vendors', vendors], ['orderSources', sources]] as const) {
    // A collector declared in the monitor already names its own field path (collectors.0.id: ...).
    problems.push(...loaded.projectDiagnostics.map((line) => (line.startsWith('collectors.') ? line : `plugins.${field}: ${line}`)));
  }
  const knownConditions = conditions.plugins.map((c) => c.id);
  monitor.conditions.forEach((id, i) => {
    if (!knownConditions.includes(id)) problems.push(`conditions.${i}: unknown condition '${id}' (known: ${knownConditions.join(', ')})`);
  });
  const { plan, problems: planProblems } = overrides.journeys === false ? { plan: [], problems: [] } : planJourneys(monitor, conditions.plugins);
  problems.push(...planProblems);
  const knownVendors = vendors.plugins.map((v) => v.id);
  for (const id of Object.keys(monitor.expect)) {
    if (!knownVendors.includes(id)) problems.push(`expect.${id}: unknown vendor (known: ${knownVendors.join(', ')})`);
  }
  for (const id of Object.keys(monitor.endpoints)) {
    if (!knownVendors.includes(id)) problems.push(`endpoints.${id}: unknown vendor (known: ${knownVendors.join(', ')})`);
  }
  // An order-free monitor (no orders block) has no source to check.
  const orders = monitor.orders;
  const orderSource = orders ? sources.plugins.find((s) => s.id === orders.source) : undefined;
  if (orders && !orderSource) problems.push(`orders.source: unknown order source '${orders.source}' (known: ${sources.plugins.map((s) => s.id).join(', ')})`);
  else if (orders && orderSource) problems.push(...orderSourceProblems(orderSource, orders, env));
  if (problems.length) throw invalidMonitor(path, problems);
  return {
    monitor,
    file: path,
    projectDir,
    conditions: monitor.conditions.map((id) => conditions.plugins.find((c) => c.id === id)!),
    plan,
    ...(orderSource ? { orderSource } : {}),
  };
}
