import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tagwatch, tempDir } from '../security/bad-input-support.ts';

// `tagwatch init --consent-audit` as a user runs it: bad pages and bad flag pairs are bad input
// (exit 2, one line saying which value, where, and what is accepted), and nothing is written.
describe('tagwatch init --consent-audit: bad input refused, exit 2, nothing written', () => {
  it.each([
    [
      'a page with a query string',
      ['--consent-audit', '--url', 'https://www.my-shop.example', '--pages', '/,/pricing?plan=pro'],
      /^tagwatch: '\/pricing\?plan=pro' has a query string, init --pages: page variants cannot carry \? or =; give the path alone, such as \/pricing$/,
    ],
    [
      'a page on another origin',
      ['--consent-audit', '--url', 'https://www.my-shop.example', '--pages', '/,https://blog.example/a-post'],
      /^tagwatch: 'https:\/\/blog\.example\/a-post' is on another origin \(https:\/\/blog\.example\), init --pages: one audit visits the pages of one site, https:\/\/www\.my-shop\.example; /,
    ],
    [
      '--pages without --consent-audit',
      ['--url', 'https://www.my-shop.example', '--pages', '/pricing'],
      /^tagwatch: --pages is for a consent audit: add --consent-audit to audit these pages/,
    ],
    [
      '--consent-audit with --demo',
      ['--consent-audit', '--demo'],
      /^tagwatch: --consent-audit and --demo exclude each other: --consent-audit audits the pages of your site, give it with --url$/,
    ],
  ])('%s', (_case, args, line) => {
    const dir = tempDir();
    const result = tagwatch(['init', ...args, '--dir', join(dir, 'project')], { cwd: dir });
    // One line, no stack trace, nothing on stdout, exit 2.
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(line)]);
    expect(result.stdout).toBe('');
    expect(result.code).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('good input scaffolds the audit: exit 0, the monitor and its scenario written, the next steps printed', () => {
    const dir = tempDir();
    const result = tagwatch(['init', '--consent-audit', '--url', 'https://www.my-shop.example', '--pages', '/,/pricing', '--dir', dir]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('created monitors/my-shop-consent.monitor.ts\ncreated scenarios/consent-pages.scenario.ts\n');
    expect(result.stdout).toContain('npx tagwatch audit monitors/my-shop-consent.monitor.ts');
    expect(existsSync(join(dir, 'scenarios/purchase.scenario.ts'))).toBe(false);
  });
});
