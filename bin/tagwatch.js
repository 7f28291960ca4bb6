#!/usr/bin/env node
// The CLI is TypeScript: tsx compiles it (and users' monitor files) on the fly, no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
