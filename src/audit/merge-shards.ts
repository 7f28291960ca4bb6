import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readRunLog, RunLogWriter } from '../record/run-log.ts';
import { RUN_SETTINGS_FILE, writeRunSettings, type RunSettings } from '../record/run-settings.ts';
import { loadProjectPlugins } from '../project/plugins.ts';
import type { ObservedFigure } from '../model/gap.ts';
import type { RunEvent } from '../model/run-event.ts';
import { UserError } from '../user-error.ts';
import { finishRun, type AuditResult } from './finish-run.ts';
import { checkObservedVendors } from './observed-figures.ts';
import { readShardManifest, SHARD_FILE, type ShardManifest } from './shard.ts';

export interface MergeOptions {
  /** The run folders `tagwatch audit --shard i/n` wrote, one per shard. */
  shardDirs: string[];
  /** Parent folder of the merged run folder. Default ./reports. */
  outDir?: string;
  write?: (text: string) => void;
  observed?: ObservedFigure[];
}

interface ShardFolder {
  dir: string;
  manifest: ShardManifest;
  settings: RunSettings;
}

/**
 * The verdict of a sharded run: checks the folders are every shard of one run, merges their run
 * logs into `<out>/<runId>/`, then decodes, fetches the run's orders and reconciles as `audit` does.
 */
export async function mergeShards(options: MergeOptions): Promise<AuditResult> {
  const write = options.write ?? ((text: string) => process.stdout.write(text));
  const shards = checkShards(options.shardDirs.map(readShardFolder));
  const [first] = shards as [ShardFolder, ...ShardFolder[]];
  const { runId } = first.manifest;
  const { monitor } = first.settings;
  checkObservedVendors(options.observed, Object.keys(monitor.expect));
  const { plugins: sources } = await loadProjectPlugins('orderSources', monitor.plugins);
  const orderSource = sources.find((s) => s.id === monitor.orders.source);
  if (!orderSource) throw new UserError(`${join(first.dir, RUN_SETTINGS_FILE)}: order source '${monitor.orders.source}' is not known to this tagwatch (known: ${sources.map((s) => s.id).join(', ')}). Merge where the monitor's plugins are, with the tagwatch version the shards ran.`);

  const outDir = resolve(options.outDir ?? 'reports');
  const runDir = join(outDir, runId);
  if (existsSync(runDir) && readdirSync(runDir).length > 0) {
    throw new UserError(`${runDir} already exists: run ${runId} was merged before. Remove that folder or pass another --out.`);
  }
  mkdirSync(runDir, { recursive: true });

  const diagnostics: string[] = [];
  const startedAt = new Date(Math.min(...shards.map((s) => Date.parse(s.manifest.startedAt))));
  const finishedAt = new Date(Math.max(...shards.map((s) => Date.parse(s.manifest.finishedAt))));
  const baseUrl = first.manifest.baseUrl;
  const log = new RunLogWriter(runDir);
  log.write({ type: 'run-start', time: startedAt.toISOString(), runId, monitor: monitor.name, baseUrl, conditions: monitor.conditions, repeat: monitor.repeat });
  const seen = new Map<string, string>();
  for (const { dir, manifest } of shards) {
    const label = `shard ${manifest.shard.current}/${manifest.shard.total}`;
    const { events, problems } = readRunLog(dir);
    diagnostics.push(...problems.map((p) => `${label}: ${p}`));
    const part = new RunLogWriter(runDir, `shard-${manifest.shard.current}`);
    for (const event of journeyEvents(events)) {
      if (event.type === 'journey-start') {
        const other = seen.get(event.journeyId);
        if (other) throw new UserError(`Journey ${event.journeyId} is in ${other} and in ${dir}: the shards did not split the same run (same monitor and --shard total?).`);
        seen.set(event.journeyId, dir);
      }
      part.write(event);
    }
    // Screenshots of failed journeys stay findable next to the merged verdict.
    const artifacts = join(dir, 'artifacts');
    if (existsSync(artifacts)) cpSync(artifacts, join(runDir, 'artifacts', `shard-${manifest.shard.current}-of-${manifest.shard.total}`), { recursive: true });
  }
  const runnerExitCode = shards.find((s) => s.manifest.runnerExitCode !== 0)?.manifest.runnerExitCode ?? 0;
  log.write({ type: 'run-end', time: finishedAt.toISOString(), runId, runnerExitCode });
  const { shard: _shard, ...settings } = first.settings;
  writeRunSettings({ ...settings, runId, runDir, baseUrl, monitor, ...(options.observed?.length ? { observed: options.observed } : {}) });

  const siteProblem = shards.find((s) => s.manifest.siteProblem)?.manifest.siteProblem;
  write(`tagwatch: merged ${shards.length} shard(s) of run ${runId} (${seen.size} journeys) into ${runDir}\n`);
  return finishRun({ runDir, outDir, monitor, orderSource, runId, startedAt, siteProblem, diagnostics, write });
}

