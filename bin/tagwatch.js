#!/usr/bin/env node
// The `tagwatch` command. Installed from npm it runs the compiled JavaScript in dist/ and loads
// nothing else at start: tsx is registered only once a user's TypeScript file (a monitor, a
// plugin) is imported (src/plugins/import-default.ts). In the repository, where the TypeScript
// sources are, it runs those through tsx: the dev loop needs no build.
import { existsSync } from 'node:fs';

// A reader that goes away (`tagwatch audit | head -1`, a closed CI log pipe) must not lose the run:
// without a listener Node turns the EPIPE of the next write into an uncaught exception, before
// results.json and the history are written. Output to a closed pipe is dropped; the run goes on and
// its exit code is still the verdict's.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
    throw error;
  });
}

const sources = new URL('../src/cli/main.ts', import.meta.url);

if (existsSync(sources)) {
  const { register: registerHooks } = await import('node:module');
  const { register } = await import('tsx/esm/api');
  const { register: registerCommonJs } = await import('tsx/cjs/api');
  // Both loaders: users' monitor files may live in a CommonJS project.
  register();
  registerCommonJs();
  // `tagwatch` and `tagwatch/test` imported by name resolve to these sources (package.json's
  // `tagwatch-source` export condition), not to dist/: here, and in the processes the CLI starts
  // (Playwright's runner and workers, the audits of `schedule`).
  const condition = 'tagwatch-source';
  // In this process only (not in NODE_OPTIONS): monitors and plugins importing 'tagwatch' get its
  // definitions without Playwright (src/definitions.ts); the runner and workers get the whole entry.
  const conditions = JSON.stringify([condition, 'tagwatch-definitions']);
  registerHooks(`data:text/javascript,${encodeURIComponent(`export function resolve(specifier, context, next) {
    return next(specifier, { ...context, conditions: [...context.conditions, ...${conditions}] });
  }`)}`);
  if (!(process.env.NODE_OPTIONS ?? '').includes(`--conditions=${condition}`)) {
    process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --conditions=${condition}`.trim();
  }
  await import(sources.href);
} else {
  await import('../dist/src/cli/main.js');
}
