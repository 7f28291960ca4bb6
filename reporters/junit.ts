import { defineReporter } from '../src/report/define-reporter.ts';
import { buildJunit } from '../src/report/junit/build-junit.ts';

/** junit.xml, for CI test dashboards: loss per vendor x condition, error findings, failed alert channels. */
export default defineReporter({
  id: 'junit',
  order: 10,
  file: 'junit.xml',
  description: 'junit.xml (one testcase per vendor x condition, per error finding and per failed alert channel) in reports/<runId>/ and reports/latest/',
  render: (verdict, { monitor }) => buildJunit({ verdict, expect: monitor.expect }),
});
