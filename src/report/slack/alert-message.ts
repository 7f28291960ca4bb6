import type { Alert } from '../../model/alert.ts';
import type { Monitor } from '../../monitor/schema.ts';
import type { Finding, LossRow, Verdict } from '../../model/verdict.ts';
import { slackCode, slackText, truncate } from './mrkdwn.ts';
import type { ReportLocation } from './report-link.ts';
import { ESTIMATE_CONDITION, money, revenueAtRisk } from './revenue-at-risk.ts';

/** The Block Kit blocks used here (structurally Slack's KnownBlock). */
export type SlackBlock =
  | { type: 'header'; text: { type: 'plain_text'; text: string; emoji?: boolean } }
  | { type: 'section'; text: { type: 'mrkdwn'; text: string } }
  | { type: 'context'; elements: { type: 'mrkdwn'; text: string }[] }
  | { type: 'divider' };

/** One chat.postMessage: blocks, and the plain `text` notifications and old clients show. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

/** The alert, and the details posted as a reply in its thread (absent when there are none). */
export interface SlackAlertMessages {
  message: SlackMessage;
  thread?: SlackMessage;
}

export interface AlertMessageInput {
  verdict: Verdict;
  alert: Alert;
  business?: Monitor['business'];
  report: ReportLocation;
}

/** Broken vendor x condition pairs listed in the alert; the rest is in the thread and the report. */
const TOP_BROKEN = 8;
/** Error findings in the thread reply. */
export const TOP_DETAILS = 15;
const HEADER_MAX = 150;
const SECTION_MAX = 3000;
const EVIDENCE_MAX = 600;

const HEADERS: Record<Alert['kind'], string> = {
  failure: ':rotating_light: Tracking broke',
  reminder: ':alarm_clock: Still broken',
  recovery: ':white_check_mark: Tracking recovered',
};

/** The Slack alert for a verdict the alert policy decided to notify. Every captured string is escaped. */
export function buildAlertMessages(input: AlertMessageInput): SlackAlertMessages {
  const { verdict, alert } = input;
  const errors = verdict.findings.filter((f) => f.severity === 'error');
  const blocks: SlackBlock[] = [
    header(`${HEADERS[alert.kind]} on ${alert.monitor}`),
    section(`*${slackText(alert.headline)}*\n${slackText(verdict.summary)}`),
  ];
  if (alert.kind === 'recovery') {
    blocks.push(section(recoveryText(verdict, alert)));
  } else {
    blocks.push(section(`*What broke*\n${brokenLines(verdict, errors).join('\n')}`));
    if (input.business) blocks.push(...revenueBlocks(verdict, errors, input.business));
  }
  blocks.push(section(reportText(input.report)));
  blocks.push(context(runLine(verdict, alert, errors.length > 0 && alert.kind !== 'recovery')));
  const message = { text: truncate(`${slackText(alert.headline)}: ${slackText(verdict.summary)}`, SECTION_MAX), blocks };
  if (alert.kind === 'recovery' || errors.length === 0) return { message };
  return { message, thread: detailsMessage(verdict, errors) };
}

/** One line per broken vendor x condition: the loss with its interval and an order to look up. */
function brokenLines(verdict: Verdict, errors: Finding[]): string[] {
  const pairs = new Map<string, Finding[]>();
  const other: Finding[] = [];
  for (const finding of errors) {
    if (!finding.vendor) {
      other.push(finding);
      continue;
    }
    const key = `${finding.vendor}\u0000${finding.condition ?? ''}`;
    pairs.set(key, [...(pairs.get(key) ?? []), finding]);
  }
  const lines = [...pairs.values()].slice(0, TOP_BROKEN).map((findings) => {
    const { vendor, condition } = findings[0]!;
    const row = verdict.loss.find((r) => r.vendor === vendor && r.condition === condition);
    const kinds = [...new Set(findings.map((f) => f.kind))].join(', ');
    const where = `*${slackText(vendor!)}*${condition ? ` under *${slackText(condition)}*` : ''}`;
    const orderId = exampleOrder(verdict, findings, row);
    const example = orderId ? `, e.g. order ${slackCode(orderId)}` : '';
    if (row?.lossRate != null && row.lossRate > 0) return `• ${where}: lost ${lossFigures(row)}${example} (${kinds})`;
    return `• ${where}: ${slackText(findings[0]!.message)}${example} (${kinds})`;
  });
  if (pairs.size > TOP_BROKEN) lines.push(`• … and ${pairs.size - TOP_BROKEN} more vendor × condition pairs`);
  for (const finding of other.slice(0, 3)) lines.push(`• ${slackText(finding.message)} (${finding.kind})`);
  if (other.length > 3) lines.push(`• … and ${other.length - 3} more`);
  return lines.length ? lines : ['• no error finding in this run: see the report'];
}

/** "67% of test orders (2 of 3; 95% CI 10–90%)". */
function lossFigures(row: LossRow): string {
  const interval = row.ci95 ? `; 95% CI ${pct(row.ci95[0])}–${pct(row.ci95[1])}` : '';
  return `${pct(row.lossRate!)} of test orders (${row.lost} of ${row.orders}${interval})`;
}

/** A lost order someone can look up in the backend and in results.json. */
function exampleOrder(verdict: Verdict, findings: Finding[], row: LossRow | undefined): string | undefined {
  const fromFinding = findings.find((f) => f.orderId)?.orderId;
  if (fromFinding) return fromFinding;
  if (row) {
    const lost = verdict.journeys.find((j) => j.condition === row.condition && j.vendors[row.vendor] === 'lost' && j.orderId);
    if (lost) return lost.orderId;
  }
  const listed = findings.map((f) => f.evidence?.lostOrders).find((orders) => Array.isArray(orders) && typeof orders[0] === 'string');
  return (listed as string[] | undefined)?.[0];
}

