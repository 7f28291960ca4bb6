import type { Finding, JourneyResult, LossRow } from '../../../model/verdict.ts';
import { escapeHtml as e } from '../escape.ts';
import { interval, percent } from '../format.ts';
import { HEAT_COLOURS, heatClass } from '../heat-scale.ts';

/**
 * The loss table as a vendor × condition heatmap: each cell coloured by its loss rate, with the
 * rate, its 95% interval, the counts and the cause (below, and on hover); '—' where nothing
 * was measured.
 */
export function lossMatrixSection(loss: LossRow[], journeys: JourneyResult[], findings: Finding[]): string {
  const vendors = unique(loss.map((row) => row.vendor));
  const conditions = unique(loss.map((row) => row.condition));
  const rowFor = (vendor: string, condition: string) => loss.find((row) => row.vendor === vendor && row.condition === condition);
  const body = vendors
    .map((vendor) => {
      const cells = conditions.map((condition) => {
        const row = rowFor(vendor, condition);
        return cell(row, causesOf(journeys, vendor, condition), row && lossFlag(row, findings));
      });
      return `<tr><th scope="row">${e(vendor)}</th>${cells.join('')}</tr>`;
    })
    .join('\n');
  const table = vendors.length
    ? `<div class="scroll"><table class="heatmap" id="loss-matrix">
<thead><tr><th>vendor \\ condition</th>${conditions.map((c) => `<th scope="col">${e(c)}</th>`).join('')}</tr></thead>
<tbody>
${body}
</tbody></table></div>`
    : '<p class="muted">No vendor was expected, so no loss was measured.</p>';
  return `<section class="card" id="loss">
<h2>Lost purchases per vendor and condition</h2>
<p class="muted small">Share of the real test orders (found in the shop's backend) whose purchase the vendor never received, with its 95% interval: with few orders per cell the interval is wide. — : not measured.</p>
${table}
${legend()}
</section>`;
}

function cell(row: LossRow | undefined, causes: string[], verdictWords: string | undefined): string {
  if (!row || row.lossRate === null || row.orders === null) {
    const why = 'Not measured: no real order reached the backend for this condition (failed journeys, or the backend could not be read).';
    return `<td class="cell heat-none" data-rate="" title="${e(why)}"><span class="rate">—</span><span class="count">not measured</span></td>`;
  }
  const counts = [`lost ${row.lost ?? 0} of ${row.orders}`];
  if (row.duplicated > 0) counts.push(`${row.duplicated} duplicated`);
  if (row.consentPings > 0) counts.push(`${row.consentPings} as consent pings`);
  if (row.attributable !== null) counts.push(`${row.attributable} keep the ad click`);
  const hover = [`${percent(row.lossRate)} lost (95% interval ${interval(row.ci95)}), ${counts.join(', ')}`, ...causes].join('\n');
  const flag = verdictWords ? `<span class="flag">${e(verdictWords)}</span>` : '';
  const cause = causes.length ? `<span class="cause">${e(causes[0])}${causes.length > 1 ? ` (+${causes.length - 1} more)` : ''}</span>` : '';
  return `<td class="cell ${heatClass(row.lossRate)}" data-rate="${e(row.lossRate)}" title="${e(hover)}"><span class="rate">${e(percent(row.lossRate))}</span><span class="ci">95%: ${e(interval(row.ci95))}</span><span class="count">${e(counts.join(' · '))}</span>${flag}${cause}</td>`;
}

/** Why the vendor lost purchases under the condition, from the journeys that lost them. */
function causesOf(journeys: JourneyResult[], vendor: string, condition: string): string[] {
  const lost = journeys.filter((j) => j.condition === condition && j.vendors[vendor] === 'lost');
  return unique(lost.map((j) => j.lossCauses[vendor] ?? 'no purchase hit was sent'));
}

/** What the loss finding's severity means for the cell (reconcile: over the threshold, within it, or what the condition measures). */
const LOSS_VERDICTS: Record<string, string> = { error: 'above threshold', warning: 'within threshold', info: 'expected under this condition' };

/**
 * The cell's verdict: over its threshold as the judge set it on the row; within it, or expected
 * under a condition that measures loss (the loss finding is then info). Older results, without
 * `overThreshold`, go by the loss finding's severity alone.
 */
function lossFlag(row: LossRow, findings: Finding[]): string | undefined {
  if (row.overThreshold === true) return LOSS_VERDICTS.error;
  const finding = findings.find((f) => (f.kind === 'tag-missing' || f.kind === 'tag-blocked') && f.vendor === row.vendor && f.condition === row.condition);
  const severity = finding && Object.hasOwn(LOSS_VERDICTS, finding.severity) ? finding.severity : undefined;
  if (row.overThreshold === undefined) return severity && LOSS_VERDICTS[severity];
  if (severity === 'info') return LOSS_VERDICTS.info;
  return row.lossRate ? LOSS_VERDICTS.warning : undefined;
}

function legend(): string {
  const swatches = HEAT_COLOURS.map((_, step) => `<span class="swatch heat-${step}" title="${step * 10}%"></span>`).join('');
  return `<div class="legend" aria-hidden="true"><span>0% lost</span>${swatches}<span>100% lost</span><span class="swatch heat-none"></span><span>not measured</span></div>`;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
