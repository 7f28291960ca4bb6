import { describe, expect, it } from 'vitest';
import { isKnownTimezone, scheduleProblems } from '../../src/schedule/schedule-problems.ts';

describe('scheduleProblems', () => {
  it('accepts 5-field, 6-field (seconds) and named expressions with a known time zone', () => {
    expect(scheduleProblems({ cron: '0 3 * * *' })).toEqual([]);
    expect(scheduleProblems({ cron: '*/1 * * * * *', timezone: 'UTC' })).toEqual([]);
    expect(scheduleProblems({ cron: '30 2 * * mon-fri', timezone: 'Europe/Paris' })).toEqual([]);
  });

  it('names the field, the bad value and node-cron\'s reason', () => {
    const [problem] = scheduleProblems({ cron: '61 * * * *' });
    expect(problem).toMatch(/^schedule\.cron: '61 \* \* \* \*' is not a cron expression \(minute field: 61 /);
    expect(problem).toContain("e.g. '0 3 * * *'");
    expect(scheduleProblems({ cron: 'every night' })[0]).toMatch(/^schedule\.cron: 'every night' .*expected 5 or 6 fields but got 2/);
    expect(scheduleProblems({ cron: '* * * * * * *' })[0]).toMatch(/got 7/);
  });

  it('an unknown time zone is an error, alongside a bad cron', () => {
    const problems = scheduleProblems({ cron: '0 3 * * * * *', timezone: 'Mars/Olympus' });
    expect(problems).toHaveLength(2);
    expect(problems[1]).toMatch(/^schedule\.timezone: unknown time zone 'Mars\/Olympus': use an IANA name/);
  });
});

describe('isKnownTimezone', () => {
  it('asks Intl', () => {
    expect(isKnownTimezone('America/Sao_Paulo')).toBe(true);
    expect(isKnownTimezone('UTC')).toBe(true);
    expect(isKnownTimezone('Europe/Atlantis')).toBe(false);
    expect(isKnownTimezone('')).toBe(false);
  });
});
