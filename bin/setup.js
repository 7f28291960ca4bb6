#!/usr/bin/env node
// Set-up step of `npm start`: a Chromium must exist before the first audit.
import { register } from 'tsx/esm/api';

register();
const { ensureBrowser } = await import('../src/setup/ensure-browser.ts');
try {
  ensureBrowser((line) => process.stdout.write(`tagwatch setup: ${line}\n`));
} catch (error) {
  process.stderr.write(`tagwatch setup: ${error.message}\n`);
  process.exit(2);
}
