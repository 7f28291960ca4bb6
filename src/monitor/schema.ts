import { z } from 'zod';
import { endpointEntryProblem } from '../catalog/custom-endpoints.ts';
import type { CollectorDeclaration } from '../catalog/first-party-collector.ts';
import { collectorsSchema } from './collectors-schema.ts';
import { isTimeZone } from './time-zone.ts';

/** The most journeys per scenario, condition and variant: the monitor's `repeat` and the `--repeat` flag. */
export const MAX_REPEAT = 100;

/** Journeys per scenario, condition and variant: what a monitor's `repeat` and `--repeat` accept. */
export const repeatSchema = z.number().int().min(1).max(MAX_REPEAT);

/** What an http(s) URL field or flag accepts, said the same way everywhere. */
export function httpUrlAccepted(example = 'https://staging.my-shop.example'): string {
  return `an http:// or https:// URL, e.g. ${example}`;
}

/**
 * Why `value` is not an http(s) URL with a host (`'x' is not a URL`, `'ftp://x' uses the ftp scheme`),
 * or undefined when it is one. With `portTemplate`, `{port}` stands for the port picked for the run.
 */
export function httpUrlProblem(value: string, { portTemplate = false } = {}): string | undefined {
  let url: URL;
  try {
    url = new URL(portTemplate ? value.replaceAll('{port}', '1') : value);
  } catch {
    return `'${value}' is not a URL`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `'${value}' uses the ${url.protocol.slice(0, -1)} scheme`;
  if (!url.hostname) return `'${value}' has no host`;
  return undefined;
}

/** A monitor's http(s) URL field, `{port}` allowed: the message names the value and what is accepted. */
const httpUrlTemplate = (example: string) =>
  z.string().superRefine((value, ctx) => {
    const problem = httpUrlProblem(value, { portTemplate: true });
    if (problem) ctx.addIssue({ code: 'custom', message: `${problem}: ${httpUrlAccepted(example)} ({port} allowed)` });
  });

/**
 * What a vendor must send: with an order source, its purchase for each order (ga4 -> purchase);
 * without one (an order-free monitor), this event on every journey whose condition lets it fire
 * (ga4 -> page_view).
 */
const vendorExpectation = z.strictObject({
  /**
   * Event name exactly as the vendor sends it. Default: with an order source, any event the catalog
   * classes as a purchase; without one, any event of the vendor.
   */
  eventName: z.string().min(1).optional(),
  /** Whether the purchase must carry the order id (monitors with an order source). Default true. */
  requireTransactionId: z.boolean().default(true),
});

/** One custom collection endpoint: an absolute http(s) URL or a path on the audited site. */
const endpointEntry = z.string().superRefine((entry, ctx) => {
  const problem = endpointEntryProblem(entry);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const threshold = z.strictObject({
  /** Highest loss rate still passing, 0..1. Default 0: any lost order fails the run. */
  maxLossRate: z.number().min(0).max(1).default(0),
});

const orderSource = z
  .object({
    /**
     * Order source plugin id: rest-json, woocommerce, shopify, postgres, csv, demo (the embedded
     * demo shop's API), or one of the monitor's own (plugins.orderSources). Required: it is where
     * the journeys' test orders are looked up (docs/order-sources.md).
     */
    source: z.string({ error: "the order source id, e.g. 'rest-json', 'woocommerce', 'shopify' (docs/order-sources.md)" }).min(1),
    /** How long to wait for placed orders to show up in the backend, in seconds. Default 5. */
    waitSeconds: z.number().min(0).max(600).default(5),
    /**
     * Cancel (or delete) the run's test orders once the verdict is reckoned, so they leave the
     * business KPIs. true, or the source's mode (woocommerce: 'cancel' | 'delete'). Default false.
     */
    cleanup: z.union([z.boolean(), z.string().min(1)]).default(false),
  }, { error: "where the journeys' test orders land, e.g. orders: { source: 'rest-json', url: 'https://backoffice.example/api/orders' } (docs/order-sources.md)" })
  // The source checks the rest of the block (and rejects fields it does not know) before any browser starts.
  .catchall(z.unknown());

/** A site started for the audit and stopped after it, like Playwright's webServer. */
const webServer = z.strictObject({
  /** Shell command starting the site, run in the project folder, e.g. 'npm run preview -- --port {port}'. */
  command: z.string().min(1),
  /** URL polled until it answers (any status below 500) before the journeys start. Default site.baseUrl. */
  url: httpUrlTemplate('http://127.0.0.1:{port}/').optional(),
  /** How long the site may take to answer, in seconds. Default 60. */
  timeoutSeconds: z.number().min(1).max(900).default(60),
  /** Working folder of the command, relative to the project. Default the project folder. */
  cwd: z.string().min(1).optional(),
  /** Extra environment variables of the command (no secrets: the command inherits tagwatch's environment). Default none. */
  env: z.record(z.string(), z.string()).default({}),
  /** When something already answers at url: use it (true) or stop with an error (false, default). */
  reuseExistingServer: z.boolean().default(false),
});

/** Scenario names, for every condition (a list) or per condition with a `default` list. */
const scenarioNames = z.array(z.string().min(1).regex(/^[\w./-]+$/, 'a scenario name: the file name without .scenario.ts')).min(1);
const scenarios = z.union([scenarioNames, z.record(z.string(), scenarioNames)], {
  error: "scenario names: ['purchase'], or per condition { default: ['purchase'], 'cross-device': ['cross-device-purchase'] }",
});

/** One variant dimension's values, e.g. items: [1, 3], or page paths for an audit of pages: page: ['/', '/pricing']. */
const variantValues = z.array(z.union([z.string().min(1).regex(/^[\w.@+/~%-]+$/, 'letters, digits and . _ - @ + / ~ %'), z.number(), z.boolean()])).min(1);

/** Folders or files of the monitor's own plugins, relative to the project. */
const pluginPaths = z.array(z.string().min(1)).default([]);

const monitorFields = z.strictObject({
  /** Monitor name, used in reports and history. */
  name: z.string().min(1).regex(/^[a-z0-9][a-z0-9._-]*$/i, 'letters, digits, dot, dash or underscore'),
  site: z.strictObject({
    /** Origin of the shop the journeys run on. `{port}` is replaced by a free port picked for the run. */
    baseUrl: z.string({ error: 'the URL of the shop to audit, e.g. https://staging.my-shop.example' }).pipe(httpUrlTemplate('https://staging.my-shop.example')),
    /** A command starting the site before the journeys and stopping it after them (a preview build, the demo shop). Default none. */
    webServer: webServer.optional(),
  }, { error: (issue) => (issue.input === undefined ? "required: the shop to audit, e.g. site: { baseUrl: 'https://staging.my-shop.example' }" : undefined) }),
  /**
   * Folder of the scenario files, relative to the project (the nearest folder above the monitor
   * file holding a package.json). Default <project>/scenarios.
   */
  scenariosDir: z.string().min(1).optional(),
  /**
   * Scenario names (<scenariosDir>/<name>.scenario.ts), for every condition, or per condition:
   * { default: ['purchase'], 'cross-device': ['cross-device-purchase'] }. A condition needing its
   * own journey shape (cross-device, itp) must have an entry of its own. Default ['purchase'].
   */
  scenarios: scenarios.default(['purchase']),
  /**
   * A matrix every scenario runs through: { items: [1, 3], shipping: ['standard', 'express'] }
   * runs each journey once per combination, which the scenario reads as `variant`. Default none.
   */
  variants: z.record(z.string().regex(/^[A-Za-z_][\w-]*$/, 'a variant name: letters, digits, _ or -'), variantValues).default({}),
  /** The monitor's own plugins (folders or files, relative to the project), beside the built-in ones. */
  plugins: z
    .strictObject({
      vendors: pluginPaths,
      conditions: pluginPaths,
      orderSources: pluginPaths,
      reporters: pluginPaths,
    })
    .prefault({}),
  /** Condition ids: src/conditions/<id>.ts. Default ['baseline']. */
  conditions: z.array(z.string().min(1)).min(1).default(['baseline']),
  /** Journeys per scenario and condition. Default 1. */
  repeat: repeatSchema.default(1),
  /**
   * Expected event per vendor id. With an order source: the purchase each order must send; only
   * these vendors are reconciled (at least one). Without one: an event every journey must send
   * where its condition lets it (refused or ignored consent, an ad blocker excused). Default none.
   */
  expect: z.record(z.string(), vendorExpectation).default({}),
  /**
   * First-party or server-side GTM collection URLs per vendor id, e.g. { ga4: ['/sgtm/data'] }:
   * a request under one of them is that vendor's hit, before the catalog's own patterns. Absolute
   * http(s) URLs, or paths on the audited site's origin. Default none.
   */
  endpoints: z.record(z.string(), z.array(endpointEntry)).default({}),
  /**
   * The site's own collectors, each a vendor of the run (docs/first-party-collectors.md):
   * [{ id: 'shop-collector', url: '/collect/evt', method: 'POST', fields: { eventName: { json: 'event' },
   * orderId: { json: 'order' }, value: { json: 'value' }, currency: { json: 'currency' } } }].
   * Default none.
   */
  collectors: collectorsSchema,
  /**
   * Where the journeys' test orders land (the loss table reconciles them). Left out, the monitor is
   * order-free (a consent or privacy audit of pages): no loss table, the verdict from the findings.
   */
  orders: orderSource.optional(),
  /** When purchase hits are sent, measured from the confirmation page's load event. */
  timing: z
    .strictObject({
      /** A purchase hit sent later than this after the confirmation page loaded is a `late-hit` finding. Default 1. */
      lateHitSeconds: z.number().min(0).max(60).default(1),
    })
    .prefault({}),
  thresholds: z
    .strictObject({
      default: threshold.prefault({}),
      /** Per vendor overrides, e.g. { ga4: { maxLossRate: 0.05 } }. */
      vendors: z.record(z.string(), threshold).default({}),
      /**
       * Per condition, e.g. { adblock: { maxLossRate: 0.9 } }. Conditions whose loss is what they
       * measure (adblock, consent refused) default to 1: reported, never failed.
       */
      conditions: z.record(z.string(), threshold).default({}),
    })
    .prefault({}),
  browser: z
    .strictObject({
      /** Chromium binary. Default: TAGWATCH_CHROMIUM, Playwright's, then the system's. */
      executablePath: z.string().optional(),
      /** Parallel browsers. Default 2. */
      workers: z.number().int().min(1).max(16).default(2),
      /** Per-journey time limit in seconds. Default 60. */
      journeyTimeoutSeconds: z.number().min(5).max(900).default(60),
      /**
       * A Playwright server (`npx playwright run-server`) whose browsers run the journeys, instead
       * of launching Chromium here: ws://host:port/. Env TAGWATCH_WS_ENDPOINT overrides it (and
       * keeps a token in the URL out of the run folder). Default: launch Chromium here.
       */
      wsEndpoint: z.url({ protocol: /^wss?$/, error: 'a ws:// or wss:// URL of a Playwright server' }).optional(),
    })
    .prefault({}),
  /** Settings of the `adblock` condition. */
  adblock: z
    .strictObject({
      /** Built-in filter lists to block with. Default both EasyList and EasyPrivacy. */
      lists: z.array(z.enum(['easylist', 'easyprivacy'])).default(['easylist', 'easyprivacy']),
      /** Extra filter list files (uBlock Origin / Adblock Plus syntax). Default none. */
      extraLists: z.array(z.string()).default([]),
      /** Folder holding easylist.txt and easyprivacy.txt, tried before the cache and the OS copy. */
      listsDir: z.string().optional(),
    })
    .prefault({}),
  /**
   * Who shops on the site, for the gap explainer: shares 0..1. Absent fields keep the public
   * defaults of src/reconcile/audience.ts (each with its source).
   */
  audience: z
    .strictObject({
      /** Share of visits on a phone or tablet. */
      mobileShare: z.number().min(0).max(1).optional(),
      /** Desktop visitors with an ad blocker that blocks tags. */
      adBlockerDesktop: z.number().min(0).max(1).optional(),
      /** Mobile visitors with an ad blocker (or a blocking browser). */
      adBlockerMobile: z.number().min(0).max(1).optional(),
      /** Visitors who refuse consent on the banner. */
      consentRefusal: z.number().min(0).max(1).optional(),
      /** Purchases that start on one device and end on another. */
      crossDevice: z.number().min(0).max(1).optional(),
      /** Visitors on Safari or another WebKit browser with ITP. */
      safari: z.number().min(0).max(1).optional(),
      /** Buyers who leave the confirmation page at once (close the tab, go back), before late tags send. */
      quickLeavers: z.number().min(0).max(1).optional(),
    })
    .optional(),
  /** How consent findings weigh in the verdict. */
  consent: z
    .strictObject({
      /**
       * Severity of `fired-without-banner`: a marketing tag sent on a journey whose pages never
       * showed a consent banner (in any condition), so the visitor was never asked. 'error' fails
       * the run, 'warning' and 'info' report it. Default 'warning'.
       */
      firedWithoutBanner: z.enum(['error', 'warning', 'info']).default('warning'),
    })
    .prefault({}),
  /** Who is told when tracking breaks, and when. Secrets (tokens, SMTP password) only from env. */
  alerts: z
    .strictObject({
      /** Slack via the Web API (chat.postMessage). Token from the env variable `tokenEnv`. */
      slack: z
        .strictObject({
          /** Channel id or name; TAGWATCH_SLACK_CHANNEL overrides it. */
          channel: z.string().min(1).optional(),
          tokenEnv: z.string().min(1).default('SLACK_BOT_TOKEN'),
          timeoutSeconds: z.number().min(1).max(120).default(10),
          /** Retries after a 5xx or a 429 (which waits Retry-After). Default 2. */
          maxRetries: z.number().int().min(0).max(10).default(2),
        })
        .optional(),
      /** E-mail through SMTP; the server URL (smtp[s]://user:pass@host:port) from the env variable `smtpUrlEnv`. */
      email: z
        .strictObject({
          to: z.array(z.email()).min(1),
          from: z.string().min(1).default('tagwatch <tagwatch@localhost>'),
          smtpUrlEnv: z.string().min(1).default('TAGWATCH_SMTP_URL'),
          timeoutSeconds: z.number().min(1).max(120).default(20),
        })
        .optional(),
      /** A reminder after this many failing runs in a row. Default 6 (a day of 4-hourly runs). */
      remindAfterRuns: z.number().int().min(1).default(6),
      /** Re-run failed journeys once before alerting, to tell a flaky site from a broken tag. Default true. */
      rerunFailedJourneys: z.boolean().default(true),
      /** Where reports are published (e.g. a CI artifacts URL), for links in notifications; default the local path. */
      reportBaseUrl: z.url().optional(),
    })
    .prefault({}),
  /** The shop's real traffic, to estimate revenue at risk per day in alerts. */
  business: z
    .strictObject({
      dailyOrders: z.number().positive(),
      averageOrderValue: z.number().positive(),
      currency: z.string().length(3).default('EUR'),
    })
    .optional(),
  /**
   * When `tagwatch schedule` audits this monitor: a cron expression (5 fields, or 6 with seconds
   * first) in `timezone` (IANA name; default the machine's). Checked when the daemon starts.
   */
  schedule: z.strictObject({ cron: z.string().min(1), timezone: z.string().min(1).optional() }).optional(),
  /** Send vendor hits to the real endpoints instead of answering them locally. Default false. */
  liveHits: z.boolean().default(false),
  /**
   * `tagwatch compare`: what the platforms reported for a period against the real orders
   * (docs/compare.md). Each platform's block is checked by its client when the comparison starts.
   */
  compare: z
    .strictObject({
      /** The days of the comparison are in this time zone (IANA name): the one the platforms' accounts report in. Default UTC. */
      timeZone: z.string().refine(isTimeZone, 'an IANA time zone name, e.g. Europe/Berlin').default('UTC'),
      /** Per platform (ga4, google-ads, meta, tiktok), its account and where its credentials are. */
      platforms: z.partialRecord(z.enum(['ga4', 'google-ads', 'meta', 'tiktok']), z.record(z.string(), z.unknown())).default({}),
      /** Days the scheduled comparison reads, up to yesterday: the platforms revise recent days, so they are read again. Default 7. */
      days: z.number().int().min(1).max(90).default(7),
      alerts: z
        .strictObject({
          /** Alert when a platform's gap not explained by the latest audit's measured causes passes this share of real orders. Default 0.15. */
          maxUnexplained: z.number().min(0).max(1).default(0.15),
        })
        .prefault({}),
      /**
       * `tagwatch schedule` runs `tagwatch compare` (the `days` above, up to yesterday) right after
       * each audit of this monitor, whatever its verdict, in the same run slot; its output goes to
       * `compare.log` beside the run's `audit.log`. Needs a platform in `platforms`. Default false.
       */
      afterScheduledAudit: z.boolean().default(false),
    })
    .superRefine((compare, ctx) => {
      if (compare.afterScheduledAudit && Object.keys(compare.platforms).length === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['afterScheduledAudit'],
          message: "true, but compare.platforms has no platform to compare with: add one, e.g. compare: { afterScheduledAudit: true, platforms: { ga4: { propertyId: '123456789' } } } (docs/compare.md), or leave compare.afterScheduledAudit out",
        });
      }
    })
    .prefault({}),
  /** Build of the run stamp e-mail; `{stamp}` is replaced. Default tagwatch+{stamp}@example.com. */
  stampEmail: z
    .string()
    .refine((v) => v.includes('{stamp}') && v.includes('@'), 'an e-mail address containing {stamp}')
    .default('tagwatch+{stamp}@example.com'),
});

type MonitorFields = z.output<typeof monitorFields>;

/** The monitor's own plugins: files per kind, and the collectors it declares, which are vendors like the files' ones. */
export type MonitorPlugins = MonitorFields['plugins'] & { collectors?: CollectorDeclaration[] };

/**
 * The monitor. Its collectors are vendor plugins declared inline: validated, they go with the
 * plugins (`plugins.collectors`), so whoever loads the monitor's vendors (the audit's checks, each
 * journey worker, the judge of a run folder) gets them with the rest.
 */
export const monitorSchema = monitorFields
  .superRefine((monitor, ctx) => {
    // Orders are reconciled per vendor: with an order source and nothing expected, nothing would be.
    if (monitor.orders && Object.keys(monitor.expect).length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['expect'],
        message: "at least one vendor whose purchase the orders are reconciled with, e.g. expect: { ga4: { eventName: 'purchase' } }; or leave orders out for an order-free audit (docs/order-free-audits.md)",
      });
    }
    // A collector expected with its order id (the default) must say where the order id sits; only orders need it.
    if (!monitor.orders) return;
    monitor.collectors.forEach((collector, index) => {
      const expected = monitor.expect[collector.id];
      if (expected?.requireTransactionId && !collector.fields.orderId) {
        ctx.addIssue({
          code: 'custom',
          path: ['collectors', index, 'fields', 'orderId'],
          message: `required by expect.${collector.id} (its purchases must carry the order id): where the order id sits, e.g. { json: 'order.id' }; or set expect.${collector.id}.requireTransactionId: false`,
        });
      }
    });
  })
  .transform(({ collectors, ...monitor }): Omit<MonitorFields, 'collectors' | 'plugins'> & { plugins: MonitorPlugins } => ({
  ...monitor,
  plugins: collectors.length ? { ...monitor.plugins, collectors } : monitor.plugins,
}));

/** A monitor as written by a user (defaults optional). */
export type MonitorInput = z.input<typeof monitorSchema>;
/** A validated monitor with every default filled in. */
export type Monitor = z.output<typeof monitorSchema>;
