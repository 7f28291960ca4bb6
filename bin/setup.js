#!/usr/bin/env node
// Set-up step of `npm start`: a Chromium and the ad-block filter lists must exist before the first audit.
// In the repository it runs the TypeScript sources through tsx, installed from npm the compiled dist/.
import { existsSync } from 'node:fs';

const fromSources = existsSync(new URL('../src/setup/ensure-browser.ts', import.meta.url));
if (fromSources) {
  const { register } = await import('tsx/esm/api');
  register();
}
const code = (path) => import(fromSources ? `../src/${path}.ts` : `../dist/src/${path}.js`);
const { ensureBrowser } = await code('setup/ensure-browser');
const { ensureFilterLists } = await code('setup/ensure-filter-lists');
const log = (line) => process.stdout.write(`tagwatch setup: ${line}\n`);
try {
  ensureBrowser(log);
  await ensureFilterLists(log);
} catch (error) {
  process.stderr.write(`tagwatch setup: ${error.message}\n`);
  process.exit(2);
}
