import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScheduledMonitors } from '../../src/schedule/load-scheduled-monitors.ts';
import { UserError } from '../../src/user-error.ts';
import { DEMO_SCENARIOS_DIR, REQUIRED_FIELDS } from '../support/monitors.ts';

function monitorFile(dir: string, file: string, fields: string): string {
  const path = join(dir, file);
  const required = JSON.stringify({ ...REQUIRED_FIELDS, scenariosDir: DEMO_SCENARIOS_DIR }).slice(1, -1);
  writeFileSync(path, `export default { ${required}, expect: { ga4: {} }, ${fields} };\n`);
  return path;
}

async function loadError(files: string[], requireSchedule = true): Promise<string> {
  const error = await loadScheduledMonitors(files, { requireSchedule }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(UserError);
  return (error as UserError).message;
}

describe('loadScheduledMonitors', () => {
  it('absolute file, name and schedule of each monitor', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagwatch-sched-'));
    const nightly = monitorFile(dir, 'nightly.monitor.ts', "name: 'nightly', schedule: { cron: '0 3 * * *', timezone: 'Europe/Paris' }");
    const hourly = monitorFile(dir, 'hourly.monitor.ts', "name: 'hourly', schedule: { cron: '0 * * * *' }");
    const monitors = await loadScheduledMonitors([relative(process.cwd(), nightly), hourly], { requireSchedule: true });
    expect(monitors).toEqual([
      { file: nightly, name: 'nightly', schedule: { cron: '0 3 * * *', timezone: 'Europe/Paris' } },
      { file: hourly, name: 'hourly', schedule: { cron: '0 * * * *' } },
    ]);
  });

  it('every file\'s problems at once, each under its file with the field path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagwatch-sched-'));
    const badCron = monitorFile(dir, 'bad-cron.monitor.ts', "name: 'a', schedule: { cron: '0 25 * * *' }");
    const badZone = monitorFile(dir, 'bad-zone.monitor.ts', "name: 'b', schedule: { cron: '0 3 * * *', timezone: 'Moon/Base' }");
    const missing = monitorFile(dir, 'missing.monitor.ts', "name: 'c'");
    const badField = monitorFile(dir, 'bad-field.monitor.ts', "name: 'd', schedule: { cron: 3 }");
    const message = await loadError([badCron, badZone, missing, badField]);
    expect(message).toContain(`Invalid monitor ${badCron}:\n  - schedule.cron: '0 25 * * *' is not a cron expression (hour field`);
    expect(message).toContain(`Invalid monitor ${badZone}:\n  - schedule.timezone: unknown time zone 'Moon/Base'`);
    expect(message).toContain(`Invalid monitor ${missing}:\n  - schedule: missing: add schedule: { cron: '0 3 * * *' }`);
    expect(message).toMatch(new RegExp(`Invalid monitor ${badField.replaceAll('.', '\\.')}: schedule\\.cron: .*string`));
  });

  it('a monitor without a schedule is fine when it only runs once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagwatch-sched-'));
    const file = monitorFile(dir, 'once.monitor.ts', "name: 'once'");
    expect(await loadScheduledMonitors([file], { requireSchedule: false })).toEqual([{ file, name: 'once', schedule: undefined }]);
  });

  it('the same file twice, or two monitors with one name, is an error naming both', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagwatch-sched-'));
    const first = monitorFile(dir, 'first.monitor.ts', "name: 'shop', schedule: { cron: '0 3 * * *' }");
    const second = monitorFile(dir, 'second.monitor.ts', "name: 'shop', schedule: { cron: '0 4 * * *' }");
    expect(await loadError([first, first])).toBe(`Monitor ${first} is given twice: pass each monitor file once.`);
    expect(await loadError([first, second])).toContain(`Monitors ${first} and ${second} are both named 'shop'`);
  });

  it('the audit\'s own checks still apply (unknown condition)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tagwatch-sched-'));
    const file = monitorFile(dir, 'cond.monitor.ts', "name: 'cond', conditions: ['nope'], schedule: { cron: '0 3 * * *' }");
    expect(await loadError([file])).toMatch(/conditions\.0: unknown condition 'nope'/);
  });
});
