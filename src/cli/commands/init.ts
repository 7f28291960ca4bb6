import { Command } from 'commander';
import type { InitStreams } from '../../init/run-init.ts';

/** `tagwatch init`: scaffolds a monitor, scenario templates, npm scripts and a CI workflow into a project. */
export function initCommand(streams: InitStreams = { input: process.stdin, output: process.stdout }): Command {
  return new Command('init')
    // A bad option is bad input (exit 2): main.ts maps the thrown error.
    .exitOverride()
    .description("set up tagwatch in a project: a monitor of your shop, purchase and cross-device scenario templates, npm scripts, a GitHub Actions workflow (never overwrites a file); with --consent-audit, a consent audit of pages instead")
    .option('--url <url>', "your shop's URL, e.g. https://staging.my-shop.example (asked for when missing on a terminal)")
    .option('--name <name>', "monitor name: monitors/<name>.monitor.ts (default: from the URL's host, my-shop-consent with --consent-audit, demo-shop with --demo)")
    .option('--demo', 'a monitor of the embedded demo shop, with scenarios that pass on it as they are')
    .option('--consent-audit', 'a consent audit of pages of the site at --url instead: each page visited by a visitor who accepts, refuses or ignores the banner; no orders backend')
    .option('--pages <list>', 'with --consent-audit: the pages, comma separated, as paths or URLs on the site, e.g. /,/pricing,/blog/a-post (default: the path of --url)')
    .option('--dir <folder>', 'project folder (created when missing)', '.')
    .action(async (options: { url?: string; name?: string; demo?: boolean; consentAudit?: boolean; pages?: string; dir: string }) => {
      // Loaded when the command runs: `tagwatch --help` and the other commands never pay for it.
      const { runInit } = await import('../../init/run-init.ts');
      const { dir, url, name, demo, consentAudit, pages } = options;
      await runInit({ dir, url, name, demo, consentAudit, pages }, streams);
    });
}
