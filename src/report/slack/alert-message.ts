import type { Alert } from '../../model/alert.ts';
import type { BrokenTracking, Finding, Verdict } from '../../model/verdict.ts';
import { money } from '../money.ts';
import { slackCode, slackText, truncate } from './mrkdwn.ts';
import type { ReportLocation } from './report-link.ts';

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
  /** The judged verdict: what broke and its revenue at risk are read from verdict.broke. */
  verdict: Verdict;
  alert: Alert;
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
    const broke = verdict.broke ?? [];
    blocks.push(section(`*What broke*\n${brokenLines(broke, errors).join('\n')}`));
    blocks.push(...revenueBlocks(broke));
  }
  blocks.push(section(reportText(input.report)));
  blocks.push(context(runLine(verdict, alert, errors.length > 0 && alert.kind !== 'recovery')));
  const message = { text: truncate(`${slackText(alert.headline)}: ${slackText(verdict.summary)}`, SECTION_MAX), blocks };
  if (alert.kind === 'recovery' || errors.length === 0) return { message };
  return { message, thread: detailsMessage(verdict, errors) };
}

/**
 * One line per broken vendor x condition (verdict.broke: the loss with its interval and a lost
 * order to look up), then the other error findings: pairs whose loss did not fail the run (a
 * value mismatch) and findings of no vendor (the site, a plugin).
 */
function brokenLines(broke: readonly BrokenTracking[], errors: Finding[]): string[] {
  const key = (vendor: string | undefined, condition: string | undefined) => `${vendor ?? ''}\u0000${condition ?? ''}`;
  const kindsOf = new Map<string, string[]>();
  for (const finding of errors) {
    const k = key(finding.vendor, finding.condition);
    const kinds = kindsOf.get(k) ?? [];
    if (!kinds.includes(finding.kind)) kinds.push(finding.kind);
    kindsOf.set(k, kinds);
  }
  const lines = broke.slice(0, TOP_BROKEN).map((row) => {
    const kinds = kindsOf.get(key(row.vendor, row.condition));
    const example = row.exampleOrder ? `, e.g. order ${slackCode(row.exampleOrder)}` : '';
    return `• *${slackText(row.vendor)}* under *${slackText(row.condition)}*: lost ${lossFigures(row)}${example}${kinds ? ` (${kinds.join(', ')})` : ''}`;
  });
  if (broke.length > TOP_BROKEN) lines.push(`• … and ${broke.length - TOP_BROKEN} more vendor × condition pairs`);

  const listed = new Set(broke.map((row) => key(row.vendor, row.condition)));
  const pairs = new Map<string, Finding[]>();
  const other: Finding[] = [];
  for (const finding of errors) {
    if (!finding.vendor) other.push(finding);
    else if (!listed.has(key(finding.vendor, finding.condition))) pairs.set(key(finding.vendor, finding.condition), [...(pairs.get(key(finding.vendor, finding.condition)) ?? []), finding]);
  }
  const room = Math.max(0, TOP_BROKEN - Math.min(broke.length, TOP_BROKEN));
  for (const findings of [...pairs.values()].slice(0, room)) {
    const { vendor, condition } = findings[0]!;
    const where = `*${slackText(vendor!)}*${condition ? ` under *${slackText(condition)}*` : ''}`;
    const orderId = findingOrder(findings);
    const example = orderId ? `, e.g. order ${slackCode(orderId)}` : '';
    lines.push(`• ${where}: ${slackText(findings[0]!.message)}${example} (${[...new Set(findings.map((f) => f.kind))].join(', ')})`);
  }
  if (pairs.size > room) lines.push(`• … and ${pairs.size - room} more vendor × condition pairs with errors`);
  for (const finding of other.slice(0, 3)) lines.push(`• ${slackText(finding.message)} (${finding.kind})`);
  if (other.length > 3) lines.push(`• … and ${other.length - 3} more`);
  return lines.length ? lines : ['• no error finding in this run: see the report'];
}

/** "67% of test orders (2 of 3; 95% CI 10–90%)". */
function lossFigures(row: BrokenTracking): string {
  const interval = row.ci95 ? `; 95% CI ${pct(row.ci95[0])}–${pct(row.ci95[1])}` : '';
  const counts = row.lost !== null && row.orders !== null ? ` (${row.lost} of ${row.orders}${interval})` : interval ? ` (${interval.slice(2)})` : '';
  return `${pct(row.lossRate)} of test orders${counts}`;
}

/** An order a finding names, or lists in its evidence, to look up in the backend. */
function findingOrder(findings: Finding[]): string | undefined {
  const fromFinding = findings.find((f) => f.orderId)?.orderId;
  if (fromFinding) return fromFinding;
  const listed = findings.map((f) => f.evidence?.lostOrders).find((orders) => Array.isArray(orders) && typeof orders[0] === 'string');
  return (listed as string[] | undefined)?.[0];
}

/**
 * Money per day for each broken vendor x condition the judge estimated (the monitor gives its
 * `business` figures), with what the estimate rests on said plainly. Nothing without an estimate.
 */
function revenueBlocks(broke: readonly BrokenTracking[]): SlackBlock[] {
  const estimated = broke.filter((row) => row.revenueAtRisk).slice(0, TOP_BROKEN);
  if (estimated.length === 0) return [];
  const lines = estimated.map((row) => {
    const risk = row.revenueAtRisk!;
    const range = risk.range ? ` (${money(risk.range[0], risk.currency)}–${money(risk.range[1], risk.currency)} over the 95% interval)` : '';
    const where = row.condition === 'baseline' ? '' : ` under ${slackText(row.condition)}`;
    return `• *${slackText(row.vendor)}*${where}: ~${money(risk.perDay, risk.currency)}/day of sales it does not record${range}`;
  });
  const { dailyOrders, averageOrderValue, currency } = estimated[0]!.revenueAtRisk!;
  const basis = estimated.map((row) => `${slackText(row.vendor)} under ${slackText(row.condition)} ${pct(row.lossRate)}`).join(', ');
  const partial = estimated.some((row) => row.condition !== 'baseline') ? ' Under a condition other than baseline only its visitors are affected, so the real figure is lower.' : '';
  return [
    section(`*Estimated revenue at risk per day*\n${lines.join('\n')}`),
    context(
      `Estimate: ${dailyOrders} orders/day × ${money(averageOrderValue, currency)} average order value (monitor \`business\`) × the loss rate of this run's test orders (${basis}). ` +
        `A few test orders stand for all traffic: the real share may differ.${partial}`,
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
