import { describe, expect, it } from 'vitest';
import { dayIn, daysOf, parseDay, periodInstants } from '../../src/compare/days.ts';

describe('the days of a comparison, in the shop time zone', () => {
  it('reads only real calendar days', () => {
    expect(parseDay('2026-02-28')).toBe('2026-02-28');
    expect(parseDay('2026-02-30')).toBeUndefined();
    expect(parseDay('26-2-3')).toBeUndefined();
  });

  it('lists a period across a month end, both ends included', () => {
    expect(daysOf({ from: '2026-10-30', to: '2026-11-02' })).toEqual(['2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02']);
  });

  it('an order at 23:30 UTC is the next day in Berlin, the same day in New York', () => {
    const instant = new Date('2026-11-14T23:30:00Z');
    expect(dayIn(instant, 'Europe/Berlin')).toBe('2026-11-15');
    expect(dayIn(instant, 'America/New_York')).toBe('2026-11-14');
  });

  it('a period starts at local midnight, also on the day clocks change (Berlin, 2026-10-25 is 25 h long)', () => {
    expect(periodInstants({ from: '2026-10-25', to: '2026-10-25' }, 'Europe/Berlin')).toEqual({ from: new Date('2026-10-24T22:00:00Z'), to: new Date('2026-10-25T23:00:00Z') });
    expect(periodInstants({ from: '2026-11-01', to: '2026-11-30' }, 'UTC')).toEqual({ from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z') });
  });
});
