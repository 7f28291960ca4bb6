import { join } from 'node:path';

/** Where people open the run's HTML report: a published URL, else the file on the machine that ran the audit. */
export type ReportLocation = { url: string } | { path: string };

/** `file`: the html renderer's file in the run folder. */
export function reportLocation(reportBaseUrl: string | undefined, runId: string, runDir: string, file = 'report.html'): ReportLocation {
  if (!reportBaseUrl) return { path: join(runDir, file) };
  return { url: `${reportBaseUrl.replace(/\/+$/, '')}/${encodeURIComponent(runId)}/${encodeURIComponent(file)}` };
}
