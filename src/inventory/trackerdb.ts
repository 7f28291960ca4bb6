import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** What trackerdb says a request belongs to: one of its patterns, with category and company. */
export interface TrackerMatch {
  /** Pattern key: `google_analytics`. */
  key: string;
  name: string;
  category: { key: string; name: string };
  organization?: string;
}

type TrackerDbEngine = Awaited<ReturnType<typeof import('@ghostery/trackerdb').default>>;

/** Request types in the adblocker's words: script, image, xmlhttprequest, ping, ... */
export type TrackerDbRequestType = NonNullable<Parameters<TrackerDbEngine['matchUrl']>[0]['type']>;

/** A request as trackerdb matches it. */
export interface TrackerDbRequest {
  url: string;
  type: TrackerDbRequestType;
  /** The page that sent it: third-party-only patterns need it. */
  sourceUrl: string;
}

export interface TrackerDb {
  /** The first pattern matching the request (its filters first, then its host), or undefined for a host trackerdb does not know. */
  match(request: TrackerDbRequest): TrackerMatch | undefined;
  /** The registrable domain of a host (`example.co.uk`), as trackerdb's engine parses it; the host itself for an IP or a single label. */
  registrableDomain(hostname: string): string;
  /** Milliseconds spent importing the package and reading and deserializing its engine. */
  loadMs: number;
}

let loading: Promise<TrackerDb> | undefined;

/**
 * Ghostery's tracker database, loaded once per process on first use (the npm package ships its
 * ~2 MB engine: it works offline). Imported only then: the package (and the adblocker it brings)
 * takes about half a second to import, which commands that never classify should not pay. Kept
 * out of catalog/ and reconcile/, which are pure. A failed load is not cached: a later call tries again.
 */
export function loadTrackerDb(): Promise<TrackerDb> {
  loading ??= readTrackerDb().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/** Where the npm package keeps its serialized engine (its `exports` hide the file, so it is found next to the entry point). */
export function trackerDbEnginePath(): string {
  const entry = createRequire(import.meta.url).resolve('@ghostery/trackerdb');
  return join(dirname(entry), '..', 'trackerdb.engine');
}

async function readTrackerDb(): Promise<TrackerDb> {
  const started = performance.now();
  let path = '@ghostery/trackerdb';
  let trackerdb: typeof import('@ghostery/trackerdb');
  let db: TrackerDbEngine;
  try {
    trackerdb = await import('@ghostery/trackerdb');
    path = trackerDbEnginePath();
    db = await trackerdb.default(new Uint8Array(readFileSync(path)));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`The Ghostery tracker database ${path} could not be loaded (${reason}); reinstall the dependencies with \`npm ci\``);
  }
  const loadMs = performance.now() - started;
  const { AdblockerRequest } = trackerdb;
  return {
    loadMs,
    registrableDomain(hostname) {
      return AdblockerRequest.fromRawDetails({ url: `https://${hostname}/` }).domain || hostname;
    },
    match(request) {
      const [first] = db.matchUrl(request, { getDomainMetadata: true });
      if (!first) return undefined;
      const { pattern, category, organization } = first;
      return {
        key: pattern.key,
        name: pattern.name,
        category: { key: category?.key ?? pattern.category, name: category?.name ?? pattern.category },
        ...(organization?.name ? { organization: organization.name } : {}),
      };
    },
  };
}
