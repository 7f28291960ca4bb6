// A writer process for the concurrency test: node --import tsx append-runs.ts <history file> <prefix> <count>
import { openHistory } from '../../src/storage/history.ts';
import { verdict } from './verdicts.ts';

const [file, prefix, count] = process.argv.slice(2);
const history = await openHistory(file!, { lock: { waitMs: 60_000 } });
for (let i = 0; i < Number(count); i++) {
  // Each append locks, re-reads and rewrites the file: the other process's runs must survive it.
  await history.appendRun({ ...verdict(i), runId: `${prefix}-${i}`, monitor: `shop-${prefix}` });
}
