import { appendFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { RunLogWriter, readRunLog } from '../../src/record/run-log.ts';
import { mergeRunLog } from '../../src/audit/finalize-run.ts';

it('merges worker parts in time order, skips a line cut by a killed worker and says where', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tagwatch-runlog-'));
  const main = new RunLogWriter(dir);
  const w0 = new RunLogWriter(dir, 'w0');
  const w1 = new RunLogWriter(dir, 'w1');
  main.write({ type: 'run-start', time: '2026-11-26T04:00:00.000Z', runId: 'R', monitor: 'm', baseUrl: 'http://x', conditions: ['baseline'], repeat: 2 });
  w1.write({ type: 'journey-start', time: '2026-11-26T04:00:01.500Z', journeyId: 'b', scenario: 'purchase', condition: 'baseline', repeat: 2 });
  w0.write({ type: 'journey-start', time: '2026-11-26T04:00:01.000Z', journeyId: 'a', scenario: 'purchase', condition: 'baseline', repeat: 1 });
  appendFileSync(w0.path, '{"type":"hit","time":"2026-11-26T04:00:0');

  const { events, problems } = mergeRunLog(dir);
  expect(events.map((e) => e.type === 'journey-start' ? e.journeyId : e.type)).toEqual(['run-start', 'a', 'b']);
  expect(problems).toEqual(['run-log.w0.ndjson:2: unreadable run log line skipped']);
  // One file remains, holding the merged events.
  expect(readdirSync(dir)).toEqual(['run-log.ndjson']);
  expect(readFileSync(join(dir, 'run-log.ndjson'), 'utf8').trim().split('\n')).toHaveLength(3);
  expect(readRunLog(dir).events).toEqual(events);
});
