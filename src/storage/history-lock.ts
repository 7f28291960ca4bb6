import { randomUUID } from 'node:crypto';
import { linkSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { HistoryError } from './history-data.ts';
import { processAlive } from '../process/process-tree.ts';

/** What a lock file holds: who holds it, since when. */
export interface LockOwner {
  pid: number;
  host: string;
  /** ISO time the lock was taken. */
  time: string;
  /** Tells this holder's lock from a later one by the same process. */
  token: string;
}

export interface LockOptions {
  /** How long to wait for another writer before giving up. Default 30 s. */
  waitMs?: number;
  /** A lock older than this is abandoned, whatever its pid. Default 60 s: an update takes well under a second. */
  staleMs?: number;
}

/** The history could not be locked in time: another writer holds it. */
export class HistoryLockedError extends HistoryError {
  constructor(message: string) {
    super(message);
    this.name = 'HistoryLockedError';
  }
}

const DEFAULT_WAIT_MS = 30_000;
const DEFAULT_STALE_MS = 60_000;

/**
 * Runs `fn` while holding `lockFile`, the one-writer lock of the history. The lock is an
 * exclusive create; a lock whose process is gone (same host) or older than `staleMs` is taken
 * over. Waits at most `waitMs`, then throws HistoryLockedError naming the lock file and its holder.
 */
export async function withLock<T>(lockFile: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const owner = await acquire(lockFile, options.waitMs ?? DEFAULT_WAIT_MS, options.staleMs ?? DEFAULT_STALE_MS);
  try {
    return await fn();
  } finally {
    release(lockFile, owner);
  }
}

async function acquire(lockFile: string, waitMs: number, staleMs: number): Promise<LockOwner> {
  const owner: LockOwner = { pid: process.pid, host: hostname(), time: '', token: randomUUID() };
  const deadline = Date.now() + waitMs;
  for (;;) {
    owner.time = new Date().toISOString();
    try {
      writeFileSync(lockFile, JSON.stringify(owner), { flag: 'wx' });
      return owner;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(lockFile);
    if (holder && isStale(holder, staleMs)) {
      takeOver(lockFile, holder);
      continue;
    }
    if (Date.now() >= deadline) {
      const who = holder?.owner ? `process ${holder.owner.pid} on ${holder.owner.host} since ${holder.owner.time}` : 'another process';
      throw new HistoryLockedError(
        `the run history is locked by ${who} (lock file ${lockFile}); waited ${Math.round(waitMs / 1000)} s. If no other tagwatch is running, delete the lock file.`,
      );
    }
    // Jitter: two waiting writers should not retry in step.
    await sleep(20 + Math.random() * 60);
  }
}

interface Holder {
  /** Undefined while its writer has created the file but not yet written it, or when it is garbage. */
  owner?: LockOwner;
  text: string;
  mtimeMs: number;
}

function readHolder(lockFile: string): Holder | undefined {
  try {
    const text = readFileSync(lockFile, 'utf8');
    const { mtimeMs } = statSync(lockFile);
    let owner: LockOwner | undefined;
    try {
      const parsed = JSON.parse(text) as Partial<LockOwner>;
      if (typeof parsed.pid === 'number' && typeof parsed.time === 'string') owner = parsed as LockOwner;
    } catch {
      owner = undefined;
    }
    return { owner, text, mtimeMs };
  } catch (error) {
    // Released between our create and our read: try again.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function isStale(holder: Holder, staleMs: number): boolean {
  const since = holder.owner ? Date.parse(holder.owner.time) : holder.mtimeMs;
  if (!Number.isFinite(since) || Date.now() - since > staleMs) return true;
  // Another host's pid means nothing here: only age tells.
  return holder.owner !== undefined && holder.owner.host === hostname() && !processAlive(holder.owner.pid);
}

/**
 * Moves the stale lock out of the way with a rename, which only one of several waiting writers
 * wins. If what was moved is no longer the lock judged stale (a writer took the lock in between),
 * it is put back, unless yet another writer holds the lock by then.
 */
function takeOver(lockFile: string, stale: Holder): void {
  const aside = `${lockFile}.stale-${process.pid}-${randomUUID()}`;
  try {
    renameSync(lockFile, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    if (readFileSync(aside, 'utf8') !== stale.text) linkSync(aside, lockFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(aside);
  }
}

function release(lockFile: string, owner: LockOwner): void {
  try {
    // Taken over as stale while we were slow: the lock is someone else's now, leave it.
    if (readHolder(lockFile)?.owner?.token !== owner.token) return;
    unlinkSync(lockFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
