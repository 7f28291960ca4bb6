import { Command } from 'commander';

export function compareCommand(): Command {
  return new Command('compare')
    // A bad option is bad input (exit 2): main.ts maps the thrown error.
    .exitOverride()
    .description(
      "what the platforms (GA4, Google Ads, Meta, TikTok) reported for a period against the real orders of the monitor's backend, per day: the days below a platform's usual range, the orders GA4 never received and what they have in common, the gap the latest audit explains; alerts like an audit (exit 0 pass, 1 fail, 2 inconclusive or bad input)",
    )
    .argument('[monitor-file]', "monitor file (default: the project's only monitors/*.monitor.ts)")
    .option('--from <day>', "first day, YYYY-MM-DD (default: the monitor's compare.days days before --to)")
    .option('--to <day>', 'last day, YYYY-MM-DD (default: yesterday, in compare.timeZone)')
    .option('--out <dir>', 'report folder (the history is there too)', 'reports')
    .option('--no-alert', 'compare and report, notify nobody')
    .action(async (monitorFile: string | undefined, options: { from?: string; to?: string; out: string; alert: boolean }) => {
      const { checkOutDir } = await import('../check-paths.ts');
      checkOutDir(options.out, '--out');
      const file = monitorFile ?? (await projectMonitor());
      const { runCompare } = await import('../../compare/run-compare.ts');
      const { exitCode } = await runCompare({ monitorFile: file, from: options.from, to: options.to, outDir: options.out, notify: options.alert });
      process.exitCode = exitCode;
    });
}

/** The project's monitor when it has exactly one; several: the user names one. */
async function projectMonitor(): Promise<string | undefined> {
  const { defaultMonitorFiles } = await import('../../audit/project-monitors.ts');
  const { UserError } = await import('../../user-error.ts');
  const { files, fromProject } = defaultMonitorFiles();
  if (!fromProject) return undefined;
  if (files.length > 1) throw new UserError(`this project has ${files.length} monitors (${files.join(', ')}): name the one to compare, e.g. tagwatch compare ${files[0]}`);
  return files[0];
}
