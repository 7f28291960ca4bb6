import { describe, expect, it } from 'vitest';
import { addScripts, newPackageJson } from '../../src/init/package-json.ts';

const SCRIPTS = { tagwatch: 'tagwatch audit', 'tagwatch:check': 'tagwatch check' };

function merged(text: string): { text: string; added: string[]; kept: string[] } {
  const result = addScripts(text, SCRIPTS);
  if (!result.ok) throw new Error(result.reason);
  return result;
}

describe('adding the scripts to a package.json', () => {
  it('appends them to the scripts, with the indentation of the file, every other byte as it was', () => {
    const text = [
      '{',
      '    "name": "acme-shop",',
      '    "version": "2.1.0",',
      '    "scripts": {',
      '        "build": "vite build",',
      '        "test": "vitest"',
      '    },',
      '    "files": ["dist", "src"],',
      '    "devDependencies": { "tagwatch": "^0.1.0" }',
      '}',
      '',
    ].join('\n');
    const result = merged(text);
    expect(result.added).toEqual(['tagwatch', 'tagwatch:check']);
    expect(result.text).toBe(text.replace('"test": "vitest"', '"test": "vitest",\n        "tagwatch": "tagwatch audit",\n        "tagwatch:check": "tagwatch check"'));
    const parsed = JSON.parse(result.text);
    expect(Object.keys(parsed)).toEqual(['name', 'version', 'scripts', 'files', 'devDependencies']);
    expect(Object.keys(parsed.scripts)).toEqual(['build', 'test', 'tagwatch', 'tagwatch:check']);
  });

  it('adds only the names that are free: a user\'s own "tagwatch" script stays', () => {
    const text = '{\n  "scripts": {\n    "tagwatch": "tagwatch audit monitors/prod.monitor.ts --repeat 3"\n  }\n}\n';
    const result = merged(text);
    expect(result.added).toEqual(['tagwatch:check']);
    expect(result.kept).toEqual(['tagwatch']);
    expect(JSON.parse(result.text).scripts).toEqual({ tagwatch: 'tagwatch audit monitors/prod.monitor.ts --repeat 3', 'tagwatch:check': 'tagwatch check' });
  });

  it('changes nothing when both names are taken', () => {
    const text = '{"scripts":{"tagwatch":"x","tagwatch:check":"y"}}';
    expect(merged(text)).toEqual({ ok: true, text, added: [], kept: ['tagwatch', 'tagwatch:check'] });
  });

  it('adds a scripts block at the end when there is none, indented as the file is (tabs here), CRLF kept', () => {
    const text = '{\r\n\t"name": "acme",\r\n\t"private": true\r\n}\r\n';
    expect(merged(text).text).toBe('{\r\n\t"name": "acme",\r\n\t"private": true,\r\n\t"scripts": {\r\n\t\t"tagwatch": "tagwatch audit",\r\n\t\t"tagwatch:check": "tagwatch check"\r\n\t}\r\n}\r\n');
  });

  it('fills an empty scripts object and an empty package.json', () => {
    expect(merged('{\n  "name": "a",\n  "scripts": {}\n}\n').text).toBe('{\n  "name": "a",\n  "scripts": {\n    "tagwatch": "tagwatch audit",\n    "tagwatch:check": "tagwatch check"\n  }\n}\n');
    expect(JSON.parse(merged('{}').text)).toEqual({ scripts: SCRIPTS });
  });

  it('keeps a scripts object written on one line on one line', () => {
    const text = '{\n  "name": "a",\n  "scripts": { "dev": "vite" },\n  "type": "module"\n}\n';
    expect(merged(text).text).toBe('{\n  "name": "a",\n  "scripts": { "dev": "vite", "tagwatch": "tagwatch audit", "tagwatch:check": "tagwatch check" },\n  "type": "module"\n}\n');
  });

  it('is not fooled by braces and quotes inside strings, nor by a nested "scripts" key', () => {
    const text = '{\n  "description": "a \\"scripts\\": { shop }",\n  "config": { "scripts": { "x": "}" } },\n  "scripts": { "a": "echo \'{\'" }\n}\n';
    const parsed = JSON.parse(merged(text).text);
    expect(parsed.config).toEqual({ scripts: { x: '}' } });
    expect(parsed.description).toBe('a "scripts": { shop }');
    expect(parsed.scripts).toEqual({ a: "echo '{'", ...SCRIPTS });
  });

  it('says why when the file cannot be edited', () => {
    expect(addScripts('{ "name": "a", }', SCRIPTS)).toMatchObject({ ok: false, reason: expect.stringMatching(/^not valid JSON/) });
    expect(addScripts('[]', SCRIPTS)).toEqual({ ok: false, reason: 'not a JSON object' });
    expect(addScripts('{"scripts": ["build"]}', SCRIPTS)).toEqual({ ok: false, reason: '"scripts" is not an object' });
  });

  it('a new package.json is minimal: name, private, scripts', () => {
    expect(JSON.parse(newPackageJson('acme', SCRIPTS))).toEqual({ name: 'acme', private: true, scripts: SCRIPTS });
    expect(newPackageJson('acme', SCRIPTS)).toMatch(/^\{\n  "name": "acme",\n[\s\S]*\}\n$/);
  });
});
