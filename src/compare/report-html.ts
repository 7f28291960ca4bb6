import { escapeHtml } from '../report/html/escape.ts';
import type { DayFigures, PlatformComparison } from './compare-period.ts';
import type { ComparisonVerdict } from './compare-verdict.ts';

const pct = (n: number | undefined) => (n === undefined ? '–' : `${(n * 100).toFixed(1)}%`);
const COLORS: Record<string, string> = { ga4: '#e37400', 'google-ads': '#188038', meta: '#0866ff', tiktok: '#111111' };

/**
 * The comparison's HTML report: one self-contained page, no script. Every string that came from
 * a backend or a platform (order ids, payment methods, API messages) is escaped.
 */
export function comparisonHtml(verdict: ComparisonVerdict): string {
  const comparison = verdict.comparison;
  const body = comparison
    ? [
        `<p>${escapeHtml(`${comparison.period.from} to ${comparison.period.to} (${comparison.timeZone}): ${comparison.realOrders} real orders`)}</p>`,
        totalsTable(comparison.platforms),
        `<h2>Reported / real, per day</h2>`,
        ratioChart(comparison.platforms, new Set(verdict.drops.map((d) => `${d.platform} ${d.drop.date}`))),
        findingsList(verdict),
        ...comparison.platforms.filter((p): p is Extract<PlatformComparison, { available: true }> => p.available).map((p) => dayTable(p, new Set(verdict.drops.filter((d) => d.platform === p.platform).map((d) => d.drop.date)))),
      ].join('\n')
    : `<p>${escapeHtml(verdict.summary)}</p>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(`tagwatch compare · ${verdict.monitor}`)}</title>
<style>body{font:14px/1.4 system-ui,sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th:first-child,td:first-child,td.text,th.text{text-align:left}.provisional{color:#888;font-style:italic}.drop{background:#fde0dc}svg text{font-size:11px}</style>
</head><body>
<h1>${escapeHtml(`Reported vs real · ${verdict.monitor} · ${verdict.status.toUpperCase()}`)}</h1>
<p>${escapeHtml(verdict.summary)}</p>
${body}
</body></html>
`;
}

