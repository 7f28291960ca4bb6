import { Command } from 'commander';
import { checkRunFlags, conditionList } from '../parse-options.ts';

export function checkCommand(): Command {
  return new Command('check')
    // A bad option is bad input (exit 2), not a failed check (exit 1): main.ts maps the thrown error.
    .exitOverride()
    .description('release gate: audit the monitor against another origin (a staging or preview deploy) and compare with its production baseline, the last passing audit in the history (exit 0 clean, 1 an expectation failed or a vendor regressed, 2 inconclusive or bad input)')
    .argument('[monitor-file]', 'monitor file (default: the embedded demo shop monitor)')
    .requiredOption('--base-url <url>', 'the origin to check, e.g. https://staging.my-shop.example')
    .option('--out <dir>', 'report folder holding history.json with the production runs (TAGWATCH_HISTORY_FILE overrides)', 'reports')
    .option('--junit <file>', 'also copy the run\'s junit.xml (regressions included) to this file, for CI')
    .option('--conditions <list>', 'conditions to run, comma-separated (default: the monitor\'s)', conditionList)
    .option('--repeat <n>', 'journeys per scenario and condition (what a monitor\'s repeat accepts)')
    .option('--headed', 'show the browser')
    .action(async (monitorFile: string | undefined, options: { baseUrl: string; out: string; junit?: string; conditions?: string[]; repeat?: string; headed?: boolean }) => {
      // The same checks as audit's, before anything starts: a check without its history would have no baseline.
      const { repeat, baseUrl } = await checkRunFlags('check', options);
      const { checkRelease } = await import('../../audit/check-release.ts');
      const { outcomeOf, writeOutcome, OUTCOME_FILE_ENV } = await import('../../record/outcome.ts');
      const result = await checkRelease({
        monitorFile,
        baseUrl: baseUrl!,
        outDir: options.out,
        junitFile: options.junit,
        conditions: options.conditions,
        repeat,
        headed: options.headed,
      });
      writeOutcome(outcomeOf(result, 'check'), process.env[OUTCOME_FILE_ENV]);
      process.exitCode = result.exitCode;
    });
}
