import type { MonitorInput } from './schema.ts';

/** Identity function: exists so monitor files get types and completion. Validation happens at load. */
export function defineMonitor(monitor: MonitorInput): MonitorInput {
  return monitor;
}
