import { InvalidArgumentError } from 'commander';
import { parseObservedList } from '../audit/observed-figures.ts';
import type { ObservedFigure } from '../model/gap.ts';
import { badInput } from './bad-input.ts';

// Option parsers shared by the commands: a flag two commands share (audit and check: --base-url,
// --repeat, --conditions, --out) is parsed by one function here, so both accept and refuse the same
// values. A parser that can say what is wrong with the value throws `'<value>' <what is wrong>:
// <what is accepted>`; src/cli/commander-errors.ts turns it into `tagwatch: '<value>' <what is
// wrong>, <command> <flag>: <what is accepted>`. What needs the monitor schema (and zod) is checked
// by checkRunFlags when the command runs: `tagwatch --help` and the other commands never load it.

/** A value refused with its reason: `'<value>' <reason>: <accepted>`. */
function refused(value: string, reason: string, accepted: string): InvalidArgumentError {
  return new InvalidArgumentError(`'${value}' ${reason}: ${accepted}`);
}

export function commaList(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];
}

/** `--conditions`: a comma list naming at least one condition (an empty one would silently run the monitor's). */
export function conditionList(value: string, previous: string[] = []): string[] {
  const list = commaList(value);
  if (!list.length) throw refused(value, 'names no condition', "condition ids separated by commas, such as baseline,adblock (leave the flag out to run the monitor's)");
  return [...previous, ...list];
}

export function positiveInt(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return parsed;
}

export function port(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) throw new InvalidArgumentError('expected a port number 0-65535 (0 picks a free one)');
  return parsed;
}

/** `ga4=0.78,meta=0.71`, repeatable: platform conversions / backend orders per vendor. */
export function observedRatios(value: string, previous: ObservedFigure[] = []): ObservedFigure[] {
  try {
    return [...previous, ...parseObservedList(value)];
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

/** The flags of a command that runs journeys (audit, check), as typed. */
export interface RunFlags {
  repeat?: string;
  baseUrl?: string;
  out: string;
}

/**
 * Checks the flags audit and check share, before anything runs: `--repeat` against the monitor
 * schema's `repeat` (one cap, src/monitor/schema.ts), `--base-url` as an http(s) URL like a
 * monitor's site.baseUrl, `--out` a folder tagwatch can write, and (with `history`) the run history
 * there a file it can read. Throws the one line of bad input naming `<command> <flag>`.
 */
export async function checkRunFlags(command: string, flags: RunFlags, { history = true } = {}): Promise<{ repeat?: number; baseUrl?: string }> {
  const { httpUrlAccepted, httpUrlProblem, MAX_REPEAT, repeatSchema } = await import('../monitor/schema.ts');
  let repeat: number | undefined;
  if (flags.repeat !== undefined) {
    const value = flags.repeat;
    const parsed = value.trim() === '' ? Number.NaN : Number(value);
    const accepted = `a whole number from 1 to ${MAX_REPEAT} (journeys per scenario, condition and variant, as a monitor's repeat)`;
    if (!repeatSchema.safeParse(parsed).success) {
      const what = !Number.isInteger(parsed) ? 'is not a whole number' : parsed < 1 ? 'is less than 1' : `is more than ${MAX_REPEAT}`;
      throw badInput(`'${value}' ${what}`, `${command} --repeat`, accepted);
    }
    repeat = parsed;
  }
  if (flags.baseUrl !== undefined) {
    const problem = httpUrlProblem(flags.baseUrl);
    if (problem) throw badInput(problem, `${command} --base-url`, httpUrlAccepted());
  }
  const { checkHistoryFile, checkOutDir } = await import('./check-paths.ts');
  checkOutDir(flags.out, `${command} --out`);
  if (history) checkHistoryFile(flags.out);
  return { repeat, baseUrl: flags.baseUrl };
}
