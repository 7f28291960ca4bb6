import { defineReporter, NotificationError } from '../src/report/define-reporter.ts';
import { buildAlertMessages } from '../src/report/slack/alert-message.ts';
import { postSlackAlert, SlackDeliveryError } from '../src/report/slack/post-alert.ts';
import { reportLocation } from '../src/report/slack/report-link.ts';
import { resolveSlackSettings, slackEnabled } from '../src/report/slack/settings.ts';

/** The alert in a Slack channel, its details in the thread; only when the alert policy decided to notify. */
export default defineReporter({
  id: 'slack',
  channel: 'slack',
  order: 80,
  description: 'alert (failure, reminder, recovery) in a Slack channel via chat.postMessage, details in the thread',
  enabled: ({ monitor, env }) => slackEnabled(monitor, env),
  async notify(verdict, context) {
    const { alert, monitor } = context;
    // Checked on every run, alert or not: a missing token shows before the day it matters (a
    // problem line then; a failed channel only when there was an alert to send).
    const settings = resolveSlackSettings(monitor, context.env);
    if (!alert) return 'nothing-to-send';
    const messages = buildAlertMessages({ verdict, alert, report: reportLocation(monitor.alerts.reportBaseUrl, verdict.runId, context.runDir, context.rendered('html')?.file) });
    try {
      await postSlackAlert(settings, messages, {
        onRateLimited: (seconds) => context.write(`tagwatch: Slack rate-limited the alert; retrying after ${seconds} s (Retry-After)\n`),
      });
    } catch (error) {
      // The alert posted but not its thread reply: people were told, e-mail is no fallback.
      if (error instanceof SlackDeliveryError) throw new NotificationError(error.message, error.alertDelivered, { cause: error });
      throw error;
    }
    context.write(`tagwatch: ${alert.kind} alert sent to Slack ${settings.channel}\n`);
    return 'sent';
  },
});
