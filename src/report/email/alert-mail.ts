import type { Alert } from '../../model/alert.ts';
import type { BrokenTracking, Verdict } from '../../model/verdict.ts';
import type { Monitor } from '../../monitor/schema.ts';
import { percent, terminalSafe } from '../terminal-text.ts';
import { escapeHtml } from '../html/escape.ts';
import { topErrorFindings } from '../error-findings.ts';
import { money } from '../money.ts';
import type { MailAttachment } from './run-attachments.ts';

const TOP_FINDINGS = 5;
const MAX_SUBJECT = 200;

/** Everything an alert e-mail says, before any SMTP: built from the verdict alone, so it is testable as is. */
export interface AlertMail {
  subject: string;
  html: string;
  /** The plain-text alternative, for clients that do not render HTML. */
  text: string;
  attachments: MailAttachment[];
}

export interface AlertMailInput {
  verdict: Verdict;
  alert: Alert;
  monitor: Monitor;
  /** reports/<runId>/, named in the mail when there is no published report URL. */
  runDir: string;
  /** Channels that failed to deliver this alert before e-mail ('slack'): the mail says it is their fallback. */
  failedChannels: readonly string[];
  attachments: MailAttachment[];
}

/** A paragraph, or a list of items, written once and rendered as HTML and as text. */
type Block = { heading?: string; note?: boolean; lines: Part[][]; list?: boolean };
/** Text is escaped in HTML; strong is bold in HTML; a link is an anchor in HTML and "text: url" in text. */
type Part = string | { strong: string } | { link: string; text: string };

/**
 * The alert e-mail: a subject saying what happened, then a short summary (verdict, what broke
 * with its loss rate and interval, an example order, the revenue at risk when the judge estimated
 * it: all read from verdict.broke), the report link and the top error findings. Every captured
 * string is escaped in the HTML part.
 */
export function buildAlertMail(input: AlertMailInput): AlertMail {
  const { verdict, alert } = input;
  // A recovery has nothing broken to list, whatever an older verdict carries.
  const broken = alert.kind === 'recovery' ? [] : (verdict.broke ?? []);
  const failed = input.failedChannels.filter((channel) => channel !== 'email');
  const blocks: Block[] = [];
  if (failed.length) {
    blocks.push({
      note: true,
      lines: [[{ strong: `${failed.map(channelName).join(' and ')} delivery failed` }, ` for this alert: this e-mail is the fallback. Check the ${failed.map((c) => `alerts.${c}`).join(', ')} settings and the run's diagnostics.`]],
    });
  }
  blocks.push({ lines: [[introduction(alert, verdict)], [verdict.summary]] });
  if (broken.length) blocks.push({ heading: 'What broke', list: true, lines: broken.map(brokenLine) });
  blocks.push({ lines: [reportLine(input)] });
  const findings = topErrorFindings(verdict.findings, TOP_FINDINGS);
  if (findings.length) {
    blocks.push({
      heading: 'Top error findings',
      list: true,
      lines: findings.map(({ finding, count }) => [
        { strong: finding.kind },
        `${finding.vendor ? ` (${finding.vendor}${finding.condition ? `, ${finding.condition}` : ''})` : ''}: ${finding.message}${count > 1 ? ` (and ${count - 1} more like it)` : ''}`,
      ]),
    });
  }
  const attached = input.attachments.map((a) => a.filename).join(', ');
  const footer = `Sent by tagwatch for monitor ${verdict.monitor}, run ${verdict.runId}${attached ? `. Attached: ${attached}` : ''}.`;
  return {
    subject: subject(alert, verdict, broken, failed),
    html: renderHtml(alert.headline, blocks, footer),
    text: renderText(alert.headline, blocks, footer),
    attachments: input.attachments,
  };
}

/** `[tagwatch] FAILURE demo-shop: ga4 purchase lost under baseline`, one line whatever was captured. */
function subject(alert: Alert, verdict: Verdict, broken: readonly BrokenTracking[], failed: readonly string[]): string {
  const kind =
    alert.kind === 'failure' ? 'FAILURE' : alert.kind === 'recovery' ? 'RECOVERY' : `REMINDER (${alert.consecutiveFailures} failing run${alert.consecutiveFailures === 1 ? '' : 's'})`;
  const fallback = failed.map((channel) => `[${channelName(channel)} failed] `).join('');
  const line = `[tagwatch] ${fallback}${kind} ${alert.monitor}: ${what(alert, verdict, broken)}`.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
  return line.length > MAX_SUBJECT ? `${line.slice(0, MAX_SUBJECT - 1)}…` : line;
}

function what(alert: Alert, verdict: Verdict, broken: readonly BrokenTracking[]): string {
  if (alert.kind === 'recovery') return 'tracking back to normal';
  const more = (n: number) => (n > 1 ? ` (+${n - 1} more)` : '');
  if (broken.length) return `${broken[0]!.vendor} purchase lost under ${broken[0]!.condition}${more(broken.length)}`;
  const errors = topErrorFindings(verdict.findings, Infinity);
  if (errors.length) {
    const { finding } = errors[0]!;
    return `${finding.kind}${finding.vendor ? ` (${finding.vendor})` : ''}${more(errors.length)}`;
  }
  return alert.headline;
}

