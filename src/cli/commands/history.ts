import { Command } from 'commander';
import type { HistoryOptions } from '../actions/history.ts';
import { positiveInt } from '../parse-options.ts';

export function historyCommand(): Command {
  return new Command('history')
    .description('loss rate per vendor and condition across stored runs, and the runs where a vendor broke or recovered')
    .argument('[monitor]', 'one monitor (default: every monitor in the history)')
    .option('--json', 'the same as JSON')
    .option('--limit <n>', 'newest runs shown per monitor', positiveInt, 20)
    .option('--out <dir>', 'report folder holding history.json (TAGWATCH_HISTORY_FILE overrides)', 'reports')
    .action(async (monitor: string | undefined, options: HistoryOptions) => {
      const { runHistory } = await import('../actions/history.ts');
      await runHistory(monitor, options);
    });
}
