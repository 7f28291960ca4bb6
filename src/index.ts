// Public API of the package: what monitor, scenario and plugin files import from 'tagwatch'.

// Monitors: one file per audited site, in the project's monitors/.
export { defineMonitor } from './monitor/define-monitor.ts';
export type { Monitor, MonitorInput } from './monitor/schema.ts';

// Scenarios: Playwright's test with tagwatch's fixtures (journey, variant, newDevice).
export { test, expect } from './capture/fixtures.ts';
export type { DeviceName } from './capture/fixtures.ts';
export type { Journey, AdNetwork } from './capture/journey.ts';
export type { ConsentResult } from './capture/consent-banner.ts';

// Plugins: the project's own vendors, conditions, order sources and reporters.
export { defineCondition } from './conditions/define-condition.ts';
export type { ConditionDefinition, ConsentChoice, RequestBlocker, RequestToBlock, BlockDecision } from './conditions/define-condition.ts';
export { defineVendor, decodeRequest, matchVendor, loadVendors } from './catalog/index.ts';
export type { VendorDefinition } from './catalog/index.ts';
export { defineOrderSource, BackendUnreachableError } from './orders/define-order-source.ts';
export type { OrderSourceDefinition, OrderSourceContext, OrderQuery } from './orders/define-order-source.ts';
export { defineReporter, NotificationError } from './report/define-reporter.ts';
export type { ReporterDefinition, ReportContext, NotifyContext, NotifyResult } from './report/define-reporter.ts';

// Programmatic use (src/programmatic.ts: the audit, the report and the judge load when called).
export { reconcile } from './reconcile/reconcile.ts';
export { runAudit, reportRun, judgeRunFolder } from './programmatic.ts';
export type { AuditOptions, AuditResult } from './audit/run-audit.ts';
export type * from './model/index.ts';
