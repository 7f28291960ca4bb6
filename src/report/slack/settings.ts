import type { Monitor } from '../../monitor/schema.ts';
import { UserError } from '../../user-error.ts';

/** Channel for the alerts; overrides the monitor's `alerts.slack.channel`. */
export const CHANNEL_ENV = 'TAGWATCH_SLACK_CHANNEL';
/** Web API base URL (a proxy, or a local server in tests). Default https://slack.com/api/. */
export const API_URL_ENV = 'TAGWATCH_SLACK_API_URL';

/** Where and how Slack alerts go, resolved from the monitor and the environment. */
export interface SlackSettings {
  channel: string;
  /** The bot token: kept out of every message, log line and error. */
  token: string;
  /** Name of the variable the token came from, for error messages. */
  tokenEnv: string;
  timeoutMs: number;
  maxRetries: number;
  apiUrl?: string;
}

/** Slack alerts are on when the monitor has `alerts.slack` or the environment names a channel. */
export function slackEnabled(monitor: Monitor, env: NodeJS.ProcessEnv): boolean {
  return monitor.alerts.slack !== undefined || Boolean(env[CHANNEL_ENV]);
}

/** The settings, or an error saying which variable or field to set. */
export function resolveSlackSettings(monitor: Monitor, env: NodeJS.ProcessEnv): SlackSettings {
  const slack = monitor.alerts.slack;
  const tokenEnv = slack?.tokenEnv ?? 'SLACK_BOT_TOKEN';
  const channel = env[CHANNEL_ENV] || slack?.channel;
  if (!channel) {
    throw new UserError(`Slack alerts of monitor ${monitor.name} have no channel: set alerts.slack.channel in the monitor or the environment variable ${CHANNEL_ENV}.`);
  }
  const token = env[tokenEnv];
  if (!token) {
    throw new UserError(
      `Slack alerts of monitor ${monitor.name} have no token: the environment variable ${tokenEnv} (alerts.slack.tokenEnv) is not set. ` +
        'Export the bot token (xoxb-..., scope chat:write) before the audit.',
    );
  }
  return {
    channel,
    token,
    tokenEnv,
    timeoutMs: (slack?.timeoutSeconds ?? 10) * 1000,
    maxRetries: slack?.maxRetries ?? 2,
    apiUrl: env[API_URL_ENV] || undefined,
  };
}
