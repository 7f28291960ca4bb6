import type { Tracker } from '../../../model/tracker.ts';
import { escapeHtml as e } from '../escape.ts';

/** Every third party the journeys reached, named by the tracker database, with where it was blocked. */
export function trackersSection(trackers: Tracker[] | undefined): string {
  if (!trackers) return '';
  const rows = trackers.map((tracker) => {
    const conditions = Object.entries(tracker.conditions).map(([condition, stats]) => {
      const blocked = stats.hits > 0 && stats.blocked === stats.hits ? ' (blocked)' : stats.blocked > 0 ? ` (${stats.blocked} of ${stats.hits} blocked)` : '';
      return `${condition}${blocked}`;
    });
    return `<tr><td>${e(tracker.name)}${tracker.organization ? `<div class="small muted">${e(tracker.organization)}</div>` : ''}</td><td>${e(tracker.category.name)}</td><td class="mono">${e(tracker.hosts.join(', '))}</td><td>${e(conditions.join(', '))}</td><td>${e(tracker.catalogVendors.join(', ') || '—')}</td></tr>`;
  });
  return `<section class="card" id="trackers">
<h2>Trackers seen (${trackers.length})</h2>
${
  trackers.length
    ? `<div class="scroll"><table><thead><tr><th>tracker</th><th>category</th><th>hosts</th><th>conditions</th><th>decoded as</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table></div>`
    : '<p class="muted">The journeys reached no third party.</p>'
}
</section>`;
}
