import { Command, InvalidArgumentError } from 'commander';
import { parseShard, RUN_ID_ENV, type Shard } from '../../audit/shard.ts';
import { observedFigures } from '../../audit/observed-figures.ts';
import type { AuditResult } from '../../audit/run-audit.ts';
import type { ObservedFigure } from '../../model/gap.ts';
import { DEMO_FAULTS, parseFaults } from '../../demo-shop/faults.ts';
import { UserError } from '../../user-error.ts';
import { checkRunFlags, commaList, conditionList, observedRatios } from '../parse-options.ts';
import { DEMO_FAULTS_ENV } from './demo-shop.ts';

// The definition only: the audit itself (Playwright, the catalog, reports) loads when the command runs.
export function auditCommand(): Command {
  return new Command('audit')
    // A bad option is bad input (exit 2), not a failed audit (exit 1): main.ts maps the thrown error.
    .exitOverride()
    .description('run the monitor\'s journeys, reconcile tag hits with backend orders, print the loss table (exit 0 pass, 1 fail, 2 inconclusive or bad input)')
    .argument('[monitor-file]', "monitor file (default: every monitors/*.monitor.ts of the project, else the embedded demo shop's)")
    .option('--conditions <list>', 'conditions to run, comma-separated (default: the monitor\'s)', conditionList)
    .option('--repeat <n>', 'journeys per scenario and condition (what a monitor\'s repeat accepts)')
    .option('--out <dir>', 'report folder', 'reports')
    .option('--base-url <url>', 'audit another origin than the monitor\'s')
    .option('--demo-faults <list>', `faults for the embedded demo shop: ${DEMO_FAULTS.join(', ')}`, commaList)
    .option('--headed', 'show the browser')
    .option('--observed <list>', 'what the platforms report, as conversions / backend orders: ga4=0.78,meta=0.71 (explains the gap)', observedRatios)
    .option('--observed-file <csv>', 'the same from a CSV: vendor,backend_orders,platform_conversions or vendor,ratio')
    .option('--shard <i/n>', 'run only shard i of n of the journeys, into <out>/<run-id>.shard-i-of-n, without a verdict: `tagwatch merge` reconciles all shards (needs --run-id and a site.baseUrl or --base-url)', shardOption)
    .option('--run-id <id>', `the run id all shards share (default: env ${RUN_ID_ENV}); only with --shard`)
    .action(async (monitorFile: string | undefined, options: { conditions?: string[]; repeat?: string; out: string; baseUrl?: string; demoFaults?: string[]; headed?: boolean; observed?: ObservedFigure[]; observedFile?: string; shard?: Shard; runId?: string }) => {
      // Bad flags, an --out that cannot hold reports, a history that cannot be read: said before anything starts.
      // A shard keeps no history (`tagwatch merge` stores the run).
      const { repeat, baseUrl } = await checkRunFlags('audit', options, { history: !options.shard });
      if (options.shard) {
        const runId = options.runId ?? process.env[RUN_ID_ENV];
        if (!runId) throw new UserError(`--shard ${options.shard.current}/${options.shard.total} needs the run id all shards share: pass --run-id <id> or set ${RUN_ID_ENV}, the same for every shard.`);
        if (options.observed || options.observedFile) throw new UserError('--observed and --observed-file explain a verdict: pass them to `tagwatch merge`, which reckons it.');
        if (options.demoFaults?.length) throw new UserError('--demo-faults switches faults of the demo shop an audit starts; shards audit a site already running (site.baseUrl or --base-url): start it with `tagwatch demo-shop --faults ...`.');
        const { runShard } = await import('../../audit/run-shard.ts');
        const { exitCode } = await runShard({ monitorFile, shard: options.shard, runId, conditions: options.conditions, repeat, outDir: options.out, baseUrl, headed: options.headed });
        process.exitCode = exitCode;
        return;
      }
      if (options.runId) throw new UserError('--run-id names the run several shards share: use it with --shard i/n (an audit on one machine makes its own run id).');
      const observed = observedFigures(options.observed, options.observedFile);
      const audit = { conditions: options.conditions, repeat, outDir: options.out, baseUrl, webServerEnv: demoFaultsEnv(options.demoFaults), headed: options.headed, observed };
      // Each finished audit's outcome.json (and TAGWATCH_OUTCOME_FILE's copy: with several monitors, the last one's).
      const { outcomeOf, writeOutcome, OUTCOME_FILE_ENV } = await import('../../record/outcome.ts');
      const onAudited = (result: AuditResult) => writeOutcome(outcomeOf(result, 'audit'), process.env[OUTCOME_FILE_ENV]);
      if (!monitorFile) {
        const { auditProjectMonitors } = await import('../../audit/audit-monitors.ts');
        process.exitCode = await auditProjectMonitors({ ...audit, onAudited });
        return;
      }
      const { runAudit } = await import('../../audit/run-audit.ts');
      const result = await runAudit({ monitorFile, ...audit });
      onAudited(result);
      process.exitCode = result.exitCode;
    });
}

/** --demo-faults reach the demo shop (the demo monitor's web server, `tagwatch demo-shop`) through its environment. */
function demoFaultsEnv(names: string[] | undefined): Record<string, string> | undefined {
  if (!names?.length) return undefined;
  try {
    return { [DEMO_FAULTS_ENV]: parseFaults(names).join(',') };
  } catch (error) {
    throw new UserError(`--demo-faults: ${(error as Error).message}`);
  }
}

function shardOption(value: string): Shard {
  try {
    return parseShard(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}
