import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ts from 'typescript';
import { createVitest, type Vitest } from 'vitest/node';

/**
 * The test layers of vitest.config.ts (`npm run test:unit`, `test:cli`, `test:browser`, `test:e2e`), as
 * Vitest itself resolves them: every test file runs in exactly one layer, and the unit layer, the
 * one to run after every change, starts no browser.
 */
const ROOT = resolve(import.meta.dirname, '..', '..');

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : testFiles(path);
    return entry.name.endsWith('.test.ts') ? [relative(ROOT, path)] : [];
  });
}

const PLAYWRIGHT = new Set(['playwright', 'playwright/test', 'playwright-core', '@playwright/test']);

/** What a file imports at run time (type-only imports left out): static, re-exported and dynamic `import()` specifiers. */
function runtimeImports(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const specifiers: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && !node.importClause?.isTypeOnly) specifiers.push(node.moduleSpecifier.text);
    if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier) && !node.isTypeOnly) specifiers.push(node.moduleSpecifier.text);
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) specifiers.push(node.arguments[0].text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specifiers;
}

/** What in this file starts a browser: Playwright's API imported (a value, not a type), a browser type launched, tagwatch's journeys run in Playwright Test. */
function browserMarkers(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const found: string[] = [];
  if (runtimeImports(file, text).some((specifier) => PLAYWRIGHT.has(specifier))) found.push('imports Playwright');
  if (/\b(chromium|firefox|webkit|browserType)\s*\.\s*(launch|launchPersistentContext|launchServer|connectOverCDP)\s*\(/.test(text)) found.push('launches a browser');
  if (/spawn\([\s\S]{0,300}playwright\.config/.test(text)) found.push("runs tagwatch's journeys (playwright.config.ts) in Playwright Test");
  return found;
}

/** The file and the test helpers it imports from tests/, transitively. */
function withTestHelpers(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file)) return [];
  seen.add(file);
  const helpers = runtimeImports(file, readFileSync(join(ROOT, file), 'utf8'))
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => relative(ROOT, resolve(ROOT, dirname(file), specifier)))
    .filter((path) => path.startsWith('tests/') && /\.[cm]?[jt]s$/.test(path) && existsSync(join(ROOT, path)));
  return [file, ...helpers.flatMap((helper) => withTestHelpers(helper, seen))];
}

let vitest: Vitest;
/** Test file (relative to the repository) -> the layers that run it. */
const layersOf = new Map<string, string[]>();

beforeAll(async () => {
  vitest = await createVitest('test', { watch: false, root: ROOT, config: join(ROOT, 'vitest.config.ts') });
  for (const specification of await vitest.globTestSpecifications()) {
    const file = relative(ROOT, specification.moduleId);
    layersOf.set(file, [...(layersOf.get(file) ?? []), specification.project.name]);
  }
});

afterAll(async () => {
  await vitest?.close();
});

describe('test layers (vitest.config.ts projects)', () => {
  it('are unit, cli, browser and e2e', () => {
    expect(vitest.projects.map((project) => project.name).sort()).toEqual(['browser', 'cli', 'e2e', 'unit']);
  });

  it('every test file under tests/ runs in exactly one layer', () => {
    const files = testFiles(join(ROOT, 'tests'));
    expect(files.length).toBeGreaterThan(100);
    const wrong = files.map((file) => ({ file, layers: layersOf.get(file) ?? [] })).filter(({ layers }) => layers.length !== 1);
    expect(wrong).toEqual([]);
    // This very file is a unit test, and the e2e folder is the e2e layer.
    expect(layersOf.get('tests/architecture/test-layers.test.ts')).toEqual(['unit']);
    for (const file of files.filter((f) => f.startsWith('tests/e2e/'))) expect(layersOf.get(file), file).toEqual(['e2e']);
    for (const file of files.filter((f) => f.startsWith('tests/capture/') || /\/browser-[^/]*\.test\.ts$/.test(f))) expect(layersOf.get(file), file).toEqual(['browser']);
    for (const file of files.filter((f) => /\/cli-[^/]*\.test\.ts$/.test(f))) expect(layersOf.get(file), file).toEqual(['cli']);
  });

  it('no unit test imports Playwright or launches a browser, itself or through a helper of tests/', () => {
    const unit = [...layersOf].filter(([, layers]) => layers.includes('unit')).map(([file]) => file);
    const offenders: string[] = [];
    for (const file of unit) {
      for (const source of withTestHelpers(file)) {
        for (const what of browserMarkers(source)) offenders.push(`${file}${source === file ? '' : ` (through ${source})`} ${what}: it belongs in the browser layer (vitest.config.ts)`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('the markers find the browser tests: each browser-layer file but a few starts a browser by them', () => {
    // A check of the check: were the markers blind, the unit test above would pass whatever.
    const browser = [...layersOf].filter(([, layers]) => layers.includes('browser')).map(([file]) => file);
    const found = browser.filter((file) => withTestHelpers(file).some((source) => browserMarkers(source).length));
    expect(found.length).toBeGreaterThan(browser.length / 2);
    expect(found).toEqual(expect.arrayContaining(['tests/report/junit.test.ts', 'tests/capture/cookie-caps.test.ts', 'tests/demo-shop/browser-journey.test.ts']));
  });
});
