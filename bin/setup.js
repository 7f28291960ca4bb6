#!/usr/bin/env node
// Set-up step of `npm start`: a Chromium and the ad-block filter lists must exist before the first audit.
import { register } from 'tsx/esm/api';

register();
const { ensureBrowser } = await import('../src/setup/ensure-browser.ts');
const { ensureFilterLists } = await import('../src/setup/ensure-filter-lists.ts');
const log = (line) => process.stdout.write(`tagwatch setup: ${line}\n`);
try {
  ensureBrowser(log);
  await ensureFilterLists(log);
} catch (error) {
  process.stderr.write(`tagwatch setup: ${error.message}\n`);
  process.exit(2);
}
