import type { Finding } from '../model/verdict.ts';

/** Error findings grouped by kind, vendor and condition, most frequent first: ten lost orders are one problem. */
export function topErrorFindings(findings: Finding[], limit: number): { finding: Finding; count: number }[] {
  const groups = new Map<string, { finding: Finding; count: number }>();
  for (const finding of findings.filter((f) => f.severity === 'error')) {
    const key = [finding.kind, finding.vendor ?? '', finding.condition ?? ''].join('|');
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { finding, count: 1 });
  }
  return [...groups.values()].sort((a, b) => b.count - a.count).slice(0, limit);
}