/** A shard's events without its own run-start/run-end: the merged run log has one of each. */
function journeyEvents(events: RunEvent[]): RunEvent[] {
  return events.filter((e) => e.type !== 'run-start' && e.type !== 'run-end');
}

function readShardFolder(path: string): ShardFolder {
  const dir = resolve(path);
  if (!existsSync(dir)) throw new UserError(`Shard folder ${dir} does not exist: pass the run folders \`tagwatch audit --shard i/n\` wrote (reports/<runId>.shard-i-of-n).`);
  const manifest = readShardManifest(dir);
  if (!manifest) {
    const hint = existsSync(join(dir, 'results.json'))
      ? 'it is the folder of a whole audit, which has its verdict already'
      : 'no shard.json: not written by `tagwatch audit --shard i/n`, or that shard did not finish';
    throw new UserError(`${dir} is not a finished shard folder (${hint}).`);
  }
  const settingsFile = join(dir, RUN_SETTINGS_FILE);
  if (!existsSync(settingsFile)) throw new UserError(`${dir} has ${SHARD_FILE} but no ${RUN_SETTINGS_FILE}: copy the whole shard folder.`);
  return { dir, manifest, settings: JSON.parse(readFileSync(settingsFile, 'utf8')) as RunSettings };
}

/** Every shard of one run, each once, with the same monitor and site; shard order 1..n. */
function checkShards(shards: ShardFolder[]): ShardFolder[] {
  if (shards.length === 0) throw new UserError('Nothing to merge: pass the shard folders, e.g. tagwatch merge reports/<runId>.shard-1-of-2 reports/<runId>.shard-2-of-2');
  const runIds = [...new Set(shards.map((s) => s.manifest.runId))];
  if (runIds.length > 1) {
    throw new UserError(`These shards belong to different runs: ${shards.map((s) => `${s.dir} (run ${s.manifest.runId})`).join(', ')}.\nMerge the shards of one run: each was started with the same --run-id.`);
  }
  const first = shards[0]!;
  const { runId } = first.manifest;
  const totals = [...new Set(shards.map((s) => s.manifest.shard.total))];
  if (totals.length > 1) throw new UserError(`The shards of run ${runId} were split differently (--shard .../${totals.join(' and .../')}): run every shard with the same total.`);
  const total = totals[0]!;
  const byShard = new Map<number, ShardFolder>();
  for (const shard of shards) {
    const twice = byShard.get(shard.manifest.shard.current);
    if (twice) throw new UserError(`Shard ${shard.manifest.shard.current}/${total} of run ${runId} was passed twice: ${twice.dir} and ${shard.dir}.`);
    byShard.set(shard.manifest.shard.current, shard);
  }
  const missing = Array.from({ length: total }, (_, i) => i + 1).filter((n) => !byShard.has(n));
  if (missing.length) {
    throw new UserError(
      `Run ${runId} has ${total} shards, and ${missing.map((n) => `${n}/${total}`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing: ` +
        `one shard cannot be reconciled alone (the other shards' orders would read as lost). Pass every shard's folder: tagwatch merge <shard 1> ... <shard ${total}>.`,
    );
  }
  for (const shard of shards) {
    if (JSON.stringify(shard.settings.monitor) !== JSON.stringify(first.settings.monitor)) {
      throw new UserError(`${shard.dir} ran another monitor configuration than ${first.dir}: every shard of run ${runId} must run the same monitor file and options.`);
    }
    if (shard.manifest.baseUrl !== first.manifest.baseUrl) {
      throw new UserError(`${shard.dir} audited ${shard.manifest.baseUrl}, ${first.dir} audited ${first.manifest.baseUrl}: every shard of run ${runId} must audit the same site.`);
    }
  }
  return [...byShard.keys()].sort((a, b) => a - b).map((n) => byShard.get(n)!);
}
