import type { SlackAlertMessages, SlackMessage } from './alert-message.ts';
import type { SlackSettings } from './settings.ts';

/** The alert did not reach Slack, or only its first message did. */
export class SlackDeliveryError extends Error {
  /** The alert message itself was posted (only the thread reply failed): people were told. */
  readonly alertDelivered: boolean;
  constructor(message: string, alertDelivered: boolean) {
    super(message);
    this.name = 'SlackDeliveryError';
    this.alertDelivered = alertDelivered;
  }
}

export interface PostedAlert {
  channel: string;
  /** Timestamp of the alert message, the thread's parent. */
  ts: string;
  threadReplyTs?: string;
}

export interface PostOptions {
  /** Slack answered 429: the client waits `seconds` (its Retry-After) before trying again. */
  onRateLimited?: (seconds: number) => void;
}

/** What to do about the Web API errors people can fix. */
const HINTS: Record<string, string> = {
  channel_not_found: 'check alerts.slack.channel (or TAGWATCH_SLACK_CHANNEL), and invite the app to a private channel',
  not_in_channel: 'invite the app to the channel (/invite @app)',
  is_archived: 'the channel is archived: pick another one',
  invalid_auth: 'the token is not valid: check it',
  not_authed: 'no token reached Slack: check it',
  token_revoked: 'the token was revoked: issue a new one',
  token_expired: 'the token expired: issue a new one',
  account_inactive: 'the token belongs to a deactivated app or user',
  missing_scope: 'the token needs the chat:write scope',
  msg_too_long: 'the message is too long',
  invalid_blocks: 'Slack rejected the message layout',
};

/**
 * Posts the alert with Slack's official WebClient (chat.postMessage), then its details as a
 * reply in the alert's thread. Timeouts per attempt; 5xx, network errors and 429 are retried up
 * to maxRetries times (a 429 after waiting its Retry-After, which the client does itself);
 * Slack's `ok: false` answers are not retried, they will not change.
 */
export async function postSlackAlert(settings: SlackSettings, messages: SlackAlertMessages, options: PostOptions = {}): Promise<PostedAlert> {
  // Loaded here, when an alert goes to Slack: a run without one never pays for the client's import.
  const slack = await import('@slack/web-api');
  const { LogLevel, WebClient, WebClientEvent } = slack;
  const client = new WebClient(settings.token, {
    slackApiUrl: settings.apiUrl,
    timeout: settings.timeoutMs,
    retryConfig: { retries: settings.maxRetries },
    // Rate limits are waited out and retried, not rejected, within the retry budget.
    rejectRateLimitedCalls: false,
    // The client's own warnings would repeat what the thrown error says; nothing it logs carries the token.
    logLevel: LogLevel.ERROR,
  });
  client.on(WebClientEvent.RATE_LIMITED, (seconds: number) => options.onRateLimited?.(seconds));

  let posted: PostedAlert;
  try {
    const result = await client.chat.postMessage(post(settings.channel, messages.message));
    posted = { channel: result.channel ?? settings.channel, ts: result.ts! };
  } catch (error) {
    throw new SlackDeliveryError(`Slack alert not sent to ${settings.channel}: ${describe(error, settings, slack)}`, false);
  }
  if (!messages.thread) return posted;
  try {
    const reply = await client.chat.postMessage({ ...post(posted.channel, messages.thread), thread_ts: posted.ts });
    return { ...posted, threadReplyTs: reply.ts };
  } catch (error) {
    throw new SlackDeliveryError(`Slack alert sent to ${settings.channel}, but its details (thread reply) were not: ${describe(error, settings, slack)}`, true);
  }
}

function post(channel: string, message: SlackMessage) {
  return { channel, text: message.text, blocks: message.blocks, unfurl_links: false, unfurl_media: false };
}

/** What failed, in words; the token never, whatever the error carried. */
function describe(error: unknown, settings: SlackSettings, { WebAPIHTTPError, WebAPIPlatformError, WebAPIRequestError }: typeof import('@slack/web-api')): string {
  const attempts = `${settings.maxRetries + 1} attempt${settings.maxRetries === 0 ? '' : 's'}`;
  let text: string;
  if (error instanceof WebAPIPlatformError) {
    const code = error.data.error;
    const hint = HINTS[code];
    const auth = /auth|token|account_inactive/.test(code) ? ` (token from ${settings.tokenEnv})` : '';
    text = `chat.postMessage answered ${code}${hint ? `: ${hint}${auth}` : auth}`;
  } else if (error instanceof WebAPIHTTPError) {
    text = `chat.postMessage answered HTTP ${error.statusCode} ${error.statusMessage} (${attempts})`;
  } else if (error instanceof WebAPIRequestError) {
    const original = error.original;
    text =
      original.name === 'TimeoutError' || original.name === 'AbortError'
        ? `no answer from Slack within ${settings.timeoutMs / 1000} s (${attempts})`
        : `could not reach Slack: ${original.message}${causeOf(original)} (${attempts})`;
  } else if (error instanceof Error && /rate limit/i.test(error.message)) {
    text = `Slack kept answering 429 (rate limited) through ${attempts}`;
  } else {
    text = error instanceof Error ? error.message : String(error);
  }
  return text.split(settings.token).join('[token]');
}

/** fetch says "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND) is in its cause. */
function causeOf(error: Error): string {
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? `: ${cause.message}` : '';
}
