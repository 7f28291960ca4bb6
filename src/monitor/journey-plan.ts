import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ConditionDefinition } from '../conditions/define-condition.ts';
import type { Variant, VariantValue } from '../model/variant.ts';
import type { Monitor } from './schema.ts';

export type { Variant, VariantValue };

/** Scenario files, in the order looked for: TypeScript first, then JavaScript. */
export const SCENARIO_SUFFIXES = ['.scenario.ts', '.scenario.mts', '.scenario.js', '.scenario.mjs'] as const;

/** The scenarios one condition runs, with their files. */
export interface PlannedCondition {
  condition: string;
  scenarios: { name: string; file: string }[];
}

/** Every combination of the monitor's variants, in the order they are written; [{}] without any. */
export function variantCombinations(variants: Record<string, VariantValue[]>): Variant[] {
  let combinations: Variant[] = [{}];
  for (const [name, values] of Object.entries(variants)) {
    combinations = combinations.flatMap((partial) => values.map((value) => ({ ...partial, [name]: value })));
  }
  return combinations;
}

/** The scenario file of a name in a folder, whichever supported extension it has. */
export function findScenarioFile(scenariosDir: string, name: string): string | undefined {
  for (const suffix of SCENARIO_SUFFIXES) {
    const file = join(scenariosDir, `${name}${suffix}`);
    if (existsSync(file)) return file;
  }
  return undefined;
}

/**
 * Which scenarios each of the monitor's conditions runs, from `scenarios` (a list for every
 * condition, or a map with `default` and per-condition lists). Problems are `field: what to do`
 * lines, all at once: an unknown key, a missing file, a condition needing a journey shape of its
 * own (cross-device, itp) that the monitor does not map.
 */
export function planJourneys(monitor: Monitor, known: ConditionDefinition[]): { plan: PlannedCondition[]; problems: string[] } {
  const problems: string[] = [];
  const scenariosDir = monitor.scenariosDir!;
  const byCondition: Record<string, string[]> = Array.isArray(monitor.scenarios) ? { default: monitor.scenarios } : monitor.scenarios;
  const prefix = (key: string) => (Array.isArray(monitor.scenarios) ? 'scenarios' : `scenarios.${key}`);
  const knownIds = known.map((c) => c.id);
  for (const key of Object.keys(byCondition)) {
    if (key !== 'default' && !knownIds.includes(key)) problems.push(`scenarios.${key}: not a condition (use 'default' or a condition id: ${knownIds.join(', ')})`);
  }
  const files = new Map<string, string>();
  for (const [key, names] of Object.entries(byCondition)) {
    names.forEach((name, i) => {
      const file = findScenarioFile(scenariosDir, name);
      if (file) files.set(name, file);
      else problems.push(`${prefix(key)}.${i}: no scenario file ${join(scenariosDir, `${name}.scenario.ts`)} (nor .mts, .js, .mjs); write it, or fix the name or scenariosDir`);
    });
  }
  const plan: PlannedCondition[] = [];
  monitor.conditions.forEach((id, i) => {
    const condition = known.find((c) => c.id === id);
    if (!condition) return; // reported by the caller with the known ids
    let names = byCondition[id];
    if (!names && condition.journeyShape) {
      problems.push(
        `conditions.${i}: condition '${id}' needs a journey of its own (${condition.journeyShape}); write that scenario and map it in the monitor: scenarios: { default: [...], '${id}': ['<your scenario>'] }`,
      );
      return;
    }
    names ??= byCondition.default;
    if (!names) {
      problems.push(`scenarios: no scenario for condition '${id}': add a 'default' list, or an entry '${id}': [...]`);
      return;
    }
    plan.push({ condition: id, scenarios: names.flatMap((name) => (files.has(name) ? [{ name, file: files.get(name)! }] : [])) });
  });
  return { plan, problems };
}
