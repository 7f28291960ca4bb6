import { describe, expect, it } from 'vitest';
import { logLine, runEndText, runStartText } from '../../src/schedule/daemon-log.ts';

describe('daemon log lines', () => {
  it('time first, one line even when the text has line breaks', () => {
    expect(logLine('a\nb\r\nc', new Date('2026-05-01T03:00:00.000Z'))).toBe('2026-05-01T03:00:00.000Z a b c\n');
  });

  it('start: monitor, trigger, pid and log path', () => {
    expect(runStartText('shop', 'schedule', 42, '/r/.schedule-logs/x.log')).toBe('shop start trigger=schedule pid=42 log=/r/.schedule-logs/x.log');
  });

  it('end: run id, status, exit, duration, log; paths with spaces quoted', () => {
    const text = runEndText({ monitor: 'shop', trigger: 'once', runId: '20260501-030000-ab12', status: 'fail', exit: '1', exitCode: 1, durationMs: 21_400, logFile: '/my reports/20260501-030000-ab12/audit.log' });
    expect(text).toBe('shop end run=20260501-030000-ab12 status=fail exit=1 duration=21.4s log="/my reports/20260501-030000-ab12/audit.log"');
    expect(runEndText({ monitor: 'shop', trigger: 'schedule', status: 'timed-out', exit: 'SIGTERM', exitCode: 2, durationMs: 1_800_000, logFile: '/r/x.log' })).toBe(
      'shop end run=- status=timed-out exit=SIGTERM duration=30m00s log=/r/x.log',
    );
  });
});
