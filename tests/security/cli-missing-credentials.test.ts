import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import demoMonitor from '../../monitors/demo-shop.monitor.ts';
import { PACKAGE_DIR } from '../../src/package-paths.ts';

/**
 * A credential the run needs is missing from the environment: said before the site starts and
 * before any journey places an order, in one line, exit 2. Before, the Slack token was found
 * missing once the journeys had run.
 */
function audit(alerts: Record<string, unknown>, env: NodeJS.ProcessEnv) {
  const dir = mkdtempSync(join(tmpdir(), 'tagwatch-credentials-'));
  const monitorFile = join(dir, 'shop.monitor.ts');
  writeFileSync(monitorFile, `export default ${JSON.stringify({ ...demoMonitor, conditions: ['baseline'], variants: {}, alerts })};\n`);
  const out = join(dir, 'reports');
  const clean = { ...process.env };
  for (const name of ['SLACK_BOT_TOKEN', 'TAGWATCH_SLACK_CHANNEL', 'TAGWATCH_SMTP_URL']) delete clean[name];
  const result = spawnSync(process.execPath, [join(PACKAGE_DIR, 'bin', 'tagwatch.js'), 'audit', monitorFile, '--out', out], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...clean, ...env },
    timeout: 60_000,
  });
  const runs = existsSync(out) ? readdirSync(out).filter((name) => /^\d{8}-/.test(name)) : [];
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, runs };
}

describe('missing credentials are found before any journey', () => {
  it('Slack configured, SLACK_BOT_TOKEN absent: exit 2 naming the variable, no site started, no run folder', () => {
    const result = audit({ slack: { channel: '#tracking' } }, {});
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('SLACK_BOT_TOKEN (alerts.slack.tokenEnv) is not set');
    expect(result.stderr).toContain('no order placed');
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stdout).not.toContain('starting the site');
    expect(result.runs).toEqual([]);
  });

  it('TAGWATCH_SLACK_CHANNEL set without a token turns Slack on, and is refused the same way', () => {
    const result = audit({}, { TAGWATCH_SLACK_CHANNEL: '#tracking' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('SLACK_BOT_TOKEN');
    expect(result.runs).toEqual([]);
  });

  it('e-mail alerts without their SMTP URL variable: exit 2 naming it', () => {
    const result = audit({ email: { to: ['tracking@shop.example'], smtpUrlEnv: 'SHOP_SMTP_URL' } }, {});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('SHOP_SMTP_URL is not set');
    expect(result.stdout).not.toContain('starting the site');
    expect(result.runs).toEqual([]);
  });
});
