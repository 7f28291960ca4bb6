import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkOrderSourceAnswers, orderSourceProblems } from '../../src/orders/check-order-source.ts';
import { BackendUnreachableError, defineOrderSource, sourceDefinitionProblems } from '../../src/orders/define-order-source.ts';
import { loadProjectPlugins } from '../../src/project/plugins.ts';
import restJson from '../../src/orders/sources/rest-json.ts';
import woocommerce from '../../src/orders/sources/woocommerce.ts';
import { startLocalServer } from '../support/local-server.ts';
import { startFakeWooCommerce, type FakeWooCommerce } from '../support/fake-woocommerce.ts';

const KEY = 'ck_check_0a1b2c3d';
const SECRET = 'cs_check_9f8e7d6c';
const env = { WC_CONSUMER_KEY: KEY, WC_CONSUMER_SECRET: SECRET };

let fake: FakeWooCommerce;
beforeAll(async () => {
  fake = await startFakeWooCommerce({ key: KEY, secret: SECRET });
});
afterAll(() => fake?.close());
beforeEach(() => {
  fake.requests = [];
  fake.script = [];
});

// The orders block as the monitor schema hands it over.
const wooBlock = (extra: Record<string, unknown> = {}) => ({ source: 'woocommerce', waitSeconds: 5, cleanup: false, url: fake.url, ...extra });
const context = (vars: NodeJS.ProcessEnv = env, timeoutMs = 2000) => ({ env: vars, timeoutMs });

