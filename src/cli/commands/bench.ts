import { Command, InvalidArgumentError } from 'commander';
import type { BenchPart } from '../../bench/run-bench.ts';
import { positiveInt } from '../parse-options.ts';

export function benchCommand(): Command {
  return new Command('bench')
    .description('measure decode throughput, reconcile scaling, a journey against plain Playwright, the default demo audit, journeys per minute, memory over a long audit and the installed CLI\'s start time (prints name: value lines, each target beside its figure)')
    .option('--only <parts>', `comma-separated parts: ${PARTS.join(', ')}`, parseParts)
    .option('--journeys <n>', 'journeys per side of the floor comparison', positiveInt, 10)
    .option('--throughput-journeys <n>', 'journeys of the throughput audit', positiveInt, 60)
    .option('--memory-journeys <n>', 'journeys of the memory audit', positiveInt, 200)
    .action(async (options: { journeys: number; throughputJourneys: number; memoryJourneys: number; only?: BenchPart[] }) => {
      const { runBench } = await import('../../bench/run-bench.ts');
      await runBench({ ...options, parts: options.only, write: (line) => process.stdout.write(`${line}\n`) });
    });
}

// Listed here, not imported from run-bench.ts: that module loads the audit. `satisfies` keeps both in step.
const PARTS = ['decode', 'reconcile', 'journey-floor', 'audit', 'throughput', 'memory', 'cli-start', 'consent'] as const satisfies readonly BenchPart[];

function parseParts(value: string): BenchPart[] {
  const parts = value.split(',').map((p) => p.trim());
  const unknown = parts.filter((p) => !(PARTS as readonly string[]).includes(p));
  if (unknown.length) throw new InvalidArgumentError(`unknown part ${unknown.join(', ')}; valid parts: ${PARTS.join(', ')}`);
  return parts as BenchPart[];
}
