import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { DemoFault } from './faults.ts';
import { parseFaults } from './faults.ts';
import { closeServer, listenLoopback, sendJson } from './http-utils.ts';
import { createOrdersApiServer, handleOrdersApi } from './orders-api.ts';
import { OrdersStore } from './orders-store.ts';
import { createShopHandler } from './shop-app.ts';
import { buildTagAssets } from './tag-assets.ts';
import type { ConsentMode } from './tag-assets.ts';

export interface DemoShopOptions {
  /** Shop port; 0 (default) picks a free one. */
  port?: number;
  /** Orders API port, a listener of its own; 0 (default) picks a free one. */
  ordersPort?: number;
  faults?: DemoFault[];
  /** Where orders.json lives. Default: a fresh temp dir, so each start is a clean shop. */
  dataDir?: string;
  /** Google Consent Mode flavour: 'advanced' (default) sends cookieless GA4 pings without consent, 'basic' sends nothing. */
  consentMode?: 'basic' | 'advanced';
}

export interface DemoShop {
  /** Shop origin, e.g. http://127.0.0.1:41234; its back office answers there too, under /api/orders. */
  url: string;
  /** Orders API base URL, on its own port, e.g. http://127.0.0.1:41235 (the same API as <url>/api/orders). */
  ordersUrl: string;
  faults: DemoFault[];
  dataDir: string;
  close(): Promise<void>;
  /** Stops the orders API listener only (the shop keeps running): the backend-down case. */
  stopOrdersApi(): Promise<void>;
}

/** Starts the shop and its orders API, both on 127.0.0.1 only. */
export async function startDemoShop(options: DemoShopOptions = {}): Promise<DemoShop> {
  // Re-parsed so callers passing untyped input (JSON monitors) get the same error as the CLI.
  const faults = parseFaults(options.faults ?? []);
  const consentMode: ConsentMode = options.consentMode ?? 'advanced';
  if (consentMode !== 'basic' && consentMode !== 'advanced') {
    throw new Error(`consentMode must be "basic" or "advanced", got "${String(consentMode)}"`);
  }
  const dataDir = options.dataDir ? resolve(options.dataDir) : mkdtempSync(join(tmpdir(), 'tagwatch-demo-shop-'));
  const store = new OrdersStore(dataDir);
  const assets = buildTagAssets({ faults, consentMode });

  const ordersServer = createOrdersApiServer(store);
  let ordersStop: Promise<void> | undefined;
  const stopOrdersApi = (): Promise<void> => (ordersStop ??= closeServer(ordersServer));
  /**
   * The back office on the shop's own domain (as WooCommerce's /wp-json is): a site started with
   * one port (`tagwatch demo-shop --port {port}`) serves its orders too. Down when the API is.
   */
  const shopOrdersApi = (request: IncomingMessage, response: ServerResponse): void => {
    if (ordersStop) return sendJson(response, 503, { error: 'unavailable', message: 'the orders API is down' });
    handleOrdersApi(store, request, response);
  };

  // Known once the shop listens; no request can arrive before that.
  let shopOrigin = '';
  const handler = createShopHandler({
    store,
    faults,
    assets,
    origin: () => shopOrigin,
    onOrderPlaced: () => {
      if (faults.includes('orders-api-down')) void stopOrdersApi();
    },
  });
  const shopServer = createServer((request, response) => {
    if (/^\/api\/orders(\/|$|\?)/.test(request.url ?? '')) {
      try {
        return shopOrdersApi(request, response);
      } catch (error) {
        return sendJson(response, 500, { error: 'internal', message: (error as Error).message });
      }
    }
    handler(request, response).catch((error: unknown) => {
      console.error('[demo-shop]', error);
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });

  const ordersPort = await listenLoopback(ordersServer, options.ordersPort ?? 0);
  let shopPort: number;
  try {
    shopPort = await listenLoopback(shopServer, options.port ?? 0);
  } catch (error) {
    await closeServer(ordersServer);
    throw error;
  }

  shopOrigin = `http://127.0.0.1:${shopPort}`;
  let closing: Promise<void> | undefined;
  return {
    url: shopOrigin,
    ordersUrl: `http://127.0.0.1:${ordersPort}`,
    faults,
    dataDir,
    stopOrdersApi,
    close: () => (closing ??= Promise.all([closeServer(shopServer), stopOrdersApi()]).then(() => undefined)),
  };
}
