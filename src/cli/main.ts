import { Command, CommanderError } from 'commander';
// Command definitions only (names, arguments, options, help): each command loads its
// implementation when it runs, so `tagwatch --help` and bad input answer at once.
import { initCommand } from './commands/init.ts';
import { auditCommand } from './commands/audit.ts';
import { benchCommand } from './commands/bench.ts';
import { decodeCommand } from './commands/decode.ts';
import { demoShopCommand } from './commands/demo-shop.ts';
import { scheduleCommand } from './commands/schedule.ts';
import { historyCommand } from './commands/history.ts';
import { mergeCommand } from './commands/merge.ts';
import { checkCommand } from './commands/check.ts';
import { reportCommand } from './commands/report.ts';
import { compareCommand } from './commands/compare.ts';
import { UserError } from '../user-error.ts';
import { withBadInputHandling } from './commander-errors.ts';

const program = new Command()
  .name('tagwatch')
  .description('Synthetic tag and tracking health monitor: purchase journeys in Chromium, tag hits reconciled with backend orders.');

program.addCommand(initCommand());
program.addCommand(auditCommand());
program.addCommand(demoShopCommand());
program.addCommand(decodeCommand());
program.addCommand(benchCommand());
program.addCommand(scheduleCommand());
program.addCommand(historyCommand());
program.addCommand(mergeCommand());
program.addCommand(checkCommand());
program.addCommand(reportCommand());
program.addCommand(compareCommand());
// Bad flags in any command: one `tagwatch: ...` line and exit 2 (below), never commander's exit 1.
for (const command of [program, ...program.commands]) withBadInputHandling(command);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // --help and --version end here too, with code 0.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else if (error instanceof UserError || (await isBrowserNotFound(error))) {
    process.stderr.write(`tagwatch: ${(error as Error).message}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`tagwatch: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 2;
  }
}

/** No Chromium is the user's to fix too. Its module imports Playwright: loaded here, on this path only. */
async function isBrowserNotFound(error: unknown): Promise<boolean> {
  try {
    const { BrowserNotFoundError } = await import('../browser/resolve-chromium.ts');
    return error instanceof BrowserNotFoundError;
  } catch {
    return false;
  }
}
