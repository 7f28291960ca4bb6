import { defineReporter } from '../src/report/define-reporter.ts';
import { buildAlertMail } from '../src/report/email/alert-mail.ts';
import { mailAttachments } from '../src/report/email/run-attachments.ts';
import { sendAlertMail } from '../src/report/email/send-alert-mail.ts';
import { smtpTargetFromEnv } from '../src/report/email/smtp-url.ts';

/**
 * The alert e-mail (failure, recovery, reminder) through the SMTP server named by the environment,
 * with the HTML report and results.json attached (as the html and json renderers made them).
 * After Slack (80): when Slack failed, this mail says it is the fallback.
 */
export default defineReporter({
  id: 'email',
  channel: 'email',
  order: 90,
  description: 'alert e-mail through SMTP when the alert policy decides to notify (alerts.email)',
  enabled: ({ monitor }) => monitor.alerts.email !== undefined,
  async notify(verdict, context) {
    const settings = context.monitor.alerts.email;
    // No alert: this run changes nothing people must hear about.
    if (!settings || !context.alert) return 'nothing-to-send';
    try {
      const target = smtpTargetFromEnv(context.env, settings.smtpUrlEnv);
      const mail = buildAlertMail({
        verdict,
        alert: context.alert,
        monitor: context.monitor,
        runDir: context.runDir,
        failedChannels: context.failedChannels,
        attachments: mailAttachments(context.rendered, verdict),
      });
      await sendAlertMail(mail, { target, envName: settings.smtpUrlEnv, from: settings.from, to: settings.to, timeoutSeconds: settings.timeoutSeconds });
    } catch (error) {
      const others = context.failedChannels.filter((channel) => channel !== 'email');
      const nothing = others.length ? ` ${others.join(' and ')} failed too: this alert reached no one.` : '';
      throw new Error(`e-mail alert to ${settings.to.join(', ')} not sent: ${(error as Error).message}${nothing}`, { cause: error });
    }
    context.write(`tagwatch: ${context.alert.kind} e-mail sent to ${settings.to.join(', ')}\n`);
    return 'sent';
  },
});
