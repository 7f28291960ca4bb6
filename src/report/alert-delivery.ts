import type { Monitor } from '../monitor/schema.ts';
import { slackEnabled } from './slack/settings.ts';

/** The channels the monitor sends alerts to, in the order their reporters run. */
export function alertChannels(monitor: Monitor, env: NodeJS.ProcessEnv): string[] {
  return [...(slackEnabled(monitor, env) ? ['slack'] : []), ...(monitor.alerts.email ? ['email'] : [])];
}

/**
 * Whether an alert reached someone: at least one configured channel did not fail. With no
 * channel configured there is no one to retry for, so it counts as delivered.
 */
export function alertDelivered(monitor: Monitor, env: NodeJS.ProcessEnv, failedChannels: readonly string[]): boolean {
  const channels = alertChannels(monitor, env);
  return channels.length === 0 || channels.some((channel) => !failedChannels.includes(channel));
}
