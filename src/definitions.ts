// What monitor and plugin files get from 'tagwatch' in the tagwatch command's own process
// (package.json's `tagwatch-definitions` export condition, set there only: bin/tagwatch.js for
// the sources, src/plugins/import-default.ts for the compiled package). The same names as
// src/index.ts, without what loads Playwright: `test` and `expect` declare journeys in scenario
// files, which Playwright's runner and workers load with the whole entry. A monitor file importing 'tagwatch' no longer costs the audit the
// most of a second loading Playwright before the site starts. ES modules only: a CommonJS
// project's files are require()d, and no condition added at run time reaches require in Node 20.

export { defineMonitor } from './monitor/define-monitor.ts';
export { defineCondition } from './conditions/define-condition.ts';
export { defineVendor, decodeRequest, matchVendor, loadVendors } from './catalog/index.ts';
export { defineOrderSource, BackendUnreachableError } from './orders/define-order-source.ts';
export { defineReporter, NotificationError } from './report/define-reporter.ts';
export { reconcile } from './reconcile/reconcile.ts';
export { runAudit, reportRun, judgeRunFolder } from './programmatic.ts';

const SCENARIO_ONLY =
  'runs in scenario files, which Playwright loads for the journeys; the file that called it was loaded by the tagwatch command itself (a monitor or a plugin). Move the journey into a scenario file of the monitor\'s scenariosDir.';

/** Playwright's test with tagwatch's fixtures: here, a clear error (see SCENARIO_ONLY). */
export const test = scenarioOnly('test');

/** Playwright's expect with tagwatch's matchers: here, a clear error (see SCENARIO_ONLY). */
export const expect = scenarioOnly('expect');

/** A function whose every call and every named member throws the error above; symbols and `then` stay unset (inspection, await). */
function scenarioOnly(name: string): (...args: unknown[]) => never {
  return new Proxy((() => undefined) as unknown as (...args: unknown[]) => never, {
    apply: () => {
      throw new Error(`tagwatch's ${name}() ${SCENARIO_ONLY}`);
    },
    get: (target, property, receiver) => {
      if (typeof property === 'symbol' || property === 'then') return Reflect.get(target, property, receiver) as unknown;
      throw new Error(`tagwatch's ${name}.${property} ${SCENARIO_ONLY}`);
    },
  });
}
