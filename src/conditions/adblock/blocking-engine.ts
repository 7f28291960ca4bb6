import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FiltersEngine, Request } from '@ghostery/adblocker';
import type { BlockDecision, RequestBlocker, RequestToBlock } from '../define-condition.ts';
import type { FilterList } from './filter-lists.ts';
import { filterRequestType } from '../../browser/filter-request-type.ts';


export interface LoadedEngine {
  blocker: RequestBlocker;
  /** Whether the compiled engine came from the cache (fast) or was parsed now (~1-2 s). */
  fromCache: boolean;
}

/**
 * A real blocking engine (@ghostery/adblocker, the one Ghostery ships) on real lists. Parsing
 * EasyList + EasyPrivacy takes ~1.7 s; the serialized engine loads in ~65 ms, so it is cached
 * under a hash of the lists' text: a list update rebuilds it, nothing else does.
 */
export function loadBlockingEngine(lists: FilterList[], cacheDir: string): LoadedEngine {
  const hash = createHash('sha256');
  for (const list of lists) hash.update(list.label).update('\0').update(list.text).update('\0');
  const cachePath = join(cacheDir, 'engines', `adblock-${hash.digest('hex').slice(0, 16)}.bin`);
  let engine: FiltersEngine | undefined;
  let fromCache = false;
  if (existsSync(cachePath)) {
    try {
      engine = FiltersEngine.deserialize(new Uint8Array(readFileSync(cachePath)));
      fromCache = true;
    } catch {
      // A cache written by another library version: rebuild it below.
    }
  }
  if (!engine) {
    engine = FiltersEngine.parse(lists.map((l) => l.text).join('\n'), { loadCosmeticFilters: false, debug: true });
    mkdirSync(join(cacheDir, 'engines'), { recursive: true });
    writeFileSync(`${cachePath}.tmp`, engine.serialize());
    renameSync(`${cachePath}.tmp`, cachePath);
  }
  return { blocker: new EngineBlocker(engine, lists), fromCache };
}

class EngineBlocker implements RequestBlocker {
  /** Rule text -> list label, built on first use: findings say which list blocked a tag. */
  private ruleLists: Map<string, string> | undefined;

  constructor(
    private readonly engine: FiltersEngine,
    private readonly lists: FilterList[],
  ) {}

  match(request: RequestToBlock): BlockDecision | undefined {
    const type = filterRequestType(request.resourceType, 'main_frame');
    const result = this.engine.match(
      Request.fromRawDetails({ url: request.url, type: type as 'other', sourceUrl: request.sourceUrl ?? '' }),
    );
    if (!result.match || result.exception) return undefined;
    const rule = result.filter?.toString() ?? '(unknown rule)';
    return { rule, list: this.listOf(rule) };
  }

  private listOf(rule: string): string | undefined {
    if (!this.ruleLists) {
      this.ruleLists = new Map();
      for (const list of this.lists) {
        for (const line of list.text.split('\n')) {
          const trimmed = line.trim();
          if (trimmed && !this.ruleLists.has(trimmed)) this.ruleLists.set(trimmed, list.label);
        }
      }
    }
    // The engine may print a rule normalised ("<+>" joins merged rules): try the first part too.
    return this.ruleLists.get(rule) ?? this.ruleLists.get(rule.split(' <+> ')[0] ?? '');
  }
}
