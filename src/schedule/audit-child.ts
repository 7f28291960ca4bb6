import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { TAGWATCH_BIN } from '../package-paths.ts';
import { OUTCOME_FILE_ENV } from '../record/outcome.ts';

/**
 * For tagwatch's own tests only: a JSON array `["command", "arg", ...]` the daemon runs for each
 * audit, and each comparison after one (`compare.afterScheduledAudit`), instead of
 * `node bin/tagwatch.js`, read from the daemon's environment. The run is otherwise the same: the
 * command's arguments (`audit <monitor> --out <dir>`, `compare <monitor> --out <dir>`) appended,
 * its own process group, the audit's outcome file in TAGWATCH_OUTCOME_FILE, its output in its log.
 * The scheduler's tests point it at a fake audit (tests/support/schedule-fake-audit.ts) that
 * sleeps, fails, crashes or ignores SIGTERM on demand, so overlap, signals and outcome reading are
 * checked in seconds; one test still runs a real audit through the daemon.
 */
export const AUDIT_COMMAND_ENV = 'TAGWATCH_SCHEDULE_AUDIT_COMMAND';

/** How a tagwatch process the daemon started ended: its exit code, or the signal that ended it, or why it never started. */
export interface ChildEnd {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all. */
  startError?: string;
}

export interface TagwatchChildOptions {
  /** The tagwatch command and its arguments, e.g. `['audit', monitorFile, '--out', outDir]`. */
  args: string[];
  /** Receives the process's stdout and stderr, appended. */
  logFile: string;
  /**
   * Where an audit writes its outcome (TAGWATCH_OUTCOME_FILE): the run's id, folder and verdict.
   * Absent (a comparison): the variable is removed from its environment, so that it never writes
   * to a file the daemon's own caller gave.
   */
  outcomeFile?: string;
  /** Default: the daemon's own. */
  env?: NodeJS.ProcessEnv;
}

/**
 * One `tagwatch <command> ...` (an audit, or the comparison after it) in a process of its own: a
 * crashed browser or audit ends that process, never the daemon. It leads a process group of its
 * own, so that stopping it also stops the Playwright runner and workers it started, and only those.
 */
export class TagwatchChild {
  readonly ended: Promise<ChildEnd>;
  readonly #child: ChildProcess;
  /** The group was swept after its leader exited: later signals could only reach a reused id. */
  #groupGone = false;

  constructor(options: TagwatchChildOptions) {
    const baseEnv = options.env ?? process.env;
    const [command, ...prefix] = tagwatchCommand(baseEnv);
    const args = [...prefix, ...options.args];
    const log = openSync(options.logFile, 'a');
    try {
      writeSync(log, `# ${new Date().toISOString()} tagwatch schedule runs: ${command === process.execPath ? 'node' : command} ${args.join(' ')}\n`);
      // Output straight into the file: nothing passes through (or floods) the daemon.
      const env = { ...baseEnv, [OUTCOME_FILE_ENV]: options.outcomeFile };
      if (options.outcomeFile === undefined) delete env[OUTCOME_FILE_ENV];
      this.#child = spawn(command!, args, { detached: true, stdio: ['ignore', log, log], env });
    } finally {
      closeSync(log);
    }
    this.ended = new Promise((resolve) => {
      this.#child.on('error', (error) => {
        if (this.#child.pid === undefined) resolve({ exitCode: null, signal: null, startError: error.message });
      });
      this.#child.once('exit', (exitCode, signal) => {
        // A crashed audit may leave its Playwright runner behind in the group: end it with it.
        this.#signalGroup('SIGKILL');
        this.#groupGone = true;
        resolve({ exitCode, signal });
      });
    });
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  /** SIGTERM to the run's process group, SIGKILL after `graceMs` if it is still there. */
  async terminate(graceMs: number): Promise<ChildEnd> {
    this.#signalGroup('SIGTERM');
    const timer = setTimeout(() => this.kill(), graceMs);
    try {
      return await this.ended;
    } finally {
      clearTimeout(timer);
    }
  }

  /** SIGKILL to the run's process group, now. */
  kill(): void {
    this.#signalGroup('SIGKILL');
  }

  #signalGroup(signal: NodeJS.Signals): void {
    const pid = this.#child.pid;
    if (pid === undefined || this.#groupGone) return;
    try {
      process.kill(-pid, signal);
    } catch (error) {
      // ESRCH: the whole group is gone already.
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  }
}

/** `node bin/tagwatch.js`, or the command AUDIT_COMMAND_ENV names (tests). Throws when that is not a JSON array of strings. */
function tagwatchCommand(env: NodeJS.ProcessEnv): string[] {
  const text = env[AUDIT_COMMAND_ENV];
  if (!text) return [process.execPath, TAGWATCH_BIN];
  let command: unknown;
  try {
    command = JSON.parse(text);
  } catch {
    command = undefined;
  }
  if (!Array.isArray(command) || !command.length || !command.every((part) => typeof part === 'string' && part)) {
    throw new Error(`${AUDIT_COMMAND_ENV} must be a JSON array of strings such as ["node", "fake-audit.js"], not ${text}`);
  }
  return command as string[];
}