describe('orderSourceProblems: settings, then credentials, before any browser starts', () => {
  it('reports the settings problems alone while there are any: a credential check needs valid settings', () => {
    expect(orderSourceProblems(woocommerce, wooBlock({ tokenEnv: 'WC_TOKEN' }), {})).toEqual([
      expect.stringMatching(/^orders\.tokenEnv: unknown field for order source 'woocommerce' \(its fields: url, keyEnv, secretEnv, /),
    ]);
  });

  it('with valid settings, reports each unset credential variable by field, and nothing once they are set', () => {
    expect(orderSourceProblems(woocommerce, wooBlock(), {})).toEqual([
      'orders.keyEnv: environment variable WC_CONSUMER_KEY is not set: export the WooCommerce REST API consumer key (ck_...) before the audit',
      'orders.secretEnv: environment variable WC_CONSUMER_SECRET is not set: export the WooCommerce REST API consumer secret (cs_...) before the audit',
    ]);
    expect(orderSourceProblems(woocommerce, wooBlock(), env)).toEqual([]);
    expect(fake.requests).toEqual([]);
  });

  it('a source without the optional hooks has no problems to report', () => {
    const bare = defineOrderSource({ id: 'bare', description: 'test source', fetchOrders: async () => [] });
    expect(orderSourceProblems(bare, { source: 'bare', anything: 1 }, {})).toEqual([]);
  });

  it('a hook that throws is reported as a problem naming the source and the hook, not thrown', () => {
    const broken = defineOrderSource({
      id: 'broken',
      description: 'test source',
      fetchOrders: async () => [],
      credentialProblems() {
        throw new TypeError("Cannot read properties of undefined (reading 'tokenEnv')");
      },
    });
    expect(orderSourceProblems(broken, { source: 'broken' }, {})).toEqual([
      "orders.source: order source broken failed in credentialProblems (TypeError: Cannot read properties of undefined (reading 'tokenEnv')): fix the source file, or report it",
    ]);
  });
});

describe('checkOrderSourceAnswers: one cheap request before the journeys', () => {
  it('is undefined when the backend answered, after one request', async () => {
    expect(await checkOrderSourceAnswers(woocommerce, wooBlock(), context())).toBeUndefined();
    expect(fake.requests).toHaveLength(1);
  });

  it('is undefined for a source without checkConnection', async () => {
    const quiet = defineOrderSource({ id: 'quiet', description: 'test source', fetchOrders: async () => [] });
    expect(await checkOrderSourceAnswers(quiet, {}, context())).toBeUndefined();
  });

  it('names the source and why when the backend refuses the credentials, without the secret', async () => {
    const message = await checkOrderSourceAnswers(woocommerce, wooBlock(), context({ ...env, WC_CONSUMER_SECRET: 'cs_wrong_0000' }));
    expect(message).toMatch(/^order source woocommerce did not answer: WooCommerce http:\/\/127\.0\.0\.1:\d+\/wp-json\/wc\/v3\/orders refused the API key \(HTTP 401, /);
    expect(message).not.toMatch(/cs_wrong_0000|ck_check|cs_check/);
  });

  it('names the source and why when nothing listens', async () => {
    const down = await startLocalServer(() => undefined);
    await down.close();
    const message = await checkOrderSourceAnswers(restJson, { source: 'rest-json', waitSeconds: 5, cleanup: false, url: `${down.url}/api/orders` }, context());
    expect(message).toMatch(/^order source rest-json did not answer: orders backend http:\/\/127\.0\.0\.1:\d+\/api\/orders unreachable \(ECONNREFUSED\)\. Check that it is running and the URL is right\.$/);
  });

  it('an unset credential stops the check before any request', async () => {
    const message = await checkOrderSourceAnswers(woocommerce, wooBlock(), context({}));
    expect(message).toBe(
      'order source woocommerce did not answer: orders.keyEnv: environment variable WC_CONSUMER_KEY is not set: export the WooCommerce REST API consumer key (ck_...) before the audit',
    );
    expect(fake.requests).toEqual([]);
  });

  it('a check that fails with another error, even synchronously, is reported too, never thrown', async () => {
    const buggy = defineOrderSource({
      id: 'buggy',
      description: 'test source',
      fetchOrders: async () => [],
      checkConnection: (() => {
        throw new TypeError('x is undefined');
      }) as never,
    });
    expect(await checkOrderSourceAnswers(buggy, {}, context())).toBe("order source buggy did not answer: the check failed unexpectedly (TypeError: x is undefined), a bug in the source's checkConnection");
    const refusing = defineOrderSource({
      id: 'refusing',
      description: 'test source',
      fetchOrders: async () => [],
      checkConnection: async () => {
        throw new BackendUnreachableError('the back office refused the API key (HTTP 403).');
      },
    });
    expect(await checkOrderSourceAnswers(refusing, {}, context())).toBe('order source refusing did not answer: the back office refused the API key (HTTP 403).');
  });

  it('a check that never settles is cut off, bounded by the request time limit', async () => {
    const stuck = defineOrderSource({ id: 'stuck', description: 'test source', fetchOrders: async () => [], checkConnection: () => new Promise<void>(() => undefined) });
    const started = Date.now();
    const message = await checkOrderSourceAnswers(stuck, {}, context(env, 100));
    expect(message).toMatch(/^order source stuck did not answer: no answer within \d+ s: check that the backend is up/);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('every built-in order source', () => {
  it('loads, checks its connection before the journeys, and rejects an unknown field and a cleanup it cannot do', async () => {
    const { plugins, diagnostics } = await loadProjectPlugins('orderSources');
    expect(diagnostics).toEqual([]);
    expect(plugins.map((source) => source.id)).toEqual(expect.arrayContaining(['csv', 'demo', 'postgres', 'rest-json', 'shopify', 'woocommerce']));
    for (const source of plugins) {
      expect(source.checkConnection, source.id).toBeTypeOf('function');
      const problems = source.validateSettings!({ source: source.id, waitSeconds: 5, cleanup: false, bogusField: 1 });
      expect(problems, source.id).toContainEqual(expect.stringMatching(new RegExp(`^orders\\.bogusField: unknown field for order source '${source.id}' \\(its fields: .*\\bwaitSeconds\\b`)));
      if (!source.cleanupOrders) {
        expect(source.validateSettings!({ source: source.id, cleanup: true }), source.id).toContainEqual(
          expect.stringMatching(new RegExp(`^orders\\.cleanup: the ${source.id} source cannot clean up test orders \\(.+\\); remove cleanup$`)),
        );
      }
    }
  });

  it('a source file whose hook is not a function is refused with what to fix', () => {
    expect(sourceDefinitionProblems({ id: 'x', fetchOrders: async () => [], checkConnection: 'GET /health' })).toEqual(['`checkConnection` must be a function (or left out)']);
  });
});
