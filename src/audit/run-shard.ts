import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { RunLogWriter } from '../record/run-log.ts';
import { writeRunSettings } from '../record/run-settings.ts';
import { UserError } from '../user-error.ts';
import { mergeRunLog } from './finalize-run.ts';
import { resolveMonitor } from './resolve-monitor.ts';
import type { AuditOptions } from './run-audit.ts';
import { runJourneys } from './run-journeys.ts';
import { runIdProblem, shardFolderName, writeShardManifest, type Shard } from './shard.ts';
import { checkSiteReachable } from '../site/site-check.ts';
import { defaultMonitorFiles } from './project-monitors.ts';

export interface ShardOptions extends Omit<AuditOptions, 'observed' | 'webServerEnv'> {
  shard: Shard;
  /** The id every shard of the run shares: it goes on each test order, and the merge finds them by it. */
  runId: string;
}

export interface ShardResult {
  runDir: string;
  /** Journeys this shard ran. */
  journeys: number;
  /** 0 once the shard's folder is written, whatever its journeys did: the verdict is the merge's. */
  exitCode: 0;
}

/**
 * Runs one shard's share of the journeys (Playwright's sharding) into `<out>/<runId>.shard-i-of-n`
 * and stops there: no verdict, since the orders of the other shards are not known here.
 * `tagwatch merge` reconciles the shards' run logs together.
 */
export async function runShard(options: ShardOptions): Promise<ShardResult> {
  const write = options.write ?? ((text: string) => process.stdout.write(text));
  const problem = runIdProblem(options.runId);
  if (problem) throw new UserError(`--run-id / TAGWATCH_RUN_ID: ${problem}`);
  const { monitor, file, conditions, projectDir, plan } = await resolveMonitor(options.monitorFile ?? onlyProjectMonitor(), options);
  if (monitor.site.webServer) {
    throw new UserError(
      `Sharding needs one site every shard reaches: monitor ${file} starts its own (site.webServer), so each shard would audit a site of its own with orders the others never see.\n` +
        'Start the site once where every shard reaches it and pass --base-url <url> (or a monitor with site.baseUrl and no webServer). For the demo shop:\n' +
        'run `tagwatch demo-shop --port 4173` once, and use a monitor with orders.url pointing at it (see docs/sharding.md).',
    );
  }
  const baseUrl = monitor.site.baseUrl;
  for (const condition of conditions) await condition.createBlocker?.(monitor);
  const startedAt = new Date();
  const { runId, shard } = options;
  const outDir = resolve(options.outDir ?? 'reports');
  const runDir = join(outDir, shardFolderName(runId, shard));
  if (existsSync(runDir) && readdirSync(runDir).length > 0) {
    throw new UserError(`${runDir} already exists: shard ${shard.current}/${shard.total} of run ${runId} ran before. Give every run a new --run-id, or pass another --out.`);
  }
  mkdirSync(runDir, { recursive: true });
  const log = new RunLogWriter(runDir);
  log.write({ type: 'run-start', time: startedAt.toISOString(), runId, monitor: monitor.name, baseUrl, conditions: monitor.conditions, repeat: monitor.repeat });
  const capture = options.capture !== false;
  writeRunSettings({ runId, runDir, baseUrl, monitor, projectDir, plan, capture, shard });

  const siteProblem = await checkSiteReachable(baseUrl);
  let runnerExitCode = 0;
  if (!siteProblem) {
    write(`tagwatch: auditing ${monitor.name} at ${baseUrl}, shard ${shard.current}/${shard.total} of run ${runId}\n`);
    runnerExitCode = await runJourneys({ runDir, projectDir, headed: options.headed, write });
  } else {
    write(`tagwatch: ${baseUrl} could not be reached (${siteProblem}): shard ${shard.current}/${shard.total} ran no journey\n`);
  }
  const finishedAt = new Date();
  log.write({ type: 'run-end', time: finishedAt.toISOString(), runId, runnerExitCode });
  const { events } = mergeRunLog(runDir);
  const journeys = events.filter((e) => e.type === 'journey-start').length;
  writeShardManifest(runDir, {
    runId,
    shard,
    monitor: monitor.name,
    baseUrl,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    runnerExitCode,
    ...(siteProblem ? { siteProblem } : {}),
  });
  const shown = relative(process.cwd(), runDir) || runDir;
  write(`shard ${shard.current}/${shard.total}: ${journeys} journey(s) in ${shown}${runnerExitCode ? ` (journey runner exit code ${runnerExitCode})` : ''}\n`);
  write(`No verdict from one shard: once every shard is done, run \`tagwatch merge <all ${shard.total} shard folders>\`.\n`);
  return { runDir, journeys, exitCode: 0 };
}

/** Shards split one monitor's journeys: without a file, the project's only monitor (or the demo shop's). */
function onlyProjectMonitor(): string {
  const { files } = defaultMonitorFiles();
  if (files.length > 1) throw new UserError(`--shard splits one monitor's journeys, and this project has ${files.length}: name the one to shard (tagwatch audit monitors/<name>.monitor.ts --shard i/n ...).`);
  return files[0]!;
}