function totalsTable(platforms: readonly PlatformComparison[]): string {
  const rows = platforms.map((p) =>
    p.available
      ? `<tr><td>${escapeHtml(p.platform)}</td><td>${p.total.reported}</td><td>${p.total.realOrders}</td><td>${pct(p.total.countRatio)}</td><td>${pct(p.total.revenueRatio)}</td><td>${p.total.missingOrders ?? '–'}</td><td class="text">${escapeHtml(p.source)}${p.unmatchedTransactions ? `; ${p.unmatchedTransactions} reported purchases match no real order (test orders, other channels, or ids the tag got wrong)` : ''}</td></tr>`
      : `<tr><td>${escapeHtml(p.platform)}</td><td colspan="6">unavailable: ${escapeHtml(p.reason)}</td></tr>`,
  );
  return `<table><thead><tr><th>platform</th><th>reported</th><th>real orders</th><th>count ratio</th><th>revenue ratio</th><th>missing orders</th><th class="text">read from</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** One line per platform of reported / real per day; provisional days drawn dashed; 100% marked. */
function ratioChart(platforms: readonly PlatformComparison[], drops: ReadonlySet<string>): string {
  const available = platforms.filter((p): p is Extract<PlatformComparison, { available: true }> => p.available);
  const days = available[0]?.days.map((d) => d.date) ?? [];
  if (days.length === 0) return '';
  const width = 900;
  const height = 260;
  const left = 40;
  const top = 10;
  const plotW = width - left - 110;
  const plotH = height - top - 30;
  const max = Math.max(1.2, ...available.flatMap((p) => p.days.map((d) => d.countRatio ?? 0)));
  const x = (i: number) => left + (days.length === 1 ? plotW / 2 : (i * plotW) / (days.length - 1));
  const y = (ratio: number) => top + plotH - (ratio / max) * plotH;
  const grid = [0, 0.5, 1].map((r) => `<line x1="${left}" x2="${left + plotW}" y1="${y(r)}" y2="${y(r)}" stroke="${r === 1 ? '#999' : '#eee'}"/><text x="4" y="${y(r) + 4}">${r * 100}%</text>`);
  const series = available.map((p, index) => {
    const color = COLORS[p.platform] ?? '#666';
    const points = p.days.flatMap((d, i) => (d.countRatio === undefined ? [] : [[x(i), y(d.countRatio), d] as const]));
    const segments = points.slice(1).map(([x2, y2, d], i) => {
      const [x1, y1] = points[i]!;
      return `<line x1="${x1.toFixed(1)}" y1="${y1.toFixed(1)}" x2="${x2.toFixed(1)}" y2="${y2.toFixed(1)}" stroke="${color}" stroke-width="2"${d.provisional ? ' stroke-dasharray="4 3"' : ''}/>`;
    });
    // A day below the platform's usual range gets a red ring.
    const dots = points.map(([cx, cy, d]) => `${drops.has(`${p.platform} ${d.date}`) ? `<circle cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="7" fill="none" stroke="#d93025" stroke-width="2"/>` : ''}<circle cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="2.5" fill="${color}"><title>${escapeHtml(`${p.platform} ${d.date}: ${d.reported} reported / ${d.realOrders} real (${pct(d.countRatio)})${d.provisional ? ', provisional' : ''}`)}</title></circle>`);
    const legend = `<text x="${left + plotW + 10}" y="${top + 14 + index * 16}" fill="${color}">${escapeHtml(p.platform)}</text>`;
    return [...segments, ...dots, legend].join('');
  });
  const labels = [0, days.length - 1].map((i) => `<text x="${x(i) - 30}" y="${height - 8}">${escapeHtml(days[i]!)}</text>`);
  return `<svg role="img" aria-label="reported / real orders per day and platform" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${grid.join('')}${series.join('')}${labels.join('')}</svg>`;
}

function findingsList(verdict: ComparisonVerdict): string {
  const items = verdict.findings.map((f) => `<li><strong>${escapeHtml(f.severity)}</strong> ${escapeHtml(f.message)}</li>`);
  const patterns = verdict.patterns.map(({ pattern }) => `<li>${escapeHtml(pattern.text)}: ${escapeHtml(pattern.missingOrderIds.join(', '))}</li>`);
  const gap = (verdict.gap?.vendors ?? []).filter((v) => v.observed).map((v) => `<li>${escapeHtml(v.summary)}</li>`);
  return [
    items.length ? `<h2>Problems</h2><ul>${items.join('')}</ul>` : '',
    patterns.length ? `<h2>What the missing orders have in common</h2><ul>${patterns.join('')}</ul>` : '',
    gap.length ? `<h2>The gap, explained by the latest audit${verdict.auditRunId ? ` (${escapeHtml(verdict.auditRunId)})` : ''}</h2><ul>${gap.join('')}</ul>` : '',
  ].join('\n');
}

function dayTable(platform: Extract<PlatformComparison, { available: true }>, dropDays: ReadonlySet<string>): string {
  const row = (d: DayFigures) =>
    `<tr class="${d.provisional ? 'provisional' : ''}${dropDays.has(d.date) ? ' drop' : ''}"><td>${escapeHtml(d.date)}</td><td>${d.reported}</td><td>${d.realOrders}</td><td>${pct(d.countRatio)}</td><td>${pct(d.revenueRatio)}</td><td>${d.missingOrderIds === undefined ? '–' : d.missingOrderIds.length}</td><td>${d.provisional ? 'provisional' : ''}</td></tr>`;
  return `<h3>${escapeHtml(platform.platform)}</h3><table><thead><tr><th>day</th><th>reported</th><th>real</th><th>count</th><th>revenue</th><th>missing</th><th></th></tr></thead><tbody>${platform.days.map(row).join('')}</tbody></table>`;
}
