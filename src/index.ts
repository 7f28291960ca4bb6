// Public API of the package: what monitor, scenario and plugin files import from 'tagwatch'.
export { defineMonitor } from './monitor/define-monitor.ts';
export type { Monitor, MonitorInput } from './monitor/schema.ts';
export { defineCondition } from './conditions/define-condition.ts';
export type { ConditionDefinition, ConsentChoice } from './conditions/define-condition.ts';
export { defineVendor, decodeRequest, matchVendor, loadVendors } from './catalog/index.ts';
export type { VendorDefinition } from './catalog/index.ts';
export { defineOrderSource, BackendUnreachableError } from './orders/define-order-source.ts';
export type { OrderSourceDefinition, OrderQuery } from './orders/define-order-source.ts';
export { defineReporter } from './report/define-reporter.ts';
export type { ReporterDefinition, ReportContext } from './report/define-reporter.ts';
export { reconcile } from './reconcile/reconcile.ts';
export { runAudit } from './audit/run-audit.ts';
export type * from './model/index.ts';
