import { relative } from 'node:path';
import { defineReporter } from '../src/report/define-reporter.ts';
import type { Finding } from '../src/model/verdict.ts';
import { percent, table, terminalSafe } from '../src/report/terminal-text.ts';

const TOP_FINDINGS = 10;

/** The loss table and the top findings, in the terminal. */
export default defineReporter({
  id: 'console',
  description: 'loss table and top findings in the terminal',
  onVerdict(verdict, { write, runDir }) {
    const out: string[] = [];
    out.push('');
    out.push(`tagwatch ${verdict.monitor} · run ${verdict.runId} · ${verdict.status.toUpperCase()}`);
    out.push(terminalSafe(verdict.summary));
    out.push('');
    // Consent-mode pings only matter where consent was refused: the column shows up then.
    const pings = verdict.loss.some((row) => row.consentPings > 0);
    // Attribution is measured only for journeys that landed from an ad click.
    const attribution = verdict.loss.some((row) => row.attributable !== null);
    out.push(
      table(
        ['vendor', 'condition', 'orders', 'tracked', 'lost', 'dup', 'loss', '95% CI', ...(pings ? ['pings'] : []), ...(attribution ? ['attributable'] : [])],
        verdict.loss.map((row) => [
          row.vendor,
          row.condition,
          String(row.orders ?? '—'),
          String(row.tracked ?? '—'),
          String(row.lost ?? '—'),
          String(row.duplicated),
          percent(row.lossRate),
          row.ci95 ? `${percent(row.ci95[0])}–${percent(row.ci95[1])}` : '—',
          ...(pings ? [String(row.consentPings)] : []),
          ...(attribution ? [row.attributable === null ? '—' : String(row.attributable)] : []),
        ]),
      ),
    );
    const groups = groupFindings(verdict.findings);
    if (groups.length) {
      out.push('');
      out.push(`Findings (${verdict.findings.length}):`);
      for (const { finding, count } of groups.slice(0, TOP_FINDINGS)) {
        const more = count > 1 ? ` (and ${count - 1} more like it)` : '';
        out.push(`  ${finding.severity.toUpperCase().padEnd(7)} ${finding.kind}: ${terminalSafe(finding.message)}${more}`);
      }
      if (groups.length > TOP_FINDINGS) out.push(`  ... and ${groups.length - TOP_FINDINGS} more kinds in results.json`);
    }
    for (const diagnostic of verdict.diagnostics) out.push(`  note: ${terminalSafe(diagnostic)}`);
    out.push('');
    const shown = relative(process.cwd(), runDir);
    out.push(`Report: ${shown && !shown.startsWith('..') ? shown : runDir}/results.json`);
    write(`${out.join('\n')}\n`);
  },
});

/** One line per severity, kind, vendor and condition: ten lost clicks are one problem, not ten. */
function groupFindings(findings: Finding[]): { finding: Finding; count: number }[] {
  const groups = new Map<string, { finding: Finding; count: number }>();
  for (const finding of findings) {
    const key = [finding.severity, finding.kind, finding.vendor ?? '', finding.condition ?? ''].join('|');
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { finding, count: 1 });
  }
  return [...groups.values()].sort((a, b) => rank(a.finding.severity) - rank(b.finding.severity));
}

function rank(severity: string): number {
  return severity === 'error' ? 0 : severity === 'warning' ? 1 : 2;
}
