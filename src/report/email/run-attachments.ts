import type { Verdict } from '../../model/verdict.ts';
import type { NotifyContext } from '../define-reporter.ts';

/** A file the alert e-mail carries. */
export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

/**
 * The HTML report and results.json as the html and json renderers made them for this verdict
 * (nothing is read from the run folder). The report only when it rendered; without the json
 * rendering, the verdict itself, so the mail still carries the numbers.
 */
export function mailAttachments(rendered: NotifyContext['rendered'], verdict: Verdict): MailAttachment[] {
  const attachments: MailAttachment[] = [];
  const html = rendered('html');
  if (html) attachments.push({ filename: html.file ?? 'report.html', content: Buffer.from(html.text), contentType: 'text/html; charset=utf-8' });
  const json = rendered('json');
  attachments.push({ filename: json?.file ?? 'results.json', content: Buffer.from(json ? json.text : `${JSON.stringify(verdict, null, 2)}\n`), contentType: 'application/json' });
  return attachments;
}
