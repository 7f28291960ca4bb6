import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cycles, importEdges, sourceFiles, type ImportEdge } from './imports.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const FILES = sourceFiles(ROOT, ['src', 'reporters', 'monitors', 'scenarios']);
const EDGES = importEdges(ROOT, [...FILES, 'playwright.config.ts']);

/** A file's floor: its folder under src/ (src/catalog), or its top folder (reporters). */
function folderOf(file: string): string {
  return file.startsWith('src/') ? file.split('/').slice(0, 2).join('/').replace(/\.ts$/, '') : file.split('/')[0]!;
}

function folderEdges(edges: ImportEdge[]): ImportEdge[] {
  const seen = new Map<string, ImportEdge>();
  for (const edge of edges) {
    const from = folderOf(edge.from);
    const to = folderOf(edge.to);
    if (from !== to) seen.set(`${from} ${to}`, { from, to, typeOnly: edge.typeOnly });
  }
  return [...seen.values()];
}

describe('the house (imports between the files of src/, reporters/, monitors/, scenarios/)', () => {
  it('finds the imports it checks', () => {
    expect(FILES.length).toBeGreaterThan(200);
    expect(EDGES).toContainEqual({ from: 'src/audit/run-audit.ts', to: 'src/audit/finish-run.ts', typeOnly: false });
    expect(EDGES).toContainEqual({ from: 'src/judge/judge.ts', to: 'src/record/run-record.ts', typeOnly: true });
  });

  it('has no import cycle between files, types included', () => {
    expect(cycles(EDGES)).toEqual([]);
  });

  it('has no file under src/ importing from reporters/ or tests/', () => {
    expect(EDGES.filter((e) => e.from.startsWith('src/') && /^(reporters|tests)\//.test(e.to))).toEqual([]);
  });

  it('has floors: at run time no folder reaches back to one that depends on it (the folders form no cycle)', () => {
    expect(cycles(folderEdges(EDGES.filter((e) => !e.typeOnly)))).toEqual([]);
  });

  it('keeps the pure floors pure: model, catalog, reconcile and judge import no I/O stage', () => {
    const io = /^src\/(audit|capture|publish|cli|schedule|storage|site|setup|demo-shop|init|bench|record|report)\b/;
    const offending = EDGES.filter((e) => !e.typeOnly && /^src\/(model|catalog|reconcile|judge)\//.test(e.from) && io.test(e.to) && !e.from.startsWith('src/judge/judge-run-folder.ts'));
    expect(offending).toEqual([]);
    expect(EDGES.filter((e) => e.from.startsWith('src/model/') && !e.to.startsWith('src/model/'))).toEqual([]);
  });
});
