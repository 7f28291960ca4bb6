import type { Alert } from '../model/alert.ts';
import type { Monitor } from '../monitor/schema.ts';
import { escapeHtml } from '../report/html/escape.ts';
import { sendAlertMail } from '../report/email/send-alert-mail.ts';
import { smtpTargetFromEnv } from '../report/email/smtp-url.ts';
import type { SlackAlertMessages, SlackBlock } from '../report/slack/alert-message.ts';
import { slackText, truncate } from '../report/slack/mrkdwn.ts';
import { postSlackAlert } from '../report/slack/post-alert.ts';
import { resolveSlackSettings, slackEnabled } from '../report/slack/settings.ts';
import type { ComparisonVerdict } from './compare-verdict.ts';

/** What an alert of a comparison says: its headline, then each problem with the day's figures and the top separating attribute. */
export function comparisonAlertLines(verdict: ComparisonVerdict): string[] {
  return verdict.findings.filter((f) => f.severity === 'error').map((f) => f.message);
}

export function comparisonSlackMessages(verdict: ComparisonVerdict, alert: Alert, report: string): SlackAlertMessages {
  const title = alert.kind === 'recovery' ? ':white_check_mark: Reported vs real back in range' : ':chart_with_downwards_trend: Reported vs real';
  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(`${title} on ${alert.monitor}`, 150) } },
    { type: 'section', text: { type: 'mrkdwn', text: truncate(`*${slackText(alert.headline)}*\n${slackText(verdict.summary)}`, 3000) } },
  ];
  const lines = comparisonAlertLines(verdict);
  if (alert.kind !== 'recovery' && lines.length) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncate(lines.map((line) => `• ${slackText(line)}`).join('\n'), 3000) } });
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: truncate(`Report: ${slackText(report)}`, 3000) }] });
  return { message: { text: `${alert.headline} (${alert.monitor})`, blocks } };
}

export function comparisonMail(verdict: ComparisonVerdict, alert: Alert, report: string): { subject: string; text: string; html: string } {
  const lines = alert.kind === 'recovery' ? [] : comparisonAlertLines(verdict);
  const text = [alert.headline, '', verdict.summary, '', ...lines.map((line) => `- ${line}`), '', `Report: ${report}`].join('\n');
  const html = `<h1>${escapeHtml(alert.headline)}</h1><p>${escapeHtml(verdict.summary)}</p>${lines.length ? `<ul>${lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>` : ''}<p>Report: ${escapeHtml(report)}</p>`;
  return { subject: `[tagwatch] ${alert.headline}`.slice(0, 200), text, html };
}

/**
 * Sends a comparison's alert to the monitor's channels (Slack, e-mail), the same channels and
 * credentials as its audits. Returns the channels that failed, each with why (never a secret).
 */
export async function sendComparisonAlert(verdict: ComparisonVerdict, alert: Alert, monitor: Monitor, env: NodeJS.ProcessEnv, report: string, write: (text: string) => void): Promise<{ channel: string; problem: string }[]> {
  const failed: { channel: string; problem: string }[] = [];
  if (slackEnabled(monitor, env)) {
    try {
      const settings = resolveSlackSettings(monitor, env);
      await postSlackAlert(settings, comparisonSlackMessages(verdict, alert, report));
      write(`tagwatch: ${alert.kind} alert sent to Slack ${settings.channel}\n`);
    } catch (error) {
      failed.push({ channel: 'slack', problem: (error as Error).message });
    }
  }
  const email = monitor.alerts.email;
  if (email) {
    try {
      const mail = comparisonMail(verdict, alert, report);
      await sendAlertMail({ ...mail, attachments: [] }, { target: smtpTargetFromEnv(env, email.smtpUrlEnv), envName: email.smtpUrlEnv, from: email.from, to: email.to, timeoutSeconds: email.timeoutSeconds });
      write(`tagwatch: ${alert.kind} e-mail sent to ${email.to.join(', ')}\n`);
    } catch (error) {
      failed.push({ channel: 'email', problem: `e-mail alert to ${email.to.join(', ')} not sent: ${(error as Error).message}` });
    }
  }
  return failed;
}
