import { Command, InvalidArgumentError } from 'commander';
import type { BenchPart } from '../../bench/run-bench.ts';
import { positiveInt } from '../parse-options.ts';

export function benchCommand(): Command {
  return new Command('bench')
    .description('measure decode throughput, reconcile scaling, the default demo audit, the capture overhead and the installed CLI\'s start time (prints name: value lines)')
    .option('--only <parts>', `comma-separated parts: ${PARTS.join(', ')}`, parseParts)
    .option('--rounds <n>', 'capture on/off pairs', positiveInt, 3)
    .option('--repeat <n>', 'journeys per audit in the overhead rounds', positiveInt, 3)
    .action(async (options: { rounds: number; repeat: number; only?: BenchPart[] }) => {
      const { runBench } = await import('../../bench/run-bench.ts');
      await runBench({ parts: options.only, rounds: options.rounds, repeat: options.repeat, write: (line) => process.stdout.write(`${line}\n`) });
    });
}

// Listed here, not imported from run-bench.ts: that module loads the audit. `satisfies` keeps both in step.
const PARTS = ['decode', 'reconcile', 'audit', 'cli-start', 'consent'] as const satisfies readonly BenchPart[];

function parseParts(value: string): BenchPart[] {
  const parts = value.split(',').map((p) => p.trim());
  const unknown = parts.filter((p) => !(PARTS as readonly string[]).includes(p));
  if (unknown.length) throw new InvalidArgumentError(`unknown part ${unknown.join(', ')}; valid parts: ${PARTS.join(', ')}`);
  return parts as BenchPart[];
}
