import { readdirSync, readFileSync } from 'node:fs';

/** One look at the memory of a process tree: resident set sizes in bytes, by kind of process. */
export interface RssSample {
  /** Seconds since sampling started. */
  at: number;
  /** Node processes of the tree (the audit, the Playwright runner, its workers, the site's server). */
  nodeBytes: number;
  /** Browser processes of the tree. */
  browserBytes: number;
}

/** Linux only (/proc): the bench runs here and on users' CI machines, both Linux. */
function processTable(): { pid: number; ppid: number; name: string; rssBytes: number }[] {
  const table = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The name is in parentheses and may hold spaces: the fields after the last ')' are fixed.
      const close = stat.lastIndexOf(')');
      const name = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      const rssPages = Number(fields[21]);
      table.push({ pid: Number(entry), ppid: Number(fields[1]), name, rssBytes: rssPages * 4096 });
    } catch {
      // Gone meanwhile.
    }
  }
  return table;
}

/** The RSS of `root` and every process below it, split into node and browser processes. */
export function sampleTreeRss(root: number, at: number): RssSample {
  const table = processTable();
  const children = new Map<number, number[]>();
  for (const row of table) children.set(row.ppid, [...(children.get(row.ppid) ?? []), row.pid]);
  const inTree = new Set<number>([root]);
  const queue = [root];
  while (queue.length) for (const child of children.get(queue.shift()!) ?? []) if (!inTree.has(child)) (inTree.add(child), queue.push(child));
  let nodeBytes = 0;
  let browserBytes = 0;
  for (const row of table) {
    if (!inTree.has(row.pid)) continue;
    if (/^node/.test(row.name)) nodeBytes += row.rssBytes;
    else if (/chrom/i.test(row.name)) browserBytes += row.rssBytes;
  }
  return { at, nodeBytes, browserBytes };
}

/** Samples this process's tree every `everyMs` until stopped. */
export function startRssSampling(everyMs = 1000): { stop: () => RssSample[] } {
  const samples: RssSample[] = [];
  const started = performance.now();
  const take = () => samples.push(sampleTreeRss(process.pid, (performance.now() - started) / 1000));
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      take();
      return samples;
    },
  };
}
