import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportRun } from '../../src/audit/report-run.ts';
import type { RunEvent } from '../../src/model/run-event.ts';
import { readRunLog } from '../../src/record/run-log.ts';
import type { Finding, Verdict } from '../../src/model/verdict.ts';

/** tests/fixtures/runs: run folders of real audits (tests/fixtures/runs/record-runs.ts records them). */
export const RUNS = join(import.meta.dirname, '..', 'fixtures', 'runs');

/** A recorded run copied to a temp report folder: what is written there never touches the fixtures. */
export function copyOfRun(folder: string): string {
  const runDir = join(mkdtempSync(join(tmpdir(), 'tagwatch-recorded-')), folder);
  cpSync(join(RUNS, folder), runDir, { recursive: true });
  return runDir;
}

export interface ReportedRun {
  /** The verdict as reported (with what its effects did then). */
  verdict: Verdict;
  exitCode: number;
  /** What the console reporter printed. */
  output: string;
  /** The copy the reports were written into. */
  runDir: string;
  /** The run log as recorded. */
  runLog: RunEvent[];
}

/**
 * `tagwatch report` of a recorded run, on a copy: judged again offline, its reports written, the
 * console report caught. What an audit of the same shop and faults returned, in milliseconds.
 */
export async function reportRecorded(folder: string): Promise<ReportedRun> {
  const runDir = copyOfRun(folder);
  let output = '';
  const { verdict, exitCode } = await reportRun(runDir, { write: (text) => (output += text) });
  return { verdict, exitCode, output, runDir, runLog: readRunLog(runDir).events };
}

/** The verdict's findings of one kind. */
export const findingsOf = (verdict: Verdict, kind: Finding['kind']) => verdict.findings.filter((f) => f.kind === kind);
