import { defineReporter } from '../src/report/define-reporter.ts';

/** results.json: the whole verdict, delivery included; the run folder's record of the run (and the history's input). */
export default defineReporter({
  id: 'json',
  order: 0,
  file: 'results.json',
  description: 'results.json in reports/<runId>/ and reports/latest/: the whole verdict',
  render: (verdict) => `${JSON.stringify(verdict, null, 2)}\n`,
});
