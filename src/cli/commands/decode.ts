import { Command, InvalidArgumentError } from 'commander';
import type { DecodeOptions } from '../actions/decode.ts';

export function decodeCommand(): Command {
  return new Command('decode')
    // Bad flags throw (main.ts: one line, exit 2) instead of commander's own process.exit(1).
    .exitOverride()
    .description('decode tag requests into canonical vendor events: one URL, a HAR file, or a JSONL file of requests')
    .argument('[url]', 'one request URL (prints its events as JSON)')
    .option('--body <body>', 'request body (POST)')
    .option('--method <method>', 'HTTP method (default GET, POST when --body is given)')
    .option('--har <file>', 'every request of a HAR file (DevTools or Playwright), as a table')
    .option('--jsonl <file>', 'one {"url","method","body"} per line in, one {"events":[...]} per line out')
    .option('--json', 'with --har: JSON instead of a table')
    .option('--endpoint <vendor=url>', "a vendor's first-party or server-side collection URL (or path), claimed before the catalog's patterns; repeatable", endpointOption)
    .action(async (url: string | undefined, options: DecodeOptions) => {
      const { runDecode } = await import('../actions/decode.ts');
      await runDecode(url, options);
    });
}

/** Collects repeated `--endpoint ga4=https://...` values. */
function endpointOption(value: string, previous: string[] = []): string[] {
  if (!/^[^=\s]+=\S/.test(value)) throw new InvalidArgumentError('expected <vendor>=<url or /path>, e.g. ga4=https://metrics.shop.example/g/collect');
  return [...previous, value];
}
