import { Command } from 'commander';
import type { InitStreams } from '../../init/run-init.ts';

/** `tagwatch init`: scaffolds a monitor, scenario templates, npm scripts and a CI workflow into a project. */
export function initCommand(streams: InitStreams = { input: process.stdin, output: process.stdout }): Command {
  return new Command('init')
    // A bad option is bad input (exit 2): main.ts maps the thrown error.
    .exitOverride()
    .description("set up tagwatch in a project: a monitor of your shop, purchase and cross-device scenario templates, npm scripts, a GitHub Actions workflow (never overwrites a file)")
    .option('--url <url>', "your shop's URL, e.g. https://staging.my-shop.example (asked for when missing on a terminal)")
    .option('--name <name>', "monitor name: monitors/<name>.monitor.ts (default: from the URL's host, demo-shop with --demo)")
    .option('--demo', 'a monitor of the embedded demo shop, with scenarios that pass on it as they are')
    .option('--dir <folder>', 'project folder (created when missing)', '.')
    .action(async (options: { url?: string; name?: string; demo?: boolean; dir: string }) => {
      // Loaded when the command runs: `tagwatch --help` and the other commands never pay for it.
      const { runInit } = await import('../../init/run-init.ts');
      await runInit({ dir: options.dir, url: options.url, name: options.name, demo: options.demo }, streams);
    });
}
