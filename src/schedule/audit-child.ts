import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { TAGWATCH_BIN } from '../package-paths.ts';
import { OUTCOME_FILE_ENV } from '../record/outcome.ts';

/** How an audit process ended: its exit code, or the signal that ended it, or why it never started. */
export interface AuditChildEnd {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all. */
  startError?: string;
}

export interface AuditChildOptions {
  monitorFile: string;
  outDir: string;
  /** Receives the audit's stdout and stderr, appended. */
  logFile: string;
  /** Where the audit writes its outcome (TAGWATCH_OUTCOME_FILE): the run's id, folder and verdict. */
  outcomeFile: string;
  /** Default: the daemon's own. */
  env?: NodeJS.ProcessEnv;
}

/**
 * One `tagwatch audit <monitor> --out <dir>` in a process of its own: a crashed browser or
 * audit ends that process, never the daemon. It leads a process group of its own, so that
 * stopping it also stops the Playwright runner and workers it started, and only those.
 */
export class AuditChild {
  readonly ended: Promise<AuditChildEnd>;
  readonly #child: ChildProcess;
  /** The group was swept after its leader exited: later signals could only reach a reused id. */
  #groupGone = false;

  constructor(options: AuditChildOptions) {
    const args = [TAGWATCH_BIN, 'audit', options.monitorFile, '--out', options.outDir];
    const log = openSync(options.logFile, 'a');
    try {
      writeSync(log, `# ${new Date().toISOString()} tagwatch schedule runs: node ${args.join(' ')}\n`);
      // Output straight into the file: nothing passes through (or floods) the daemon.
      const env = { ...(options.env ?? process.env), [OUTCOME_FILE_ENV]: options.outcomeFile };
      this.#child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', log, log], env });
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
  async terminate(graceMs: number): Promise<AuditChildEnd> {
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
