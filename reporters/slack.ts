import { defineReporter } from '../src/report/define-reporter.ts';
import { buildAlertMessages } from '../src/report/slack/alert-message.ts';
import { postSlackAlert, SlackDeliveryError } from '../src/report/slack/post-alert.ts';
import { reportLocation } from '../src/report/slack/report-link.ts';
import { resolveSlackSettings, slackEnabled } from '../src/report/slack/settings.ts';

/** The alert in a Slack channel, its details in the thread; only when the alert policy decided to notify. */
export default defineReporter({
  id: 'slack',
  order: 80,
  description: 'alert (failure, reminder, recovery) in a Slack channel via chat.postMessage, details in the thread',
  enabled: ({ monitor, env }) => slackEnabled(monitor, env),
  async onVerdict(verdict, context) {
    const { alert, monitor } = context;
    let settings;
    try {
      // Checked on every run, alert or not: a missing token shows in the diagnostics before the day it matters.
      settings = resolveSlackSettings(monitor, context.env);
    } catch (error) {
      if (alert) context.failedChannels.push('slack');
      throw error;
    }
    if (!alert) return;
    const messages = buildAlertMessages({ verdict, alert, business: monitor.business, report: reportLocation(monitor.alerts.reportBaseUrl, verdict.runId, context.runDir) });
    try {
      await postSlackAlert(settings, messages, {
        onRateLimited: (seconds) => context.write(`tagwatch: Slack rate-limited the alert; retrying after ${seconds} s (Retry-After)\n`),
      });
    } catch (error) {
      // Pushed before the throw: the e-mail reporter after this one is then the fallback.
      if (!(error instanceof SlackDeliveryError && error.alertDelivered)) context.failedChannels.push('slack');
      throw error;
    }
    context.write(`tagwatch: ${alert.kind} alert sent to Slack ${settings.channel}\n`);
  },
});
