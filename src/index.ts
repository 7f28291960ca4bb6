// Public API of the package: what monitor, scenario and plugin files import from 'tagwatch'.
import type { AuditOptions, AuditResult } from './audit/run-audit.ts';
import type { RunRecord } from './record/run-record.ts';
import type { Verdict } from './model/index.ts';

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

// Programmatic use. The audit, the report and the judge load when called: every scenario file and
// monitor imports this module (in the audit's process, Playwright's runner and each worker), and
// none of them needs those.
export { reconcile } from './reconcile/reconcile.ts';
export type { AuditOptions, AuditResult } from './audit/run-audit.ts';

/** One audit of a monitor, as `tagwatch audit` runs it (src/audit/run-audit.ts). */
export async function runAudit(options?: AuditOptions): Promise<AuditResult> {
  return (await import('./audit/run-audit.ts')).runAudit(options);
}

/** A recorded run folder judged again and its reports written, as `tagwatch report` does (src/audit/report-run.ts). */
export async function reportRun(runDir: string, options?: { write?: (text: string) => void }): Promise<AuditResult> {
  return (await import('./audit/report-run.ts')).reportRun(runDir, options);
}

/** The verdict of a recorded run folder, nothing written (src/judge/judge-run-folder.ts). */
export async function judgeRunFolder(runDir: string): Promise<{ verdict: Verdict; record: RunRecord }> {
  return (await import('./judge/judge-run-folder.ts')).judgeRunFolder(runDir);
}
export type * from './model/index.ts';
