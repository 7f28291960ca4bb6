import { Command } from 'commander';
import { runBench } from '../../bench/run-bench.ts';
import { positiveInt } from '../parse-options.ts';

export function benchCommand(): Command {
  return new Command('bench')
    .description('measure the default demo audit and the capture overhead (prints name: value lines)')
    .option('--rounds <n>', 'capture on/off pairs', positiveInt, 3)
    .option('--repeat <n>', 'journeys per audit in the overhead rounds', positiveInt, 3)
    .action(async (options: { rounds: number; repeat: number }) => {
      await runBench({ rounds: options.rounds, repeat: options.repeat, write: (line) => process.stdout.write(`${line}\n`) });
    });
}
