import type { AudienceFigure, GapExplanation, VendorGap } from '../../../model/gap.ts';
import { waterfallSteps, type WaterfallStep } from '../charts/waterfall-data.ts';
import { escapeHtml as e, webHref } from '../escape.ts';
import { percent, points } from '../format.ts';

/** Data for the waterfall charts, in the order of their `data-chart` indexes. */
export interface GapChart {
  vendor: string;
  steps: WaterfallStep[];
}

/**
 * Why each platform reports fewer conversions than real orders: per vendor a waterfall (drawn
 * by the page's script from `charts`) and the same steps as a table, readable without script.
 */
export function gapSection(gap: GapExplanation | undefined): { html: string; charts: GapChart[] } {
  if (!gap?.vendors.length) return { html: '', charts: [] };
  const charts: GapChart[] = [];
  const vendors = gap.vendors.map((vendor) => {
    const steps = waterfallSteps(vendor);
    if (!steps.length) return vendorWithoutModel(vendor);
    charts.push({ vendor: vendor.vendor, steps });
    return vendorBlock(vendor, steps, charts.length - 1);
  });
  const html = `<section class="card" id="gap">
<h2>Why platforms report fewer conversions than real orders</h2>
<p class="muted small">Each bar removes the share of real orders a cause loses (its loss under its condition, weighted by the share of visitors it concerns). Expected: what the platform should report. Unexplained: what the measured causes do not account for.</p>
<div class="gap-grid">
${vendors.join('\n')}
</div>
<details><summary class="small">How this is computed, and the audience figures used</summary>
<p class="small">${e(gap.assumptions)}</p>
${audienceList(gap.audience)}
</details>
</section>`;
  return { html, charts };
}

function vendorBlock(vendor: VendorGap, steps: WaterfallStep[], chartIndex: number): string {
  const rows = steps.map((step) => `<tr><td>${e(step.label)}</td><td class="num">${e(stepValue(step))}</td></tr>`).join('');
  const notMeasured = vendor.causes.filter((c) => !c.measured);
  return `<div class="gap-vendor">
<h3>${e(vendor.vendor)}</h3>
<p>${e(vendor.summary)}</p>
<div class="waterfall" data-chart="${chartIndex}" role="img" aria-label="${e(`Waterfall of the gap for ${vendor.vendor}`)}"></div>
<table class="steps"><thead><tr><th>step</th><th>share of real orders</th></tr></thead><tbody>${rows}</tbody></table>
${notMeasured.length ? `<p class="small muted">Not measured (inside “unexplained”): ${notMeasured.map((c) => e(c.note ?? c.label)).join('; ')}</p>` : ''}
<details><summary class="small muted">The numbers behind it</summary><p class="small muted mono">${e(vendor.working)}</p></details>
</div>`;
}

function vendorWithoutModel(vendor: VendorGap): string {
  return `<div class="gap-vendor"><h3>${e(vendor.vendor)}</h3><p>${e(vendor.summary)}</p>${vendor.reason ? `<p class="small muted">${e(vendor.reason)}</p>` : ''}</div>`;
}

function stepValue(step: WaterfallStep): string {
  if (step.kind === 'total' || step.kind === 'observed') return `${(step.to * 100).toFixed(1)}%`;
  const delta = step.to - step.from;
  return `${delta > 0 ? '+' : delta < 0 ? '−' : ''}${points(Math.abs(delta))}`;
}

function audienceList(audience: GapExplanation['audience']): string {
  const names: [keyof GapExplanation['audience'], string][] = [
    ['adBlocker', 'ad blockers'],
    ['adBlockerDesktop', 'ad blockers (desktop)'],
    ['adBlockerMobile', 'ad blockers (mobile)'],
    ['mobileShare', 'mobile visits'],
    ['consentRefusal', 'consent refusal'],
    ['crossDevice', 'cross-device purchases'],
    ['safari', 'Safari (ITP)'],
  ];
  const items = names.filter(([key]) => audience?.[key]).map(([key, name]) => `<li>${e(name)}: ${e(percent(audience[key].value))} — ${source(audience[key])}</li>`);
  return `<ul class="small">${items.join('')}</ul>`;
}

function source(figure: AudienceFigure): string {
  const text = `${figure.source}${figure.year ? ` (${figure.year})` : ''}`;
  const href = webHref(figure.url);
  return href ? `<a href="${e(href)}" rel="noreferrer noopener" target="_blank">${e(text)}</a>` : e(text);
}
