import { dirname } from 'node:path';
import { judgeRunFolder } from '../judge/judge-run-folder.ts';
import { EXIT_CODES } from '../judge/judge.ts';
import { publishRun } from '../publish/publish-run.ts';
import type { AuditResult } from './finish-run.ts';

/**
 * `tagwatch report <runDir>`: the stored run judged again, offline (no site, no backend, no
 * browser: everything is in its folder), and its reports written again, with what its effects
 * did then. Nobody is notified and the history is left as it is.
 */
export async function reportRun(runDir: string, options: { write?: (text: string) => void } = {}): Promise<AuditResult> {
  const write = options.write ?? ((text: string) => process.stdout.write(text));
  const { verdict, record } = await judgeRunFolder(runDir);
  const reported = await publishRun(verdict, { record, outDir: dirname(record.runDir), write });
  return { verdict: reported, runDir: record.runDir, exitCode: EXIT_CODES[reported.status] };
}
