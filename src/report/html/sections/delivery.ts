import type { Verdict } from '../../../model/verdict.ts';
import { deliveryChannels, otherDeliveryProblems } from '../../delivery.ts';
import { escapeHtml as e } from '../escape.ts';

/**
 * What the alert policy decided and how the alert went out: each channel sent or failed, with
 * its reason, and the notifiers' other problems (a Slack token missing on a quiet run). Empty
 * when the run has neither a decision nor a delivery record (older results, release checks).
 */
export function deliverySection(verdict: Pick<Verdict, 'alert' | 'delivery'>): string {
  const { alert, delivery } = verdict;
  if (!alert && !delivery) return '';
  const decision = alert
    ? `<p id="alert-decision">${alert.alert ? `<strong>${e(alert.alert.kind)} alert</strong>: ${e(alert.alert.headline)}. ` : 'No alert. '}<span class="muted">${e(alert.reason)}</span></p>`
    : '';
  const channels = delivery ? deliveryChannels(delivery) : [];
  const list = channels.length
    ? `<ul class="channels">${channels
        .map(({ channel, outcome, problems }) => {
          const word = outcome === 'failed' ? '<span class="sev-error">not delivered</span>' : '<span class="sev-ok">sent</span>';
          const why = problems.length ? `: <span class="mono">${e(problems.join('; '))}</span>` : '';
          return `<li class="channel ${outcome}" data-channel="${e(channel)}"><strong>${e(channel)}</strong> ${word}${why}</li>`;
        })
        .join('')}</ul>`
    : '';
  const others = delivery ? otherDeliveryProblems(delivery) : [];
  const problems = others.length ? `<h3>Notifier problems</h3><ul class="small mono">${others.map((p) => `<li>${e(p)}</li>`).join('')}</ul>` : '';
  const none = delivery && !channels.length && !others.length && alert?.alert ? '<p class="muted small">No alert channel is set up for this monitor.</p>' : '';
  return `<section class="card" id="delivery">
<h2>Alert</h2>
${decision}${list}${problems}${none}
</section>`;
}

/** One line under the verdict when the alert missed a channel: people may not have been told. */
export function deliveryWarning(verdict: Pick<Verdict, 'delivery'>): string {
  const failed = verdict.delivery?.failedChannels ?? [];
  if (!failed.length) return '';
  const reached = verdict.delivery!.sent.length ? '' : ': this alert reached no one';
  return `<p class="delivery-warning sev-error" id="delivery-warning">Alert not delivered via ${e(failed.join(' and '))}${reached}. <a href="#delivery">Why</a></p>`;
}
