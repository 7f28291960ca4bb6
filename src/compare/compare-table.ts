import type { ComparisonVerdict } from './compare-verdict.ts';

const pct = (n: number | undefined) => (n === undefined ? '-' : `${(n * 100).toFixed(1)}%`);
const pad = (text: string, width: number) => text.padEnd(width);

/** The comparison as the terminal prints it: one line per platform over the period, then the days that need a look. */
export function comparisonTable(verdict: ComparisonVerdict): string {
  const lines: string[] = [`tagwatch compare · ${verdict.monitor} · ${verdict.status.toUpperCase()}`];
  const comparison = verdict.comparison;
  if (!comparison) return [...lines, verdict.summary, ''].join('\n');
  lines.push(`${comparison.period.from} to ${comparison.period.to} (${comparison.timeZone}): ${comparison.realOrders} real orders, ${comparison.realRevenue.toFixed(2)} ${comparison.currency ?? ''}`.trimEnd());
  lines.push('');
  lines.push(`${pad('platform', 12)}${pad('reported', 10)}${pad('real', 8)}${pad('count', 9)}${pad('revenue', 9)}${pad('missing', 9)}provisional`);
  for (const platform of comparison.platforms) {
    if (!platform.available) {
      lines.push(`${pad(platform.platform, 12)}unavailable: ${platform.reason}`);
      continue;
    }
    const t = platform.total;
    const provisional = platform.days.filter((d) => d.provisional).map((d) => d.date);
    lines.push(
      `${pad(platform.platform, 12)}${pad(String(t.reported), 10)}${pad(String(t.realOrders), 8)}${pad(pct(t.countRatio), 9)}${pad(pct(t.revenueRatio), 9)}${pad(t.missingOrders === undefined ? '-' : String(t.missingOrders), 9)}${provisional.length ? `${provisional.length} days (${provisional[0]} on)` : 'none'}`,
    );
  }
  for (const platform of comparison.platforms) {
    if (platform.available && platform.unmatchedTransactions) lines.push(`note  ${platform.platform}: ${platform.unmatchedTransactions} reported purchases match no real order (tagwatch's test orders, other sales channels, or ids the tag got wrong); they are in its count`);
  }
  const errors = verdict.findings.filter((f) => f.severity !== 'info');
  if (errors.length) {
    lines.push('');
    for (const finding of errors) lines.push(`${finding.severity === 'error' ? 'ERROR' : 'warn '} ${finding.message}`);
  }
  for (const { platform, pattern } of verdict.patterns) {
    if (!errors.some((f) => f.vendor === platform && f.message.includes(pattern.text))) lines.push(`note  ${pattern.text}`);
  }
  lines.push('', verdict.summary, '');
  return lines.join('\n');
}
