import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as definitions from '../../src/definitions.ts';

const SRC = join(import.meta.dirname, '..', '..', 'src');

/** The value names a module exports, read from its text: `export { a, b } from`, `export const|function|class x`. */
function exportedValues(file: string): string[] {
  const text = readFileSync(join(SRC, file), 'utf8');
  const names = new Set<string>();
  for (const [, list] of text.matchAll(/^export \{([^}]*)\}/gm)) for (const name of list!.split(',')) if (name.trim()) names.add(name.trim().split(/\s+as\s+/).at(-1)!);
  for (const [, name] of text.matchAll(/^export (?:async )?(?:const|function|class) (\w+)/gm)) names.add(name!);
  return [...names].sort();
}

describe("'tagwatch' in the tagwatch command's own process (src/definitions.ts)", () => {
  it('exports every name of the package entry: a monitor or plugin file links whatever it imports', () => {
    expect(exportedValues('definitions.ts')).toEqual(exportedValues('index.ts'));
    expect(Object.keys(definitions).sort()).toEqual(exportedValues('index.ts'));
  });

  it('test and expect there say where they belong instead of loading Playwright', () => {
    expect(() => definitions.test('a journey', () => {})).toThrow(/tagwatch's test\(\) runs in scenario files.*Move the journey into a scenario file of the monitor's scenariosDir/);
    expect(() => (definitions.test as unknown as { describe: unknown }).describe).toThrow(/tagwatch's test\.describe runs in scenario files/);
    expect(() => definitions.expect(1)).toThrow(/tagwatch's expect\(\) runs in scenario files/);
    // Inspected or awaited, they are plain functions: nothing throws.
    expect(typeof definitions.test).toBe('function');
    expect((definitions.test as unknown as { then?: unknown }).then).toBeUndefined();
  });
});
