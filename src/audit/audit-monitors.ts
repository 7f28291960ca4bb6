import { relative } from 'node:path';
import { defaultMonitorFiles } from './project-monitors.ts';
import { runAudit, type AuditOptions, type AuditResult } from './run-audit.ts';

/** Exit code of several audits: 1 if any failed, else 2 if any was inconclusive, else 0. */
export function combinedExitCode(codes: (0 | 1 | 2)[]): 0 | 1 | 2 {
  return codes.includes(1) ? 1 : codes.includes(2) ? 2 : 0;
}

export interface ProjectAuditOptions extends Omit<AuditOptions, 'monitorFile'> {
  /** Called with each audit's result as soon as it is done, before the next monitor's starts. */
  onAudited?: (result: AuditResult) => void;
}

/**
 * `tagwatch audit` without a monitor file: the project's monitors/*.monitor.ts, one audit after
 * the other (each its own run folder and verdict), as `playwright test` runs a project's tests;
 * outside a project with monitors, the embedded demo shop's.
 */
export async function auditProjectMonitors(options: ProjectAuditOptions, cwd = process.cwd()): Promise<0 | 1 | 2> {
  const { onAudited, ...audit } = options;
  const write = audit.write ?? ((text: string) => process.stdout.write(text));
  const { files, fromProject } = defaultMonitorFiles(cwd);
  if (!fromProject) write('tagwatch: no monitors/*.monitor.ts in this project: the embedded demo shop it is (`npx tagwatch init` scaffolds a monitor of your own)\n');
  const codes: (0 | 1 | 2)[] = [];
  for (const [index, file] of files.entries()) {
    if (files.length > 1) write(`${index ? '\n' : ''}tagwatch: monitor ${index + 1}/${files.length}: ${relative(cwd, file)}\n`);
    const result = await runAudit({ ...audit, monitorFile: file });
    onAudited?.(result);
    codes.push(result.exitCode);
  }
  return combinedExitCode(codes);
}
