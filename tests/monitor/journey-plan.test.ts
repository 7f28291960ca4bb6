import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProjectPlugins } from '../../src/project/plugins.ts';
import { planJourneys, variantCombinations } from '../../src/monitor/journey-plan.ts';
import { validateMonitor } from '../../src/monitor/load-monitor.ts';
import { variantLabel } from '../../src/model/variant.ts';
import { journeyId } from '../../src/capture/journey.ts';
import { minimalMonitor, tempProject } from '../support/monitors.ts';

const { plugins: conditions } = await loadProjectPlugins('conditions');

function plan(fields: Record<string, unknown>, files: Record<string, string>) {
  const project = tempProject(files);
  const monitor = { ...validateMonitor(minimalMonitor({ name: 'shop', expect: { ga4: {} }, ...fields }), 'm'), scenariosDir: join(project, 'scenarios') };
  return { project, ...planJourneys(monitor, conditions) };
}

describe('which scenarios each condition runs', () => {
  it('a list serves every condition; a map gives cross-device its own journey, found with any supported extension', () => {
    const files = { 'scenarios/purchase.scenario.ts': '', 'scenarios/phone-to-laptop.scenario.js': '' };
    const { project, plan: planned, problems } = plan({ conditions: ['baseline', 'adblock', 'cross-device'], scenarios: { default: ['purchase'], 'cross-device': ['phone-to-laptop'] } }, files);
    expect(problems).toEqual([]);
    expect(planned).toEqual([
      { condition: 'baseline', scenarios: [{ name: 'purchase', file: join(project, 'scenarios/purchase.scenario.ts') }] },
      { condition: 'adblock', scenarios: [{ name: 'purchase', file: join(project, 'scenarios/purchase.scenario.ts') }] },
      { condition: 'cross-device', scenarios: [{ name: 'phone-to-laptop', file: join(project, 'scenarios/phone-to-laptop.scenario.js') }] },
    ]);
  });

  it('a condition needing a journey of its own is refused with what it needs and how to map it, never given the default scenario', () => {
    const { plan: planned, problems } = plan({ conditions: ['baseline', 'cross-device', 'itp'], scenarios: ['purchase'] }, { 'scenarios/purchase.scenario.ts': '' });
    expect(planned.map((p) => p.condition)).toEqual(['baseline']);
    expect(problems).toEqual([
      expect.stringMatching(/^conditions\.1: condition 'cross-device' needs a journey of its own \(.*newDevice\(\)\); write that scenario and map it in the monitor: scenarios: \{ default: \[\.\.\.\], 'cross-device': \['<your scenario>'\] \}$/),
      expect.stringMatching(/^conditions\.2: condition 'itp' needs a journey of its own \(.*returnAfterDays.*\)/),
    ]);
  });

  it('missing files, unknown condition keys and a condition without any scenario are each named with their field', () => {
    const { problems } = plan({ conditions: ['baseline', 'adblock'], scenarios: { baseline: ['purchase', 'checkout'], 'ad-block': ['purchase'] } }, { 'scenarios/purchase.scenario.ts': '' });
    expect(problems).toEqual([
      expect.stringMatching(/^scenarios\.ad-block: not a condition \(use 'default' or a condition id: .*adblock/),
      expect.stringMatching(/^scenarios\.baseline\.1: no scenario file .*\/scenarios\/checkout\.scenario\.ts \(nor \.mts, \.js, \.mjs\)/),
      "scenarios: no scenario for condition 'adblock': add a 'default' list, or an entry 'adblock': [...]",
    ]);
  });
});

describe('variants', () => {
  it('every combination, in the order written, each named in the journey id', () => {
    const combinations = variantCombinations({ items: [1, 3], shipping: ['standard', 'express'] });
    expect(combinations).toEqual([
      { items: 1, shipping: 'standard' },
      { items: 1, shipping: 'express' },
      { items: 3, shipping: 'standard' },
      { items: 3, shipping: 'express' },
    ]);
    expect(combinations.map(variantLabel)).toContain('items=3,shipping=express');
    expect(journeyId('baseline', 'purchase', 2, { items: 3, shipping: 'express' })).toBe('baseline.purchase[items=3,shipping=express].r2');
    // Without variants, ids stay as they were: history and reports of older runs still match.
    expect(variantCombinations({})).toEqual([{}]);
    expect(journeyId('baseline', 'purchase', 1, {})).toBe('baseline.purchase.r1');
  });
});
