import { defineReporter } from '../src/report/define-reporter.ts';
import { renderReport } from '../src/report/html/page.ts';

/**
 * report.html: one self-contained page a marketer can open, mail or attach (the verdict, loss
 * heatmap, gap waterfall, findings, how the alert went out, journeys). Failed journeys'
 * screenshots, which the capture left in the run folder, are embedded.
 */
export default defineReporter({
  id: 'html',
  order: 10,
  file: 'report.html',
  description: 'report.html in reports/<runId>/ (and reports/latest/): verdict, loss heatmap, gap waterfall, findings, alert delivery, journeys',
  render: (verdict, { runDir, monitor }) => renderReport(verdict, { runDir, lateHitSeconds: monitor.timing?.lateHitSeconds }),
});
