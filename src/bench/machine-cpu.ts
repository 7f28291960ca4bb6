import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/**
 * CPU seconds the whole machine spent busy between `start()` and `stop()` (Linux /proc/stat,
 * all processes: Chromium's renderers outlive the rusage of the process that started them).
 * `undefined` where /proc is missing. Tells whether a figure is bound by the machine's cores:
 * a journey that costs N CPU-seconds cannot run more often than cores x 60 / N per minute.
 */
export function machineCpu(): { stop: () => { busySeconds: number; cores: number } | undefined } {
  const before = readStat();
  return {
    stop() {
      const after = readStat();
      if (!before || !after) return undefined;
      return { busySeconds: (after.busy - before.busy) / 100, cores: cpus().length };
    },
  };
}

function readStat(): { busy: number } | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal: idle and iowait are not busy, steal is not ours.
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0] = fields;
    return { busy: user + nice + system + irq + softirq };
  } catch {
    return undefined;
  }
}
