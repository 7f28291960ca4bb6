import { z } from 'zod';
import type { MonitorState, StoredRun } from '../judge/stored-run.ts';

/** Bumped when the file's shape changes in a way older readers would misread. */
export const HISTORY_VERSION = 1;

/** The whole history file. */
export interface HistoryData {
  version: number;
  /** Oldest first, by startedAt. */
  runs: StoredRun[];
  /** Per monitor name, what the alert policy remembers (`compareAlert`: for `tagwatch compare`, apart from the audits'). */
  monitors: Record<string, { alert?: MonitorState; compareAlert?: MonitorState }>;
  /**
   * `tagwatch compare`'s daily figures, per monitor, platform and day: the latest read of each day
   * (a provisional day is replaced when read again). Absent in histories from before it.
   */
  reported?: Record<string, Record<string, Record<string, ReportedDay>>>;
}

/** One platform's day as the history keeps it. */
export interface ReportedDay {
  reported: number;
  realOrders: number;
  /** reported / real orders; absent on a day without orders. */
  ratio?: number;
  revenueRatio?: number;
  provisional: boolean;
  /** Which comparison read it last. */
  runId: string;
  readAt: string;
}

/** The history could not be used: unreadable file, newer format, lock not obtained. */
export class HistoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HistoryError';
  }
}

export function emptyHistory(): HistoryData {
  return { version: HISTORY_VERSION, runs: [], monitors: {} };
}

const status = z.enum(['pass', 'fail', 'inconclusive']);

// What queries and the history command read, checked shallowly: a deep check of every finding
// and fingerprint would cost a second per open at 10,000 runs. Other fields pass through.
const storedRun = z.looseObject({
  runId: z.string(),
  monitor: z.string(),
  startedAt: z.string(),
  status,
  loss: z.array(z.looseObject({ vendor: z.string(), condition: z.string(), lossRate: z.number().nullable(), overThreshold: z.boolean() })),
  findings: z.array(z.unknown()),
  coverage: z.record(z.string(), z.unknown()),
  fingerprint: z.record(z.string(), z.unknown()),
});

const monitorState = z.looseObject({ lastStatus: status, consecutiveFailures: z.number() });

const historyFile = z.looseObject({
  version: z.literal(HISTORY_VERSION),
  runs: z.array(storedRun),
  monitors: z.record(z.string(), z.looseObject({ alert: monitorState.optional() })),
});

/**
 * Why parsed file content is not a history this version can use: `corrupt` (move it aside and
 * start again) or `newer` (written by a newer tagwatch: leave it alone). Undefined when it is fine.
 */
export function historyProblem(data: unknown): { kind: 'corrupt' | 'newer'; message: string } | undefined {
  const version = (data as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > HISTORY_VERSION) {
    return { kind: 'newer', message: `it was written by a newer tagwatch (history version ${version}, this one reads ${HISTORY_VERSION}): upgrade tagwatch` };
  }
  const parsed = historyFile.safeParse(data);
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0]!;
  return { kind: 'corrupt', message: `field ${issue.path.map(String).join('.') || '(root)'}: ${issue.message}` };
}