/** Money per day for each broken vendor, with what the estimate rests on said plainly. */
function revenueBlocks(verdict: Verdict, errors: Finding[], business: NonNullable<Monitor['business']>): SlackBlock[] {
  const vendors = [...new Set(errors.flatMap((f) => (f.vendor ? [f.vendor] : [])))];
  const estimates = vendors.flatMap((vendor) => revenueAtRisk(business, verdict.loss, vendor) ?? []);
  if (estimates.length === 0) {
    if (vendors.length === 0) return [];
    return [context(`Revenue at risk not estimated: ${vendors.map(slackText).join(', ')} lost no ${ESTIMATE_CONDITION} test order (or ${ESTIMATE_CONDITION} was not measured), and the estimate scales the ${ESTIMATE_CONDITION} loss.`)];
  }
  const { currency } = business;
  const lines = estimates.map((e) => {
    const range = e.range ? ` (${money(e.range[0], currency)}–${money(e.range[1], currency)} over the 95% interval)` : '';
    return `• *${slackText(e.vendor)}*: ~${money(e.perDay, currency)}/day of sales it does not record${range}`;
  });
  const basis = estimates.map((e) => `${slackText(e.vendor)} ${pct(e.lossRate)}`).join(', ');
  return [
    section(`*Estimated revenue at risk per day*\n${lines.join('\n')}`),
    context(
      `Estimate: ${business.dailyOrders} orders/day × ${money(business.averageOrderValue, currency)} average order value (monitor \`business\`) × the ${ESTIMATE_CONDITION} loss rate of this run's test orders (${basis}). ` +
        'A few test orders stand for all traffic: the real share may differ.',
    ),
  ];
}

function recoveryText(verdict: Verdict, alert: Alert): string {
  const since = alert.since ? ` since run ${slackCode(alert.since)}` : '';
  const lines = [`*Recovered*: broken${since}, passing again in run ${slackCode(verdict.runId)}.`, `Was: ${slackCode(alert.fingerprint)}`];
  const measured = verdict.loss.filter((r) => r.lossRate !== null).slice(0, TOP_BROKEN);
  if (measured.length) {
    lines.push('*Now*');
    for (const row of measured) lines.push(`• *${slackText(row.vendor)}* under *${slackText(row.condition)}*: ${row.tracked} of ${row.orders} test orders tracked (loss ${pct(row.lossRate!)})`);
  }
  return truncate(lines.join('\n'), SECTION_MAX);
}

function reportText(report: ReportLocation): string {
  if ('url' in report) return `<${slackText(report.url).replace(/\|/g, '%7C')}|Open the HTML report>`;
  return `Report: ${slackCode(report.path)} (on the machine that ran the audit)`;
}

function runLine(verdict: Verdict, alert: Alert, threaded: boolean): string {
  const parts = [`Run ${slackCode(verdict.runId)}`, `verdict *${verdict.status}*`];
  if (alert.kind !== 'recovery') {
    const streak = alert.consecutiveFailures === 1 ? 'first failing run' : `${alert.consecutiveFailures} failing runs in a row`;
    parts.push(alert.since && alert.since !== verdict.runId ? `failing since run ${slackCode(alert.since)} (${streak})` : streak);
  }
  if (threaded) parts.push('details in the thread');
  return parts.join(' · ');
}

/** Every error finding (the first TOP_DETAILS), with its evidence, for the thread. */
function detailsMessage(verdict: Verdict, errors: Finding[]): SlackMessage {
  const blocks: SlackBlock[] = [section(`*${errors.length} error finding${errors.length === 1 ? '' : 's'}* in run ${slackCode(verdict.runId)}`)];
  for (const finding of errors.slice(0, TOP_DETAILS)) {
    const where = [finding.vendor, finding.condition].filter(Boolean).map((s) => slackText(s!));
    const order = finding.orderId ? [`order ${slackCode(finding.orderId)}`] : [];
    const head = [`*${finding.kind}*`, ...where, ...order].join(' · ');
    const evidence = finding.evidence ? `\n\`\`\`${slackText(truncate(json(finding.evidence), EVIDENCE_MAX)).replace(/```/g, 'ˋˋˋ')}\`\`\`` : '';
    blocks.push(section(truncate(`${head}\n${slackText(finding.message)}${evidence}`, SECTION_MAX)));
  }
  if (errors.length > TOP_DETAILS) blocks.push(context(`… and ${errors.length - TOP_DETAILS} more in the report (results.json "findings").`));
  const first = errors[0]!;
  return { text: truncate(`${errors.length} error finding${errors.length === 1 ? '' : 's'}: ${slackText(first.message)}`, SECTION_MAX), blocks };
}

function header(text: string): SlackBlock {
  return { type: 'header', text: { type: 'plain_text', text: truncate(slackText(text), HEADER_MAX), emoji: true } };
}

function section(text: string): SlackBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(text, SECTION_MAX) } };
}

function context(text: string): SlackBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(text, SECTION_MAX) }] };
}

function pct(rate: number): string {
  return `${Number((rate * 100).toFixed(1))}%`;
}

function json(value: unknown): string {
  try {
    return JSON.stringify(value, null, 1);
  } catch {
    return String(value);
  }
}
