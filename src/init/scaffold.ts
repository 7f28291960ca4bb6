import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { created, kept, type FileOutcome } from './file-outcome.ts';
import { ensureScripts } from './package-json-file.ts';
import { writeNewFile } from './write-new-file.ts';
import { consentAuditMonitorTemplate, CONSENT_PAGES_SCENARIO_NAME } from './templates/consent-audit-monitor.ts';
import { CONSENT_PAGES_SCENARIO } from './templates/consent-pages-scenario.ts';
import { CROSS_DEVICE_SCENARIO } from './templates/cross-device-scenario.ts';
import { DEMO_CROSS_DEVICE_SCENARIO, DEMO_PURCHASE_SCENARIO } from './templates/demo-scenarios.ts';
import { GITIGNORE, GITIGNORE_ENTRIES } from './templates/gitignore.ts';
import { demoMonitorTemplate, monitorTemplate, ORDERS_TOKEN_ENV } from './templates/monitor.ts';
import { PURCHASE_SCENARIO } from './templates/purchase-scenario.ts';
import { TAGWATCH_SCRIPTS } from './templates/scripts.ts';
import { workflowTemplate } from './templates/workflow.ts';

/**
 * What to scaffold: a monitor of the shop at `baseUrl`, of the embedded demo shop, or a consent
 * audit of `pages` (paths) on the site at `baseUrl` (an origin), without orders.
 */
export interface ScaffoldPlan {
  projectDir: string;
  monitorName: string;
  shop: { demo: true } | { demo: false; baseUrl: string } | ConsentAuditPlan;
}

export interface ConsentAuditPlan {
  consentAudit: true;
  baseUrl: string;
  pages: string[];
}

export interface ScaffoldResult {
  monitorFile: string;
  scenarioFiles: string[];
  /** Env variables the monitor reads its secrets from: the next steps say to set them. */
  secretEnv: string[];
  files: FileOutcome[];
  /** tagwatch is a dependency of the project already. */
  hasTagwatch: boolean;
}

export const PURCHASE_FILE = 'scenarios/purchase.scenario.ts';
export const CROSS_DEVICE_FILE = 'scenarios/cross-device-purchase.scenario.ts';
export const CONSENT_PAGES_FILE = `scenarios/${CONSENT_PAGES_SCENARIO_NAME}.scenario.ts`;
export const WORKFLOW_FILE = '.github/workflows/tagwatch.yml';

/** Writes every file of a new tagwatch project that is not there yet; never overwrites one. */
export async function scaffold(plan: ScaffoldPlan): Promise<ScaffoldResult> {
  const { projectDir, monitorName, shop } = plan;
  const monitorFile = `monitors/${monitorName}.monitor.ts`;
  const files: FileOutcome[] = [];
  const write = async (path: string, content: string): Promise<void> => {
    files.push((await writeNewFile(projectDir, path, content)) === 'created' ? created(path) : kept(path));
  };

  let scenarioFiles: string[];
  let secretEnv: string[];
  if ('consentAudit' in shop) {
    // Pages only: no purchase, no orders backend, so no secret.
    secretEnv = [];
    scenarioFiles = [CONSENT_PAGES_FILE];
    await write(monitorFile, consentAuditMonitorTemplate({ name: monitorName, baseUrl: shop.baseUrl, pages: shop.pages }));
    await write(CONSENT_PAGES_FILE, CONSENT_PAGES_SCENARIO);
  } else {
    secretEnv = shop.demo ? [] : [ORDERS_TOKEN_ENV];
    scenarioFiles = [PURCHASE_FILE, CROSS_DEVICE_FILE];
    await write(monitorFile, shop.demo ? demoMonitorTemplate({ name: monitorName }) : monitorTemplate({ name: monitorName, baseUrl: shop.baseUrl }));
    await write(PURCHASE_FILE, shop.demo ? DEMO_PURCHASE_SCENARIO : PURCHASE_SCENARIO);
    await write(CROSS_DEVICE_FILE, shop.demo ? DEMO_CROSS_DEVICE_SCENARIO : CROSS_DEVICE_SCENARIO);
  }
  const packageJson = await ensureScripts(projectDir, TAGWATCH_SCRIPTS);
  files.push(packageJson);
  await write(WORKFLOW_FILE, workflowTemplate({ monitorFile, secretEnv, orderFree: 'consentAudit' in shop }));
  files.push(await ensureGitignore(projectDir));

  return { monitorFile, scenarioFiles, secretEnv, files, hasTagwatch: packageJson.hasTagwatch };
}

/** A .gitignore when the project has none; an existing one is only checked for tagwatch's output folders. */
async function ensureGitignore(projectDir: string): Promise<FileOutcome> {
  if ((await writeNewFile(projectDir, '.gitignore', GITIGNORE)) === 'created') return created('.gitignore');
  const lines = new Set((await readFile(join(projectDir, '.gitignore'), 'utf8')).split(/\r?\n/).map((line) => line.trim().replace(/^\//, '')));
  const missing = GITIGNORE_ENTRIES.filter((entry) => !lines.has(entry) && !lines.has(entry.slice(0, -1)));
  return kept('.gitignore', missing.length ? `exists; add ${missing.join(' and ')} to it` : 'exists');
}
