import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Verdict } from '../../model/verdict.ts';

/** A file the alert e-mail carries. */
export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

/**
 * report.html when the HTML reporter wrote one, and results.json. The JSON reporter runs first;
 * if it failed, the verdict itself is attached, so the mail still carries the numbers.
 */
export function runAttachments(runDir: string, verdict: Verdict): MailAttachment[] {
  const attachments: MailAttachment[] = [];
  const report = join(runDir, 'report.html');
  if (existsSync(report)) attachments.push({ filename: 'report.html', content: readFileSync(report), contentType: 'text/html; charset=utf-8' });
  const results = join(runDir, 'results.json');
  const content = existsSync(results) ? readFileSync(results) : Buffer.from(`${JSON.stringify(verdict, null, 2)}\n`);
  attachments.push({ filename: 'results.json', content, contentType: 'application/json' });
  return attachments;
}
