import { judgeRunFolder } from '../judge/judge-run-folder.ts';
import { EXIT_CODES } from '../judge/judge.ts';
import type { Verdict } from '../model/verdict.ts';
import type { Monitor } from '../monitor/schema.ts';
import type { OrderSourceDefinition } from '../orders/define-order-source.ts';
import { publishRun } from '../publish/publish-run.ts';
import { writeRunInputs } from '../record/run-inputs.ts';
import { mergeRunLog } from './finalize-run.ts';
import { gatherInputs } from './gather-inputs.ts';

export interface AuditResult {
  /** The verdict as reported: judged from the run folder, with how its notifications went. */
  verdict: Verdict;
  runDir: string;
  exitCode: 0 | 1 | 2;
}

export interface FinishOptions {
  runDir: string;
  outDir: string;
  monitor: Monitor;
  /** Absent for an order-free monitor. */
  orderSource?: OrderSourceDefinition;
  runId: string;
  startedAt: Date;
  siteProblem?: string;
  backendProblem?: string;
  releaseCheck?: boolean;
  /** Problems met before (a shard's unreadable run log lines): recorded with the inputs. */
  diagnostics?: string[];
  write: (text: string) => void;
}

/**
 * A run whose journeys are over, to its verdict and reports: the run log merged, the inputs read
 * and recorded in the run folder (orders, history baseline), the folder judged, then the effects
 * (notify, history, files). Shared by `audit`, `check` and `merge`, so all reckon alike.
 */
export async function finishRun(options: FinishOptions): Promise<AuditResult> {
  const { runDir, write } = options;
  const { events } = mergeRunLog(runDir);
  const { inputs, history } = await gatherInputs({ ...options, events });
  inputs.diagnostics.unshift(...(options.diagnostics ?? []));
  writeRunInputs(runDir, inputs);
  const { verdict: judged, record } = await judgeRunFolder(runDir);
  const verdict = await publishRun(judged, { record, outDir: options.outDir, write, live: { history } });
  return { verdict, runDir, exitCode: EXIT_CODES[verdict.status] };
}
