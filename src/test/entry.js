// `tagwatch/test` as plain Node loads it. tagwatch ships TypeScript sources, and Playwright only
// compiles files outside node_modules: an installed tagwatch would fail with "Unknown file
// extension .ts". tsx's tsImport compiles this module graph only, leaving the suite's own files to
// Playwright. Types are declared in entry.d.ts.
import { tsImport } from 'tsx/esm/api';

const api = await tsImport('./index.ts', import.meta.url);

export const test = api.test;
export const expect = api.expect;
