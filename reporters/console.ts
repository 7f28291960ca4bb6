import { relative } from 'node:path';
import { defineReporter } from '../src/report/define-reporter.ts';
import type { Finding, OrderCleanup, RunChanges } from '../src/model/verdict.ts';
import { nothingChanged } from '../src/judge/baseline-diff.ts';
import type { Tracker } from '../src/model/tracker.ts';
import { percent, table, terminalSafe } from '../src/report/terminal-text.ts';

const TOP_FINDINGS = 10;
const TOP_TRACKERS = 20;

/** The loss table and the top findings, printed on the terminal (no file). */
export default defineReporter({
  id: 'console',
  description: 'loss table and top findings in the terminal',
  render(verdict, { runDir }) {
    const out: string[] = [];
    out.push('');
    out.push(`tagwatch ${verdict.monitor} · run ${verdict.runId} · ${verdict.status.toUpperCase()}`);
    out.push(terminalSafe(verdict.summary));
    if (!verdict.orderFree) out.push('');
    // Consent-mode pings only matter where consent was refused: the column shows up then.
    const pings = verdict.loss.some((row) => row.consentPings > 0);
    // Attribution is measured only for journeys that landed from an ad click.
    const attribution = verdict.loss.some((row) => row.attributable !== null);
    // An order-free audit (no order source) measures no loss: no table, the findings say it all.
    if (!verdict.orderFree) out.push(
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
    if (verdict.trackers?.length) out.push('', ...trackerLines(verdict.trackers));
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
    if (verdict.gap?.vendors.length) {
      out.push('');
      out.push('Gap between real orders and what each platform reports (working and sources: results.json "gap"):');
      for (const vendor of verdict.gap.vendors) out.push(`  ${terminalSafe(vendor.summary)}`);
    }
    if (verdict.changes) out.push('', ...changeLines(verdict.changes));
    if (verdict.cleanup) out.push('', cleanupLine(verdict.cleanup));
    for (const diagnostic of verdict.diagnostics) out.push(`  note: ${terminalSafe(diagnostic)}`);
    for (const problem of verdict.delivery?.problems ?? []) out.push(`  alert delivery: ${terminalSafe(problem)}`);
    out.push('');
    const shown = relative(process.cwd(), runDir);
    out.push(`Report: ${shown && !shown.startsWith('..') ? shown : runDir}/results.json`);
    return `${out.join('\n')}\n`;
  },
});

/** One line per severity, kind, vendor and condition: ten lost clicks are one problem, not ten. */
function groupFindings(findings: Finding[]): { finding: Finding; count: number }[] {
  const groups = new Map<string, { finding: Finding; count: number }>();
  for (const finding of findings) {
    // A purchase the site never pushed into the dataLayer is one problem, whichever vendors lost it.
    const vendor = finding.kind === 'datalayer-missing' ? '' : (finding.vendor ?? '');
    const key = [finding.severity, finding.kind, vendor, finding.condition ?? ''].join('|');
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { finding, count: 1 });
  }
  return [...groups.values()].sort((a, b) => rank(a.finding.severity) - rank(b.finding.severity));
}

function rank(severity: string): number {
  return severity === 'error' ? 0 : severity === 'warning' ? 1 : 2;
}

/** One line per tracker: name, category, the conditions it was seen under ("blocked" where every request was). */
function trackerLines(trackers: Tracker[]): string[] {
  const shown = trackers.slice(0, TOP_TRACKERS);
  const nameWidth = Math.max(...shown.map((t) => t.name.length));
  const categoryWidth = Math.max(...shown.map((t) => t.category.name.length));
  const lines = shown.map((tracker) => {
    const conditions = Object.entries(tracker.conditions).map(([condition, stats]) => (stats.hits > 0 && stats.blocked === stats.hits ? `${condition} (blocked)` : condition));
    return terminalSafe(`  ${tracker.name.padEnd(nameWidth)}  ${tracker.category.name.padEnd(categoryWidth)}  ${conditions.join(', ')}`);
  });
  if (trackers.length > TOP_TRACKERS) lines.push(`  ... and ${trackers.length - TOP_TRACKERS} more in results.json`);
  return [`Trackers (${trackers.length}):`, ...lines];
}

/** A few lines: what differs from the last passing run (details in results.json "changes"). */
function changeLines(changes: RunChanges): string[] {
  const head = `Since the last passing run ${changes.since.runId}:`;
  if (nothingChanged(changes)) return [`${head} no change.`];
  const lines = [head];
  for (const t of changes.trackers) lines.push(`  tracker ${t.change}: ${t.name} under ${t.condition}`);
  for (const p of changes.parameters) {
    const parts = [p.removed.length ? `no longer ${p.removed.join(', ')}` : '', p.added.length ? `now ${p.added.join(', ')}` : ''].filter(Boolean);
    lines.push(`  ${p.vendor} ${p.field} under ${p.condition}: ${parts.join('; ')}`);
  }
  for (const l of changes.loss) lines.push(`  ${l.vendor} loss under ${l.condition}: ${percent(l.before)} -> ${percent(l.after)}${l.significant ? ' (intervals apart)' : ''}`);
  for (const k of changes.newFindingKinds) lines.push(`  new finding kind: ${k.kind}${k.vendors.length ? ` (${k.vendors.join(', ')})` : ''}`);
  return lines.map(terminalSafe);
}

function cleanupLine(cleanup: OrderCleanup): string {
  const plural = cleanup.requested === 1 ? '' : 's';
  const done = `Cleanup: ${cleanup.cleaned} of ${cleanup.requested} test order${plural} cancelled in the backend`;
  return cleanup.error ? `${done}; ${terminalSafe(cleanup.error)}` : done;
}
