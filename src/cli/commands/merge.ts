import { Command } from 'commander';
import { observedFigures } from '../../audit/observed-figures.ts';
import type { ObservedFigure } from '../../model/gap.ts';
import { observedRatios } from '../parse-options.ts';

export function mergeCommand(): Command {
  return new Command('merge')
    // A bad option is bad input (exit 2), not a failed audit (exit 1): main.ts maps the thrown error.
    .exitOverride()
    .description('merge the run folders of every shard of a run (`audit --shard i/n`) into one run and one verdict (exit 0 pass, 1 fail, 2 inconclusive or bad input)')
    .argument('<shard-dirs...>', 'the run folders the shards wrote: <out>/<run-id>.shard-i-of-n, one per shard')
    .option('--monitor <file>', "the monitor file the shards ran, from this project: orders, credentials and alerts come from it, never from the shard folders (default: the project's monitor named as the shards say)")
    .option('--out <dir>', 'report folder of the merged run', 'reports')
    .option('--observed <list>', 'what the platforms report, as conversions / backend orders: ga4=0.78,meta=0.71 (explains the gap)', observedRatios)
    .option('--observed-file <csv>', 'the same from a CSV: vendor,backend_orders,platform_conversions or vendor,ratio')
    .action(async (shardDirs: string[], options: { out: string; monitor?: string; observed?: ObservedFigure[]; observedFile?: string }) => {
      const observed = observedFigures(options.observed, options.observedFile);
      const { mergeShards } = await import('../../audit/merge-shards.ts');
      const { outcomeOf, writeOutcome, OUTCOME_FILE_ENV } = await import('../../record/outcome.ts');
      const result = await mergeShards({ shardDirs, monitorFile: options.monitor, outDir: options.out, observed });
      writeOutcome(outcomeOf(result, 'merge'), process.env[OUTCOME_FILE_ENV]);
      process.exitCode = result.exitCode;
    });
}