function introduction(alert: Alert, verdict: Verdict): string {
  const where = `${verdict.monitor} (${verdict.baseUrl})`;
  if (alert.kind === 'recovery') return `Tracking works again on ${where}: run ${verdict.runId} passed${alert.since ? ` after the failures that began with run ${alert.since}` : ''}.`;
  if (alert.kind === 'reminder') {
    return `Still broken on ${where}: ${alert.consecutiveFailures} failing runs in a row${alert.since ? `, since run ${alert.since}` : ''}; the latest is run ${verdict.runId}.`;
  }
  return `Tracking broke on ${where} in run ${verdict.runId}.`;
}

function brokenLine(row: BrokenTracking): Part[] {
  const counts = row.lost !== null && row.orders !== null ? `lost ${row.lost} of ${row.orders} test orders, ` : '';
  const interval = row.ci95 ? ` (95% CI ${percent(row.ci95[0])}–${percent(row.ci95[1])})` : '';
  const parts: Part[] = [{ strong: row.vendor }, ' under ', { strong: row.condition }, `: ${counts}loss ${percent(row.lossRate)}${interval}`];
  if (row.exampleOrder) parts.push(`; example order ${row.exampleOrder}`);
  parts.push('.');
  const risk = row.revenueAtRisk;
  if (risk) {
    // An estimate, and said so: the loss under one condition applies only to the visitors in it.
    const scope = row.condition === 'baseline' ? '' : `; only visitors under ${row.condition} are affected, so the real figure is lower`;
    const range = risk.range ? ` (${money(risk.range[0], risk.currency)}–${money(risk.range[1], risk.currency)} over the 95% interval)` : '';
    parts.push(
      ` Revenue at risk (estimate): about ${money(risk.perDay, risk.currency)} per day not seen by ${row.vendor}${range}` +
        ` = ${risk.dailyOrders} orders/day × ${money(risk.averageOrderValue, risk.currency)} average order × ${percent(row.lossRate)} loss${scope}.`,
    );
  }
  return parts;
}

function reportLine({ verdict, monitor, runDir, attachments }: AlertMailInput): Part[] {
  const report = attachments.find((a) => a.contentType.startsWith('text/html'));
  const link = reportUrl(monitor.alerts.reportBaseUrl, verdict.runId, report?.filename);
  if (link) return [{ link, text: 'Open the full report' }];
  const attached = report ? `${report.filename} attached` : `${attachments[0]?.filename ?? 'results.json'} attached`;
  return [`Full report: ${attached}; run folder ${runDir}.`];
}

/** reportBaseUrl + /<runId>/report.html; only http(s), the one kind a mail link may carry. */
export function reportUrl(base: string | undefined, runId: string, file = 'report.html'): string | undefined {
  if (!base || !/^https?:\/\//i.test(base)) return undefined;
  return `${base.replace(/\/+$/, '')}/${encodeURIComponent(runId)}/${encodeURIComponent(file)}`;
}

function channelName(channel: string): string {
  return channel.charAt(0).toUpperCase() + channel.slice(1);
}

function renderHtml(headline: string, blocks: Block[], footer: string): string {
  const part = (p: Part) =>
    typeof p === 'string' ? escapeHtml(p) : 'strong' in p ? `<strong>${escapeHtml(p.strong)}</strong>` : `<a href="${escapeHtml(p.link)}">${escapeHtml(p.text)}</a>`;
  const line = (parts: Part[]) => parts.map(part).join('');
  const body = blocks.map((block) => {
    const heading = block.heading ? `<h3 style="margin:16px 0 4px">${escapeHtml(block.heading)}</h3>\n` : '';
    if (block.list) return `${heading}<ul>\n${block.lines.map((l) => `<li>${line(l)}</li>`).join('\n')}\n</ul>`;
    const style = block.note ? ' style="background:#fff3cd;border:1px solid #e0c96b;padding:8px"' : '';
    return `${heading}${block.lines.map((l) => `<p${style}>${line(l)}</p>`).join('\n')}`;
  });
  return [
    '<!doctype html>',
    '<html><head><meta charset="utf-8"></head>',
    '<body style="font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;font-size:14px;line-height:1.4;color:#222">',
    `<h2 style="margin:0 0 8px">${escapeHtml(headline)}</h2>`,
    ...body,
    `<p style="color:#666;font-size:12px">${escapeHtml(footer)}</p>`,
    '</body></html>',
    '',
  ].join('\n');
}

function renderText(headline: string, blocks: Block[], footer: string): string {
  const part = (p: Part) => (typeof p === 'string' ? p : 'strong' in p ? p.strong : `${p.text}: ${p.link}`);
  const line = (parts: Part[]) => terminalSafe(parts.map(part).join(''));
  const body = blocks.map((block) => {
    const heading = block.heading ? `${block.heading}:\n` : '';
    const lines = block.lines.map((l) => (block.list ? `- ${line(l)}` : block.note ? `!! ${line(l)}` : line(l)));
    return `${heading}${lines.join(block.list ? '\n' : '\n\n')}`;
  });
  return `${[terminalSafe(headline), ...body, terminalSafe(footer)].join('\n\n')}\n`;
}
