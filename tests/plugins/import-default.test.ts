import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { importDefault, typeScriptLoaderPresent } from '../../src/plugins/import-default.ts';

const REPO = join(import.meta.dirname, '..', '..');
const PLAYWRIGHT_CLI = join(REPO, 'node_modules', 'playwright', 'cli.js');

/**
 * A user's project with tagwatch installed: node_modules/tagwatch holds import-default.ts and
 * package-paths.ts compiled as the package build compiles them (so the code runs as compiled,
 * RUNS_FROM_SOURCES false), tsx and Playwright are linked from the repository's node_modules.
 */
function userProject(): { project: string; compiled: string } {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'tagwatch-import-default-')));
  const project = join(root, 'project');
  const tagwatch = join(project, 'node_modules', 'tagwatch');
  const write = (path: string, text: string) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  };
  write(join(tagwatch, 'package.json'), JSON.stringify({ name: 'tagwatch', type: 'module' }));
  for (const file of ['src/plugins/import-default.ts', 'src/package-paths.ts']) {
    const { outputText } = ts.transpileModule(readFileSync(join(REPO, file), 'utf8'), {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, rewriteRelativeImportExtensions: true, verbatimModuleSyntax: true },
    });
    write(join(tagwatch, 'dist', file.replace(/\.ts$/, '.js')), outputText);
  }
  for (const name of ['tsx', 'playwright', 'playwright-core']) symlinkSync(join(REPO, 'node_modules', name), join(project, 'node_modules', name));

  write(join(project, 'package.json'), JSON.stringify({ name: 'shop-tracking', type: 'module' }));
  // What only a TypeScript compiler loads: an enum, annotations, an import of ./suffix.js that is suffix.ts.
  write(join(project, 'plugins', 'suffix.ts'), "export const suffix: string = '!';\n");
  write(
    join(project, 'plugins', 'shout.ts'),
    "import { suffix } from './suffix.js';\n\nenum Level { Loud = 'LOUD' }\n\nexport default { id: 'shout', level: Level.Loud, shout: (text: string): string => text.toUpperCase() + suffix };\n",
  );
  write(join(project, 'plugins', 'plain.js'), "export default { id: 'plain' };\n");
  // A CommonJS project (no "type": "module"): tsx compiles the file as CommonJS.
  write(join(root, 'cjs-project', 'package.json'), JSON.stringify({ name: 'old-shop' }));
  write(join(root, 'cjs-project', 'plugin.ts'), "const id: string = 'cjs-plugin';\nexport default { id };\n");
  write(join(root, 'cjs-project', 'id.ts'), "export const id: string = 'cjs-esm-syntax';\n");
  write(join(root, 'cjs-project', 'esm-syntax.ts'), "import { id } from './id';\nexport default { id };\n");
  return { project, compiled: join(tagwatch, 'dist', 'src', 'plugins', 'import-default.js') };
}

function run(command: string, args: string[], cwd: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '0' };
  delete env.TEST_WORKER_INDEX;
  delete env.NODE_OPTIONS;
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 180_000 });
  return { code: result.status, output: result.stdout + result.stderr, stdout: result.stdout };
}

