import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadVendors } from '../catalog/index.ts';
import { loadConditions } from '../conditions/load-conditions.ts';
import type { ConditionDefinition } from '../conditions/define-condition.ts';
import { parseFaults } from '../demo-shop/index.ts';
import { loadMonitor } from '../monitor/load-monitor.ts';
import type { Monitor } from '../monitor/schema.ts';
import { loadOrderSources } from '../orders/load-order-sources.ts';
import { UserError } from '../user-error.ts';
import { wsEndpointEnvProblem } from './remote-browser.ts';

export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEFAULT_MONITOR = join(PACKAGE_ROOT, 'monitors', 'demo-shop.monitor.ts');

/** Command-line overrides of a monitor's settings. */
export interface MonitorOverrides {
  conditions?: string[];
  repeat?: number;
  demoFaults?: string[];
  baseUrl?: string;
  /** Parallel browsers. */
  workers?: number;
}

/**
 * Loads the monitor, applies the command line on top, and checks every name it refers to
 * (conditions, scenarios, vendors, order source, faults) before any browser starts: all
 * problems at once, each with the field and the known values.
 */
export async function resolveMonitor(file: string | undefined, overrides: MonitorOverrides): Promise<{ monitor: Monitor; file: string; conditions: ConditionDefinition[] }> {
  const path = file ?? DEFAULT_MONITOR;
  const monitor = await loadMonitor(path);
  if (overrides.conditions?.length) monitor.conditions = overrides.conditions;
  if (overrides.repeat !== undefined) monitor.repeat = overrides.repeat;
  if (overrides.demoFaults?.length) monitor.site.demo.faults = [...new Set([...monitor.site.demo.faults, ...overrides.demoFaults])];
  if (overrides.baseUrl) monitor.site.baseUrl = overrides.baseUrl;
  if (overrides.workers !== undefined) monitor.browser.workers = overrides.workers;

  const problems: string[] = [];
  // Checked here, never copied into the monitor: run-settings.json must not carry a token in that URL.
  const wsProblem = wsEndpointEnvProblem();
  if (wsProblem) problems.push(wsProblem);
  const [{ plugins: conditions }, { vendors }, { plugins: sources }] = await Promise.all([loadConditions(), loadVendors(), loadOrderSources()]);
  const knownConditions = conditions.map((c) => c.id);
  for (const [i, id] of monitor.conditions.entries()) {
    if (!knownConditions.includes(id)) problems.push(`conditions.${i}: unknown condition '${id}' (known: ${knownConditions.join(', ')})`);
  }
  for (const [i, name] of monitor.scenarios.entries()) {
    if (!existsSync(join(PACKAGE_ROOT, 'scenarios', `${name}.scenario.ts`))) problems.push(`scenarios.${i}: no file scenarios/${name}.scenario.ts`);
  }
  for (const condition of conditions.filter((c) => monitor.conditions.includes(c.id))) {
    for (const name of condition.scenarios ?? []) {
      if (!existsSync(join(PACKAGE_ROOT, 'scenarios', `${name}.scenario.ts`))) problems.push(`conditions: condition '${condition.id}' needs scenarios/${name}.scenario.ts, which does not exist`);
    }
  }
  const knownVendors = vendors.map((v) => v.id);
  for (const id of Object.keys(monitor.expect)) {
    if (!knownVendors.includes(id)) problems.push(`expect.${id}: unknown vendor (known: ${knownVendors.join(', ')})`);
  }
  for (const id of Object.keys(monitor.endpoints)) {
    if (!knownVendors.includes(id)) problems.push(`endpoints.${id}: unknown vendor (known: ${knownVendors.join(', ')})`);
  }
  const source = sources.find((s) => s.id === monitor.orders.source);
  if (!source) problems.push(`orders.source: unknown order source '${monitor.orders.source}' (known: ${sources.map((s) => s.id).join(', ')})`);
  else problems.push(...(source.validateSettings?.(monitor.orders) ?? []));
  try {
    parseFaults(monitor.site.demo.faults);
  } catch (error) {
    problems.push(`site.demo.faults: ${(error as Error).message}`);
  }
  if (problems.length) throw new UserError(`Invalid monitor ${path}:\n${problems.map((p) => `  - ${p}`).join('\n')}\nFix the fields above and run again.`);
  return { monitor, file: path, conditions: monitor.conditions.map((id) => conditions.find((c) => c.id === id)!) };
}
