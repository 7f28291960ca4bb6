import { existsSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadMonitor } from '../monitor/load-monitor.ts';
import { redactUrls } from '../record/redact-url.ts';
import { readRunLog, RunLogWriter } from '../record/run-log.ts';
import { RUN_SETTINGS_FILE, writeRunSettings } from '../record/run-settings.ts';
import type { ObservedFigure } from '../model/gap.ts';
import type { RunEvent } from '../model/run-event.ts';
import { UserError } from '../user-error.ts';
import { finishRun, type AuditResult } from './finish-run.ts';
import { conditionFactsOf } from './condition-facts.ts';
import { checkObservedVendors } from './observed-figures.ts';
import { defaultMonitorFiles } from './project-monitors.ts';
import { resolveMonitor, type ResolvedMonitor } from './resolve-monitor.ts';
import { copyArtifacts, inside, readShardFolder, type ShardFolder } from './shard-folder.ts';

export interface MergeOptions {
  /** The run folders `tagwatch audit --shard i/n` wrote, one per shard. */
  shardDirs: string[];
  /**
   * The monitor file the shards ran, from the project that merges. Default: the project's
   * monitors/*.monitor.ts named as the shards say (its only one, or the demo shop's outside a project).
   */
  monitorFile?: string;
  /** Parent folder of the merged run folder. Default ./reports. */
  outDir?: string;
  write?: (text: string) => void;
  observed?: ObservedFigure[];
}

/**
 * The verdict of a sharded run: checks the folders are every shard of one run, merges their run
 * logs into `<out>/<runId>/`, then decodes, fetches the run's orders and reconciles as `audit` does.
 *
 * Shard folders come from other CI jobs, while the merge job holds the order source's credentials
 * and the alert tokens: every file of a shard folder is checked (shard-folder.ts), and the
 * monitor the merge works with (order source, credentials, notifications, plugins) is the
 * project's own, resolved as `tagwatch audit` does. A shard whose monitor differs from it in
 * those is refused, so no shard folder can choose where a credential is sent.
 */
export async function mergeShards(options: MergeOptions): Promise<AuditResult> {
  const write = options.write ?? ((text: string) => process.stdout.write(text));
  const shards = checkShards(options.shardDirs.map(readShardFolder));
  const [first] = shards as [ShardFolder, ...ShardFolder[]];
  const { runId } = first.manifest;
  const outDir = resolve(options.outDir ?? 'reports');
  const runDir = inside(outDir, runId);
  if (existsSync(runDir) && readdirSync(runDir).length > 0) {
    throw new UserError(`${runDir} already exists: run ${runId} was merged before. Remove that folder or pass another --out.`);
  }
  const { monitor, projectDir, plan, conditions, orderSource } = await projectMonitor(first, options.monitorFile);
  checkObservedVendors(options.observed, Object.keys(monitor.expect));
  // Every run log read and checked before anything is written.
  const logs = shards.map(({ dir }) => {
    const { events, problems } = readRunLog(dir);
    return { events: journeyEvents(events, dir), problems };
  });
  mkdirSync(runDir, { recursive: true });

  const diagnostics: string[] = [];
  const startedAt = new Date(Math.min(...shards.map((s) => Date.parse(s.manifest.startedAt))));
  const finishedAt = new Date(Math.max(...shards.map((s) => Date.parse(s.manifest.finishedAt))));
  const baseUrl = first.manifest.baseUrl;
  const log = new RunLogWriter(runDir);
  log.write({ type: 'run-start', time: startedAt.toISOString(), runId, monitor: monitor.name, baseUrl, conditions: monitor.conditions, repeat: monitor.repeat });
  const seen = new Map<string, string>();
  shards.forEach(({ dir, manifest }, index) => {
    const label = `shard ${manifest.shard.current}/${manifest.shard.total}`;
    const { events, problems } = logs[index]!;
    diagnostics.push(...problems.map((p) => `${label}: ${p}`));
    const part = new RunLogWriter(runDir, `shard-${manifest.shard.current}`);
    for (const event of events) {
      if (event.type === 'journey-start') {
        const other = seen.get(event.journeyId);
        if (other) throw new UserError(`Journey ${event.journeyId} is in ${other} and in ${dir}: the shards did not split the same run (same monitor and --shard total?).`);
        seen.set(event.journeyId, dir);
      }
      part.write(event);
    }
    // Screenshots of failed journeys stay findable next to the merged verdict, where the events
    // say they are (artifacts/<journeyId>/: journey ids are unique across shards, so shards'
    // folders do not meet; a file two shards both hold is kept from the first).
    const artifacts = join(dir, 'artifacts');
    if (existsSync(artifacts) || isLink(artifacts)) {
      const skipped = copyArtifacts(artifacts, inside(runDir, 'artifacts'));
      diagnostics.push(...skipped.map((line) => `${label}: ${line}`));
    }
  });
  const runnerExitCode = shards.find((s) => s.manifest.runnerExitCode !== 0)?.manifest.runnerExitCode ?? 0;
  log.write({ type: 'run-end', time: finishedAt.toISOString(), runId, runnerExitCode });
  writeRunSettings({
    runId,
    runDir,
    baseUrl,
    monitor,
    projectDir,
    plan,
    capture: first.settings.capture,
    conditionFacts: conditionFactsOf(conditions),
    ...(options.observed?.length ? { observed: options.observed } : {}),
  });

  const siteProblem = shards.find((s) => s.manifest.siteProblem)?.manifest.siteProblem;
  write(`tagwatch: merged ${shards.length} shard(s) of run ${runId} (${seen.size} journeys) into ${runDir}\n`);
  return finishRun({ runDir, outDir, monitor, orderSource, runId, startedAt, siteProblem, diagnostics, write });
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * The monitor of the project that merges, with the shards' command-line choices (conditions,
 * repeat, variants, workers, the site they audited) applied as `tagwatch audit` applies them;
 * refused when the shards' monitor differs from it where a credential or a notification goes.
 */
