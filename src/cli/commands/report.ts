import { Command } from 'commander';

export function reportCommand(): Command {
  return new Command('report')
    // A bad argument is bad input (exit 2): main.ts maps the thrown error.
    .exitOverride()
    .description("judge a stored run again from its folder alone (no site, no backend, no browser) and write its reports again; nobody is notified (exit 0 pass, 1 fail, 2 inconclusive or bad input)")
    .argument('<run-dir>', 'the run folder, e.g. reports/20261203-191053-9a19')
    .action(async (runDir: string) => {
      const { reportRun } = await import('../../audit/report-run.ts');
      const { exitCode } = await reportRun(runDir);
      process.exitCode = exitCode;
    });
}
