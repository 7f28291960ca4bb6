import type { JourneyHit, JourneyResult } from '../../../model/verdict.ts';
import { escapeHtml as e } from '../escape.ts';
import { clockTime, money, plural } from '../format.ts';
import { journeyAnchor } from './anchors.ts';
import { artifactsBlock, MAX_INLINE_SCREENSHOTS } from './artifacts.ts';
import { DEFAULT_LATE_HIT_SECONDS, hitTimingCell, isLateHit } from './hit-timing.ts';
import { keyValueList } from './key-values.ts';
import { statusClass } from './summary.ts';

/**
 * One block per journey: its outcome per vendor, and the timeline of the tag hits it fired
 * (time, when a purchase hit was sent after the confirmation page loaded and after the order,
 * late ones marked past `lateHitSeconds`, vendor, event and its line in a batched request, what
 * became of the request with the list line that blocked it, the purchase's id and value), each
 * hit's decoded parameters folded. Journeys that did not pass are open, with their screenshot,
 * trace and HAR.
 */
export function journeysSection(journeys: JourneyResult[], runDir: string | undefined, lateHitSeconds = DEFAULT_LATE_HIT_SECONDS): string {
  const budget = { left: MAX_INLINE_SCREENSHOTS };
  const blocks = journeys.map((journey) => journeyBlock(journey, runDir, budget, lateHitSeconds));
  return `<section class="card" id="journeys">
<h2>Journeys (${journeys.length})</h2>
${blocks.length ? blocks.join('\n') : '<p class="muted">No journey ran.</p>'}
</section>`;
}

function journeyBlock(journey: JourneyResult, runDir: string | undefined, budget: { left: number }, lateHitSeconds: number): string {
  const passed = journey.status === 'passed';
  const outcomes = Object.entries(journey.vendors)
    .map(([vendor, outcome]) => `<span class="outcome ${outcome === 'lost' ? 'lost' : outcome === 'tracked' ? 'tracked' : ''}">${e(vendor)}: ${e(outcome)}</span>`)
    .join(' ');
  const facts = [
    `${e(journey.scenario)} under ${e(journey.condition)}, repeat ${e(journey.repeat)}`,
    journey.orderId ? `order ${e(journey.orderId)}${journey.orderInBackend === false ? ' (not in the backend)' : ''}` : 'no order placed',
    journey.consent ? `consent: ${e(journey.consent)}${consentHow(journey)}` : '',
    journey.attempt ? `attempt ${e(journey.attempt)}` : '',
    journey.supersededBy ? `retried as <a href="#${journeyAnchor(journey.supersededBy)}">${e(journey.supersededBy)}</a> (not measured)` : '',
    e(plural(journey.hits.length, 'hit')),
  ].filter(Boolean);
  return `<details class="journey" id="${journeyAnchor(journey.journeyId)}"${passed ? '' : ' open'}>
<summary><strong class="mono">${e(journey.journeyId)}</strong> <span class="pill status-${statusClass(journey.status)}">${e(journey.status)}</span> <span class="small muted">${facts.join(' · ')}</span> ${outcomes}</summary>
<div class="body">
${journey.error ? `<pre class="error">${e(journey.error)}</pre>` : ''}
${artifactsBlock(journey.artifacts, runDir, budget)}
${consentAnswers(journey)}
${lossCauses(journey)}
${timeline(journey.hits, lateHitSeconds)}
</div>
</details>`;
}

/** Who answered the banner the journey's consent outcome comes from, and which consent manager it was: " by fallback, Klaro". */
function consentHow(journey: JourneyResult): string {
  const answer = journey.consentAnswers?.find((a) => a.outcome === journey.consent);
  if (!answer) return '';
  const parts = [answer.method && answer.method !== 'none' ? `by ${answer.method}` : '', answer.cmp ?? ''].filter(Boolean);
  return parts.length ? ` (${e(parts.join(', '))})` : '';
}

