import type { OrderCleanup } from '../../../model/verdict.ts';
import { escapeHtml as e } from '../escape.ts';

/** What happened to the test orders, and the run's diagnostics (plugin failures, unreadable lines). */
export function runNotesSection(cleanup: OrderCleanup | undefined, diagnostics: string[]): string {
  if (!cleanup && !diagnostics.length) return '';
  return `<section class="card" id="notes">
<h2>Run notes</h2>
${cleanup ? `<p id="cleanup">${cleanupLine(cleanup)}</p>` : ''}
${diagnostics.length ? `<h3>Diagnostics</h3><ul class="small mono">${diagnostics.map((d) => `<li>${e(d)}</li>`).join('')}</ul>` : ''}
</section>`;
}

function cleanupLine(cleanup: OrderCleanup): string {
  const done = `Cleanup: ${cleanup.cleaned} of ${cleanup.requested} test order${cleanup.requested === 1 ? '' : 's'} cancelled in the backend`;
  return e(cleanup.error ? `${done}; ${cleanup.error}` : `${done}.`);
}
