import type { Delivery } from '../model/verdict.ts';

/**
 * The problem lines of one channel: notifyAll writes each as `<channel>: <reason>`. Lines of
 * another shape (a delivery recorded by other code) belong to no channel.
 */
export function channelProblems(delivery: Delivery, channel: string): string[] {
  const prefix = `${channel}: `;
  return delivery.problems.filter((line) => line.startsWith(prefix)).map((line) => line.slice(prefix.length));
}

/** Channels in the delivery record with their outcome, failed first: what a report lists. */
export function deliveryChannels(delivery: Delivery): { channel: string; outcome: 'failed' | 'sent'; problems: string[] }[] {
  const failed = delivery.failedChannels.map((channel) => ({ channel, outcome: 'failed' as const, problems: channelProblems(delivery, channel) }));
  const sent = delivery.sent.filter((c) => !delivery.failedChannels.includes(c)).map((channel) => ({ channel, outcome: 'sent' as const, problems: channelProblems(delivery, channel) }));
  return [...failed, ...sent];
}

/** Problem lines that belong to no listed channel (a settings problem of a channel with nothing to send). */
export function otherDeliveryProblems(delivery: Delivery): string[] {
  const listed = [...delivery.failedChannels, ...delivery.sent];
  return delivery.problems.filter((line) => !listed.some((channel) => line.startsWith(`${channel}: `)));
}