/**
 * Each banner the journey met, when one says more than its outcome: what was clicked, or why
 * tagwatch could not answer it (shown first thing in a journey that failed on it).
 */
function consentAnswers(journey: JourneyResult): string {
  const told = (journey.consentAnswers ?? []).filter((a) => a.detail);
  if (!told.length) return '';
  const items = told.map((a) => {
    const who = [a.method && a.method !== 'none' ? a.method : '', a.cmp ?? ''].filter(Boolean).join(', ');
    return `<li${a.outcome === 'not-handled' ? ' class="lost"' : ''}><strong>${e(a.outcome)}</strong>${who ? ` (${e(who)})` : ''}: ${e(a.detail!)}</li>`;
  });
  return `<div class="small consent-answers">Consent banner${told.length === 1 ? '' : 's'}:<ul>${items.join('')}</ul></div>`;
}

function lossCauses(journey: JourneyResult): string {
  const causes = Object.entries(journey.lossCauses);
  if (!causes.length) return '';
  return `<p class="small">Lost: ${causes.map(([vendor, cause]) => `<strong>${e(vendor)}</strong> ${e(cause)}`).join('; ')}</p>`;
}

function timeline(hits: JourneyHit[], lateHitSeconds: number): string {
  if (!hits.length) return '<p class="muted small">No tag hit fired.</p>';
  const rows = hits.map((hit) => {
    const classes = [hit.status === 'blocked' ? 'blocked' : '', hit.kind === 'purchase' ? 'purchase' : '', isLateHit(hit, lateHitSeconds) ? 'late' : ''].filter(Boolean).join(' ');
    return `<tr${classes ? ` class="${classes}"` : ''}><td class="mono" title="${e(hit.time)}">${e(clockTime(hit.time))}</td><td class="timing">${hitTimingCell(hit, lateHitSeconds)}</td><td>${e(hit.vendor)}</td><td class="event">${e(hit.eventName)}${batchLine(hit)}</td><td>${hitStatus(hit)}</td><td class="mono">${e(hit.transactionId ?? '')}</td><td>${e(money(hit.value, hit.currency))}</td><td>${parameters(hit)}</td></tr>`;
  });
  return `<div class="scroll"><table class="timeline"><thead><tr><th>time (UTC)</th><th>sent</th><th>vendor</th><th>event</th><th>request</th><th>transaction</th><th>value</th><th>decoded</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table></div>`;
}

/** Which event of a batched request this is (GA4 sends several per request). */
function batchLine(hit: JourneyHit): string {
  return typeof hit.line === 'number' ? `<div class="small muted">${e(`line ${hit.line} of a batched request`)}</div>` : '';
}

/** "blocked by EasyPrivacy line 10503: ||facebook.com/tr/": the rule as the list writes it, where to find it. */
function hitStatus(hit: JourneyHit): string {
  if (hit.status !== 'blocked') return e(hit.status);
  if (!hit.rule) return '<span class="sev-error">blocked</span>';
  const where = [hit.filterList ? ` ${e(hit.filterList)}` : '', typeof hit.filterLine === 'number' ? ` line ${e(hit.filterLine)}` : ''].join('');
  return `<span class="sev-error">blocked</span> by${where || ' rule'}: <span class="mono rule">${e(hit.rule)}</span>`;
}

function parameters(hit: JourneyHit): string {
  const params = hit.params ?? {};
  const count = Object.keys(params).length;
  // The query is among the decoded parameters: shown once, it keeps a long run's report small.
  const url = count && hit.url.includes('?') ? `${hit.url.slice(0, hit.url.indexOf('?'))}?…` : hit.url;
  return `<details><summary>${count ? plural(count, 'parameter') : 'request'}</summary>${keyValueList({ url, ...(hit.account ? { account: hit.account } : {}), ...(hit.eventId ? { 'event id': hit.eventId } : {}) })}${keyValueList(params)}</details>`;
}
