import { join } from 'node:path';

/** Where people open the run's HTML report: a published URL, else the file on the machine that ran the audit. */
export type ReportLocation = { url: string } | { path: string };

export function reportLocation(reportBaseUrl: string | undefined, runId: string, runDir: string): ReportLocation {
  if (!reportBaseUrl) return { path: join(runDir, 'report.html') };
  return { url: `${reportBaseUrl.replace(/\/+$/, '')}/${encodeURIComponent(runId)}/report.html` };
}
