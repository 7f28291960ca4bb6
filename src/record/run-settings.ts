import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlannedCondition } from '../monitor/journey-plan.ts';
import type { Monitor } from '../monitor/schema.ts';
import type { ObservedFigure } from '../model/gap.ts';
import { redactUrls } from './redact-url.ts';

/**
 * What the audit hands to its journey workers. The CLI resolves the monitor (file + command-line
 * overrides) once and writes it to the run folder, so workers and config never re-derive it.
 */
export interface RunSettings {
  runId: string;
  runDir: string;
  baseUrl: string;
  /**
   * The monitor as resolved: overrides applied, paths absolute, `{port}` filled. Its declared
   * first-party collectors are in `plugins.collectors`: workers claim with them and a judge re-run
   * from the folder decodes with them.
   */
  monitor: Monitor;
  /** The project the monitor belongs to: the journey runner works there. */
  projectDir: string;
  /** Which scenario files each condition runs. */
  plan: PlannedCondition[];
  /** Capture on (default) or off: off exists only for the capture-overhead benchmark. */
  capture: boolean;
  /** This run is one shard of a larger one (`tagwatch audit --shard 1/3`): only its share of the journeys. */
  shard?: { current: number; total: number };
  /** What the verdict needs of each of the monitor's conditions, as their definitions said when the run started. */
  conditionFacts?: ConditionFacts[];
  /** 'check': a release check of another origin (`tagwatch check`); absent: an audit. */
  kind?: 'check';
  /** What the platforms report (conversions / backend orders), to explain the gap against (--observed). */
  observed?: ObservedFigure[];
}

/** A condition as the verdict reads it. */
export interface ConditionFacts {
  id: string;
  /** Its loss is what it measures (adblock): reported, failing only past an explicit threshold. */
  lossIsExpected?: boolean;
  /** The opt-out signal its browser sends (GPC). */
  optOutSignal?: string;
  /** The visitor leaves the confirmation page at its load event (fast-exit): a loss there is the quick exit. */
  leavesAtLoad?: boolean;
}

export const RUN_SETTINGS_FILE = 'run-settings.json';

/**
 * Writes the settings to the run folder with the credentials of the monitor's order source and
 * web server URLs masked (`?api_key=***`, `***@host`): the folder is uploaded with the reports.
 * Nothing reads those URLs back from the folder: the audit reads its orders with the monitor it
 * holds, `tagwatch merge` with the project's own monitor, and `tagwatch report` judges from
 * inputs.json. The site's baseUrl and browser.wsEndpoint stay as they are: the journey workers
 * read them from here (TAGWATCH_WS_ENDPOINT keeps a token out of the folder).
 */
export function writeRunSettings(settings: RunSettings): string {
  const path = join(settings.runDir, RUN_SETTINGS_FILE);
  writeFileSync(path, JSON.stringify(withoutUrlSecrets(settings), null, 2));
  return path;
}

/** The settings as written to the run folder: credentials in the order source's and web server's URLs masked. */
export function withoutUrlSecrets(settings: RunSettings): RunSettings {
  const { monitor } = settings;
  const site = monitor.site.webServer ? { ...monitor.site, webServer: redactUrls(monitor.site.webServer) } : monitor.site;
  return { ...settings, monitor: { ...monitor, site, ...(monitor.orders ? { orders: redactUrls(monitor.orders) } : {}) } };
}

/** Reads the settings of the current run from TAGWATCH_RUN_DIR; a clear error outside an audit. */
export function readRunSettings(env: NodeJS.ProcessEnv = process.env): RunSettings {
  const runDir = env.TAGWATCH_RUN_DIR;
  if (!runDir) {
    throw new Error('TAGWATCH_RUN_DIR is not set: journeys run inside an audit. Start them with `tagwatch audit [monitor]`.');
  }
  return JSON.parse(readFileSync(join(runDir, RUN_SETTINGS_FILE), 'utf8')) as RunSettings;
}
