import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_DIR as PACKAGE_ROOT } from '../../src/package-paths.ts';

function tagwatch(args: string[], cwd = mkdtempSync(join(tmpdir(), 'tagwatch-gap-'))) {
  const result = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'bin', 'tagwatch.js'), ...args], { encoding: 'utf8', cwd, timeout: 150_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('tagwatch audit --observed', () => {
  // The split of each gap, printed and stored, is judged from a recorded audit with --observed:
  // tests/judge/recorded-gap.test.ts. What stays here is the CLI refusing bad figures before any browser starts.
  it('an unknown vendor is an error naming the valid ones, before any browser starts', () => {
    const { code, stderr, stdout } = tagwatch(['audit', '--observed', 'ga4=0.78,facebook=0.7']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown vendor 'facebook' \(--observed facebook=0\.7\); this monitor reconciles: ga4, google-ads, meta, tiktok/);
    expect(stdout).not.toContain('auditing');
  });

  it('a bad ratio or a bad figures file: exit 2 with what and where', () => {
    const zero = tagwatch(['audit', '--observed', 'ga4=0']);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toMatch(/--observed: ga4: the ratio must be above 0/);

    const dir = mkdtempSync(join(tmpdir(), 'tagwatch-gap-csv-'));
    writeFileSync(join(dir, 'figures.csv'), 'vendor,backend_orders,platform_conversions\nga4,1000,780\nmeta,1000,seven hundred\n');
    const csv = tagwatch(['audit', '--observed-file', 'figures.csv'], dir);
    expect(csv.code).toBe(2);
    expect(csv.stderr).toContain("figures.csv:3: platform_conversions: 'seven hundred' is not a number");
  });
});
