import { Command, InvalidArgumentError } from 'commander';
import { commaList, positiveInt } from '../parse-options.ts';

export function checkCommand(): Command {
  return new Command('check')
    // A bad option is bad input (exit 2), not a failed check (exit 1): main.ts maps the thrown error.
    .exitOverride()
    .description('release gate: audit the monitor against another origin (a staging or preview deploy) and compare with its production baseline, the last passing audit in the history (exit 0 clean, 1 an expectation failed or a vendor regressed, 2 inconclusive or bad input)')
    .argument('[monitor-file]', 'monitor file (default: the embedded demo shop monitor)')
    .requiredOption('--base-url <url>', 'the origin to check, e.g. https://staging.my-shop.example', httpUrl)
    .option('--out <dir>', 'report folder holding history.json with the production runs (TAGWATCH_HISTORY_FILE overrides)', 'reports')
    .option('--junit <file>', 'also copy the run\'s junit.xml (regressions included) to this file, for CI')
    .option('--conditions <list>', 'conditions to run, comma-separated (default: the monitor\'s)', commaList)
    .option('--repeat <n>', 'journeys per scenario and condition', positiveInt)
    .option('--headed', 'show the browser')
    .action(async (monitorFile: string | undefined, options: { baseUrl: string; out: string; junit?: string; conditions?: string[]; repeat?: number; headed?: boolean }) => {
      const { checkRelease } = await import('../../audit/check-release.ts');
      const { outcomeOf, writeOutcome, OUTCOME_FILE_ENV } = await import('../../record/outcome.ts');
      const result = await checkRelease({
        monitorFile,
        baseUrl: options.baseUrl,
        outDir: options.out,
        junitFile: options.junit,
        conditions: options.conditions,
        repeat: options.repeat,
        headed: options.headed,
      });
      writeOutcome(outcomeOf(result, 'check'), process.env[OUTCOME_FILE_ENV]);
      process.exitCode = result.exitCode;
    });
}

function httpUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError(`'${value}' is not a URL: give the origin with its scheme, such as https://staging.my-shop.example`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidArgumentError(`'${value}' is not an http(s) URL`);
  return value;
}
