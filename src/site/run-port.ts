import { createServer } from 'node:net';
import type { Monitor } from '../monitor/schema.ts';

/** Stands for a free loopback port picked for each run, wherever a monitor writes it in `site` and `orders`. */
export const PORT_PLACEHOLDER = '{port}';

/** Whether the monitor's site or orders settings use `{port}`. */
export function usesRunPort(monitor: Monitor): boolean {
  return JSON.stringify([monitor.site, monitor.orders]).includes(PORT_PLACEHOLDER);
}

/**
 * The monitor with `{port}` replaced in every string of `site` and `orders`: the site's web
 * server, its URL and the backend the same site serves agree on one port, and audits running at
 * the same time (CI jobs, tests) each get their own.
 */
export function withRunPort(monitor: Monitor, port: number): Monitor {
  const fill = <T>(value: T): T => JSON.parse(JSON.stringify(value).replaceAll(PORT_PLACEHOLDER, String(port))) as T;
  // An order-free monitor has no orders block to fill.
  return { ...monitor, site: fill(monitor.site), ...(monitor.orders ? { orders: fill(monitor.orders) } : {}) };
}

/** A port nothing listens on now, on 127.0.0.1: the system picks it, then it is released for the site. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
