import type { Finding, Severity } from '../../../model/verdict.ts';
import { escapeHtml as e } from '../escape.ts';
import { journeyAnchor } from './anchors.ts';
import { keyValueList } from './key-values.ts';

const SEVERITIES: { severity: Severity; title: string }[] = [
  { severity: 'error', title: 'Errors' },
  { severity: 'warning', title: 'Warnings' },
  { severity: 'info', title: 'For information' },
];

/**
 * Findings by severity, most serious first. Findings of one kind about the same vendor and
 * condition are one problem: the first is shown, the others folded under it.
 */
export function findingsSection(findings: Finding[]): string {
  const groups = SEVERITIES.map(({ severity, title }) => {
    const ofSeverity = findings.filter((f) => f.severity === severity);
    if (!ofSeverity.length) return '';
    const items = [...groupAlike(ofSeverity).values()].map(findingItem).join('\n');
    return `<h3 class="sev-${severity}">${title} (${ofSeverity.length})</h3>\n<ul class="findings">\n${items}\n</ul>`;
  }).join('\n');
  return `<section class="card" id="findings">
<h2>Findings</h2>
${findings.length ? groups : '<p class="muted">No finding: every expected tag reached its vendor for every real order.</p>'}
</section>`;
}

function groupAlike(findings: Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const key = [finding.kind, finding.vendor ?? '', finding.condition ?? ''].join('\u0000');
    groups.set(key, [...(groups.get(key) ?? []), finding]);
  }
  return groups;
}

function findingItem(alike: Finding[]): string {
  const [first, ...more] = alike as [Finding, ...Finding[]];
  const folded = more.length
    ? `<details><summary class="small">and ${more.length} more like it</summary>${more.map((f) => `<div class="finding-more">${findingBody(f)}</div>`).join('')}</details>`
    : '';
  return `<li class="finding sev-${first.severity}"><span class="kind">${e(first.kind)}</span> ${findingBody(first)}${folded}</li>`;
}

function findingBody(finding: Finding): string {
  const about = [
    finding.vendor && `vendor ${e(finding.vendor)}`,
    finding.condition && `condition ${e(finding.condition)}`,
    finding.journeyId && `journey <a href="#${journeyAnchor(finding.journeyId)}">${e(finding.journeyId)}</a>`,
    finding.orderId && `order ${e(finding.orderId)}`,
  ].filter(Boolean);
  return `<span class="message">${e(finding.message)}</span>${about.length ? `<div class="small muted">${about.join(' · ')}</div>` : ''}${keyValueList(finding.evidence)}`;
}