async function projectMonitor(first: ShardFolder, monitorFile: string | undefined): Promise<ResolvedMonitor> {
  const shardMonitor = first.settings.monitor;
  const file = monitorFile ?? (await projectMonitorFile(shardMonitor.name));
  const resolved = await resolveMonitor(file, {
    conditions: shardMonitor.conditions,
    repeat: shardMonitor.repeat,
    variants: shardMonitor.variants,
    workers: shardMonitor.browser.workers,
    baseUrl: first.manifest.baseUrl,
  });
  const settingsFile = join(first.dir, RUN_SETTINGS_FILE);
  for (const field of TRUSTED_FIELDS) {
    const where = firstDifference(redactUrls(shardMonitor[field]), redactUrls(resolved.monitor[field]), [field]);
    if (where) {
      throw new UserError(
        `${settingsFile}: monitor.${where} differs from the project's monitor ${resolved.file}: merge reads orders and notifies only as the project's own monitor says (order source, credentials, alerts), never as a shard folder says; merge with the monitor file the shards ran (--monitor <file>), or run the shards again.`,
      );
    }
  }
  return resolved;
}

/**
 * What a shard folder must agree on with the project's monitor: which monitor it is, where orders
 * are read and with which credential variable, who is notified with which token, and the stamp
 * the orders are found by. The merge uses the project's values for all of them.
 */
const TRUSTED_FIELDS = ['name', 'orders', 'alerts', 'stampEmail'] as const;

/** The first path (dotted) where `a` and `b` differ, or undefined when they are equal as JSON. */
function firstDifference(a: unknown, b: unknown, path: string[]): string | undefined {
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const key of keys) {
      const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], [...path, key]);
      if (found) return found;
    }
    return undefined;
  }
  return JSON.stringify(a) === JSON.stringify(b) ? undefined : path.join('.');
}

/** Without --monitor: the project's monitor named as the shards' (its only one, or the demo shop's outside a project). */
async function projectMonitorFile(name: string): Promise<string> {
  const { files, fromProject } = defaultMonitorFiles();
  if (!fromProject || files.length === 1) return files[0]!;
  const named: string[] = [];
  for (const file of files) if ((await loadMonitor(file)).name === name) named.push(file);
  if (named.length === 1) return named[0]!;
  throw new UserError(`The shards ran monitor '${name}', and ${named.length ? `${named.length} of this project's monitors have that name` : `none of this project's monitors (${files.join(', ')}) has that name`}: pass the monitor file the shards ran with --monitor <file>.`);
}

/**
 * A shard's events without its own run-start/run-end (the merged run log has one of each). An
 * event is an object with a type and a time; a journey id is a plain name (it names artifact
 * folders): anything else is refused, naming the folder.
 */
function journeyEvents(events: RunEvent[], dir: string): RunEvent[] {
  for (const event of events as unknown[]) {
    const { type, time, journeyId } = (event ?? {}) as { type?: unknown; time?: unknown; journeyId?: unknown };
    if (typeof type !== 'string' || typeof time !== 'string' || Number.isNaN(Date.parse(time)) || (journeyId !== undefined && (typeof journeyId !== 'string' || !/^[\w.@+=,-]{1,200}$/.test(journeyId) || journeyId.includes('..')))) {
      throw new UserError(`${dir}: run-log*.ndjson: an event that tagwatch does not write (each line an object with type, an ISO time and a plain journeyId): copy the shard folder as \`tagwatch audit --shard i/n\` wrote it.`);
    }
  }
  return events.filter((e) => e.type !== 'run-start' && e.type !== 'run-end');
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
