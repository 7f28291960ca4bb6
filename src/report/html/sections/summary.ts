import type { Verdict } from '../../../model/verdict.ts';
import { escapeHtml as e } from '../escape.ts';
import { dateTime, duration, plural } from '../format.ts';

/** The top of the report: the verdict in one sentence, then what was run and when. */
export function summarySection(verdict: Verdict): string {
  const failed = verdict.journeys.filter((j) => j.status !== 'passed').length;
  const bySeverity = (severity: string) => verdict.findings.filter((f) => f.severity === severity).length;
  const took = duration(verdict.startedAt, verdict.finishedAt);
  const facts = [
    `Site <span class="mono">${e(verdict.baseUrl)}</span>`,
    `Run <span class="mono">${e(verdict.runId)}</span>`,
    `${e(dateTime(verdict.startedAt))}${took ? ` · ${e(took)}` : ''}`,
    `${e(plural(verdict.journeys.length, 'journey'))}${failed ? `, <span class="sev-error">${failed} did not pass</span>` : ''}`,
    `${e(plural(verdict.findings.length, 'finding'))} (${bySeverity('error')} errors, ${bySeverity('warning')} warnings, ${bySeverity('info')} info)`,
  ];
  return `<header class="card-top">
<h1>Tag audit: ${e(verdict.monitor)} <span class="pill status-${e(statusClass(verdict.status))}">${e(verdict.status)}</span></h1>
<p class="verdict-sentence" id="verdict">${e(verdict.summary)}</p>
<ul class="facts">${facts.map((fact) => `<li>${fact}</li>`).join('')}</ul>
</header>`;
}

/** Status words become class names: only known ones, anything else is shown as inconclusive. */
export function statusClass(status: string): string {
  return ['pass', 'fail', 'inconclusive', 'passed', 'failed', 'site-unreachable', 'incomplete'].includes(status) ? status : 'inconclusive';
}
