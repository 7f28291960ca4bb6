#!/usr/bin/env node
// The CLI is TypeScript: tsx compiles it (and users' monitor files) on the fly, no build step.
import { register } from 'tsx/esm/api';
import { register as registerCommonJs } from 'tsx/cjs/api';

// Both loaders: users' monitor files may live in a CommonJS project.
register();
registerCommonJs();
await import('../src/cli/main.ts');