describe('importDefault of users\' TypeScript files', () => {
  let project: string;
  let compiled: string;

  beforeAll(() => {
    ({ project, compiled } = userProject());
  });

  it('from the sources (vitest compiles TypeScript): imports it and registers nothing', async () => {
    const extensions = createRequire(import.meta.url).extensions as unknown as Record<string, unknown>;
    const before = extensions['.ts'];
    const plugin = (await importDefault(join(project, 'plugins', 'shout.ts'))) as { shout(text: string): string };
    expect(plugin.shout('hi')).toBe('HI!');
    expect(extensions['.ts']).toBe(before);
  });

  it('a Playwright Test worker counts as a TypeScript loader', () => {
    const saved = process.env.TEST_WORKER_INDEX;
    try {
      process.env.TEST_WORKER_INDEX = '0';
      expect(typeScriptLoaderPresent()).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.TEST_WORKER_INDEX;
      else process.env.TEST_WORKER_INDEX = saved;
    }
  });

  it('compiled, in plain Node: tsx is registered at the first TypeScript file, not at start nor for a .js file', () => {
    const script = `
      import { createRequire } from 'node:module';
      const extensions = createRequire(import.meta.url).extensions;
      const { importDefault } = await import(${JSON.stringify(compiled)});
      const atStart = typeof extensions['.ts'];
      const plain = await importDefault(${JSON.stringify(join(project, 'plugins', 'plain.js'))});
      const afterJs = typeof extensions['.ts'];
      const shout = await importDefault(${JSON.stringify(join(project, 'plugins', 'shout.ts'))});
      const afterTs = typeof extensions['.ts'];
      const cjs = await importDefault(${JSON.stringify(join(project, '..', 'cjs-project', 'plugin.ts'))});
      console.log(JSON.stringify({ atStart, plain: plain.id, afterJs, shout: shout.shout('hi'), level: shout.level, afterTs, cjs }));
    `;
    const { code, output, stdout } = run(process.execPath, ['--input-type=module', '-e', script], project);
    expect(output).not.toMatch(/Error/);
    expect(JSON.parse(stdout)).toEqual({ atStart: 'undefined', plain: 'plain', afterJs: 'undefined', shout: 'HI!', level: 'LOUD', afterTs: 'function', cjs: { id: 'cjs-plugin' } });
    expect(code).toBe(0);
  });

  it('compiled, in Playwright Test\'s runner and worker: Playwright\'s own loader imports it, tsx is not stacked on it', { timeout: 180_000 }, () => {
    // Like tagwatch's playwright.config.js: in node_modules, loading a user's plugin (runner and every worker load it).
    const config = join(project, 'node_modules', 'tagwatch', 'dist', 'loader.config.js');
    writeFileSync(
      config,
      `import { createRequire } from 'node:module';
import { defineConfig } from 'playwright/test';
import { importDefault } from './src/plugins/import-default.js';
const extensions = createRequire(import.meta.url).extensions;
const before = extensions['.ts'];
const plugin = await importDefault(${JSON.stringify(join(project, 'plugins', 'shout.ts'))});
console.log('CONFIG ' + JSON.stringify({ worker: process.env.TEST_WORKER_INDEX !== undefined, shout: plugin.shout('hi'), sameLoader: extensions['.ts'] === before }));
export default defineConfig({ testDir: ${JSON.stringify(join(project, 'specs'))}, reporter: 'list', workers: 1 });
`,
    );
    // Like a journey fixture: a worker importing a user's condition. Line 5 is the test's line: Playwright's source maps hold.
    mkdirSync(join(project, 'specs'), { recursive: true });
    writeFileSync(
      join(project, 'specs', 'plugin.spec.ts'),
      `import { createRequire } from 'node:module';
import { expect, test } from 'playwright/test';
import { importDefault } from 'tagwatch/dist/src/plugins/import-default.js';

test('a worker imports the plugin', async () => {
  const extensions = createRequire(import.meta.url).extensions;
  const before = extensions['.ts'];
  const plugin = (await importDefault(${JSON.stringify(join(project, 'plugins', 'shout.ts'))})) as { shout(text: string): string };
  expect(plugin.shout('hi')).toBe('HI!');
  expect(extensions['.ts']).toBe(before);
  const line: number = Number(/plugin\\.spec\\.ts:(\\d+)/.exec(new Error().stack ?? '')?.[1]);
  expect(line).toBe(11);
  // A plugin of a CommonJS project (npm init's default), written with import/export as every plugin is.
  expect(await importDefault(${JSON.stringify(join(project, '..', 'cjs-project', 'esm-syntax.ts'))})).toEqual({ id: 'cjs-esm-syntax' });
});
`,
    );
    const { code, output } = run(process.execPath, [PLAYWRIGHT_CLI, 'test', '-c', config], project);
    const configLines = output.split('\n').filter((line) => line.startsWith('CONFIG ')).map((line) => JSON.parse(line.slice('CONFIG '.length)));
    expect(configLines).toContainEqual({ worker: false, shout: 'HI!', sameLoader: true });
    expect(configLines).toContainEqual({ worker: true, shout: 'HI!', sameLoader: true });
    expect(output).toMatch(/plugin\.spec\.ts:5:\d+ › a worker imports the plugin/);
    expect(output).toMatch(/\b1 passed\b/);
    expect(code).toBe(0);
  });
});
