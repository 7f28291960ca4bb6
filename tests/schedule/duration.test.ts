import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../src/schedule/duration.ts';

describe('parseDuration', () => {
  it('reads units, combinations and bare seconds', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('30m')).toBe(1_800_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('2.5s')).toBe(2_500);
    expect(parseDuration('45')).toBe(45_000);
  });

  it('refuses what is not a duration', () => {
    for (const text of ['', '5x', 'm', '1h 30m', '-5s', '30mins', 's30']) expect(parseDuration(text), text).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it('keeps the unit and stays short', () => {
    expect(formatDuration(850)).toBe('850ms');
    expect(formatDuration(21_400)).toBe('21.4s');
    expect(formatDuration(245_000)).toBe('4m05s');
    expect(formatDuration(1_800_000)).toBe('30m00s');
    expect(formatDuration(7_200_000)).toBe('2h00m');
  });
});
