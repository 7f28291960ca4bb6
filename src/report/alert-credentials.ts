import type { Monitor } from '../monitor/schema.ts';
import { smtpTargetFromEnv } from './email/smtp-url.ts';
import { resolveSlackSettings, slackEnabled } from './slack/settings.ts';

/**
 * What the monitor's alert channels lack in `env` (a token, a channel, the SMTP URL), one line
 * each; none when every configured channel can send. Checked before the journeys: found after
 * them, the run had already placed real orders on the site and then told nobody what it saw.
 */
export function alertCredentialProblems(monitor: Monitor, env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  if (slackEnabled(monitor, env)) {
    try {
      resolveSlackSettings(monitor, env);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  if (monitor.alerts.email) {
    try {
      smtpTargetFromEnv(env, monitor.alerts.email.smtpUrlEnv);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  return problems;
}
