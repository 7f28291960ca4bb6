import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { decodeRequest, matchVendor, vendorsClaiming } from '../../src/catalog/decode.ts';
import { defineVendor } from '../../src/catalog/define-vendor.ts';
import { loadVendors } from '../../src/catalog/load-vendors.ts';

const echo = defineVendor({
  id: 'echo',
  label: 'Echo',
  category: 'analytics',
  patterns: [/^https:\/\/echo\.example\/hit/],
  excludes: [/[?&]skip=1/],
  decode: (_request, url) => [{ vendor: 'echo', eventName: url.searchParams.get('e') ?? '', kind: 'other', params: {} }],
});

const broken = defineVendor({
  id: 'broken',
  label: 'Broken',
  category: 'analytics',
  patterns: [/^https:\/\/broken\.example\//],
  decode: () => {
    throw new Error('unexpected payload shape');
  },
});

describe('decodeRequest', () => {
  test('turns a throwing decoder into an error naming the vendor and URL, not an exception', () => {
    const request = { url: 'https://broken.example/collect?x=1', method: 'POST', body: '{}' };
    const result = decodeRequest(request, [echo, broken]);
    expect(result.events).toEqual([]);
    expect(result.errors).toEqual([
      'vendor "broken" could not decode POST https://broken.example/collect?x=1: unexpected payload shape',
    ]);
  });

  test('a decoder throwing a non-Error value is reported too', () => {
    const throwsString = defineVendor({
      ...broken,
      decode: () => {
        throw 'boom';
      },
    });
    expect(decodeRequest({ url: 'https://broken.example/' }, [throwsString]).errors[0]).toMatch(/broken.*boom/);
  });

  test('decodes with the claiming vendor, and ignores requests no vendor claims', () => {
    expect(decodeRequest({ url: 'https://echo.example/hit?e=ping' }, [broken, echo]).events).toEqual([
      { vendor: 'echo', eventName: 'ping', kind: 'other', params: {} },
    ]);
    expect(decodeRequest({ url: 'https://shop.example/' }, [broken, echo])).toEqual({ events: [], errors: [] });
  });

  test.each(['not a url', '', '/relative/path', 'http://'])('never throws on an invalid URL (%j)', (url) => {
    expect(decodeRequest({ url }, [echo, broken])).toEqual({ events: [], errors: [] });
    expect(matchVendor(url, [echo, broken])).toBeUndefined();
  });
});

describe('matchVendor', () => {
  test('names the vendor whose pattern matches, honouring excludes', () => {
    expect(matchVendor('https://echo.example/hit?e=1', [broken, echo])).toBe('echo');
    expect(matchVendor('https://echo.example/hit?e=1&skip=1', [broken, echo])).toBeUndefined();
    expect(matchVendor('https://other.example/hit', [broken, echo])).toBeUndefined();
  });

  test('stays correct with a /g pattern, which would make RegExp.test stateful', () => {
    const sticky = defineVendor({ ...echo, patterns: [/echo\.example\/hit/g] });
    const url = 'https://echo.example/hit';
    expect([1, 2, 3].map(() => matchVendor(url, [sticky]))).toEqual(['echo', 'echo', 'echo']);
  });

  test('vendorsClaiming lists every claimant so overlapping patterns can be caught', () => {
    const twin = defineVendor({ ...echo, id: 'twin' });
    expect(vendorsClaiming('https://echo.example/hit', [echo, twin]).map((v) => v.id)).toEqual(['echo', 'twin']);
  });
});

describe('loadVendors', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  function pluginDir(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'tagwatch-vendors-'));
    dirs.push(dir);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  }

  const plugin = (id: string): string =>
    `export default { id: '${id}', label: '${id}', category: 'analytics', patterns: [/${id}\\.example/], decode: () => [] };\n`;

  test('loads the real catalog: every vendor file, sorted, no diagnostics', async () => {
    const { vendors, diagnostics } = await loadVendors();
    expect(diagnostics).toEqual([]);
    const ids = vendors.map((v) => v.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toEqual(expect.arrayContaining(['ga4', 'google-ads', 'meta', 'tiktok', 'universal-analytics', 'floodlight', 'gtm', 'awin', 'amplitude', 'segment', 'mixpanel', 'hotjar', 'clarity', 'outbrain']));
  });

  test('keeps good plugins and explains each bad file, without throwing', async () => {
    const dir = pluginDir({
      'good.ts': plugin('good'),
      'renamed.ts': plugin('something-else'),
      'malformed.ts': "export default { id: 'malformed', patterns: ['not-a-regexp'] };\n",
      'no-default.ts': 'export const vendor = 1;\n',
      'throws.ts': "throw new Error('top-level failure');\nexport default {};\n",
      'good.test.ts': "throw new Error('tests must not be loaded as vendors');\n",
      'types.d.ts': 'export declare const x: number;\n',
      'notes.md': '# not a vendor\n',
    });
    const { vendors, diagnostics } = await loadVendors(dir);
    expect(vendors.map((v) => v.id)).toEqual(['good']);
    expect(diagnostics).toHaveLength(4);
    const about = (file: string): string => diagnostics.find((d) => d.startsWith(`${file}:`)) ?? '';
    expect(about('renamed.ts')).toMatch(/declares id 'something-else' but the file is named renamed\.ts; make them equal/);
    expect(about('malformed.ts')).toMatch(/`label`/);
    expect(about('malformed.ts')).toMatch(/`patterns`: a non-empty array of RegExp/);
    expect(about('malformed.ts')).toMatch(/`decode\(request, url\)` function/);
    expect(about('no-default.ts')).toMatch(/no default export; add `export default defineVendor/);
    expect(about('throws.ts')).toMatch(/failed to load \(top-level failure\)/);
  });

  test('reports a copied vendor as a duplicate and keeps the file named after the id', async () => {
    const dir = pluginDir({ 'shop.ts': plugin('shop'), 'shop-copy.ts': plugin('shop') });
    const { vendors, diagnostics } = await loadVendors(dir);
    expect(vendors.map((v) => v.id)).toEqual(['shop']);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatch(/^shop-copy\.ts: .*vendor id 'shop' is also declared in shop\.ts/);
  });

  test('reports a missing folder instead of throwing', async () => {
    const { vendors, diagnostics } = await loadVendors(join(tmpdir(), 'tagwatch-no-such-folder'));
    expect(vendors).toEqual([]);
    expect(diagnostics[0]).toMatch(/cannot read the vendor folder/);
  });
});
