import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { downMonitor, expectNoRun, expectRefused, tagwatch, tempDir } from './bad-input-support.ts';

// Bad flags are bad input in every command: exit 2 and one line naming the flag and what it
// accepts, before any site, browser or backend starts. Before issue 15, commands without their own
// exitOverride (demo-shop, history, bench, decode) exited 1 with commander's own wording.
describe('bad flags: exit 2, one line naming the flag and what it accepts', () => {
  it.each([
    [['demo-shop', '--port', 'abc'], /^tagwatch: 'abc' is not accepted, demo-shop --port: expected a port number 0-65535/],
    [['demo-shop', '--nope'], /^tagwatch: unknown option '--nope', demo-shop: see `tagwatch demo-shop --help` for the options it accepts$/],
    [['history', '--limit', '0'], /^tagwatch: '0' is not accepted, history --limit: expected a whole number of at least 1$/],
    [['history', '--jsn'], /^tagwatch: unknown option '--jsn', history: did you mean --json\? \(`tagwatch history --help` lists the options\)$/],
    [['history', '--limit'], /^tagwatch: no value given, history --limit <n>: give one/],
    [['bench', '--only', 'nope'], /^tagwatch: 'nope' is not accepted, bench --only: unknown part nope; valid parts: decode, reconcile/],
    [['bench', '--nope'], /^tagwatch: unknown option '--nope', bench: /],
    [['decode', '--nope'], /^tagwatch: unknown option '--nope', decode: /],
  ])('%j', (args, line) => {
    expectRefused(tagwatch(args), line);
  });
});

// Flags audit and check share are parsed by the same functions (src/cli/parse-options.ts).
describe.each(['audit', 'check'])('%s: shared flags refused before the run', (command) => {
  const run = (flags: string[]) => {
    const dir = tempDir();
    const out = join(dir, 'reports');
    const baseUrl = command === 'check' && !flags.includes('--base-url') ? ['--base-url', 'http://127.0.0.1:9'] : [];
    const result = tagwatch([command, downMonitor(dir), '--out', out, ...baseUrl, ...flags]);
    expectNoRun(out);
    return result;
  };

  it('--repeat above or below what the monitor schema accepts (1 to 100)', () => {
    expectRefused(run(['--repeat', '1000']), new RegExp(`^tagwatch: '1000' is more than 100, ${command} --repeat: a whole number from 1 to 100`));
    expectRefused(run(['--repeat', '0']), new RegExp(`^tagwatch: '0' is less than 1, ${command} --repeat: a whole number from 1 to 100`));
  });

  it('--repeat that is not a whole number; 100 itself passes the flag checks', () => {
    expectRefused(run(['--repeat', '2.5']), new RegExp(`^tagwatch: '2.5' is not a whole number, ${command} --repeat: a whole number from 1 to 100`));
    // Past the flags, the monitor's own check stops it (an unknown condition): no site, no browser.
    const cap = run(['--repeat', '100', '--conditions', 'no-such-condition']);
    expect(cap.code).toBe(2);
    expect(cap.stderr).toContain("conditions.0: unknown condition 'no-such-condition'");
    expect(cap.stderr).not.toContain('--repeat');
  });

  it('--base-url that is not an http(s) URL', () => {
    expectRefused(run(['--base-url', 'notaurl']), new RegExp(`^tagwatch: 'notaurl' is not a URL, ${command} --base-url: an http:// or https:// URL, e.g. https://staging.my-shop.example$`));
  });

  it('--base-url with another scheme than http(s)', () => {
    expectRefused(run(['--base-url', 'javascript:alert(1)']), new RegExp(`^tagwatch: 'javascript:alert\\(1\\)' uses the javascript scheme, ${command} --base-url: an http:// or https:// URL`));
    expectRefused(run(['--base-url', 'ftp://shop.example/']), new RegExp(`^tagwatch: 'ftp://shop.example/' uses the ftp scheme, ${command} --base-url: an http:// or https:// URL`));
  });

  it('--conditions with no condition in it', () => {
    expectRefused(run(['--conditions', '']), new RegExp(`^tagwatch: '' names no condition, ${command} --conditions: condition ids separated by commas, such as baseline,adblock \\(leave the flag out to run the monitor's\\)$`));
    expectRefused(run(['--conditions', ' , ']), new RegExp(`^tagwatch: ' , ' names no condition, ${command} --conditions: `));
  });
});
