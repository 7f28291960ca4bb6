import { z } from 'zod';

/** What a vendor must send for each order, e.g. ga4 -> purchase. */
const vendorExpectation = z.object({
  /** Event name exactly as the vendor sends it. Default: any event the catalog classes as a purchase. */
  eventName: z.string().min(1).optional(),
  /** Whether the purchase must carry the order id. Default true. */
  requireTransactionId: z.boolean().default(true),
});

const threshold = z.object({
  /** Highest loss rate still passing, 0..1. Default 0: any lost order fails the run. */
  maxLossRate: z.number().min(0).max(1).default(0),
});

const orderSource = z
  .object({
    /** Order source plugin id (src/orders/sources/<id>.ts): demo, rest-json, ... Default demo. */
    source: z.string().min(1).default('demo'),
    /** How long to wait for placed orders to show up in the backend, in seconds. Default 5. */
    waitSeconds: z.number().min(0).max(600).default(5),
  })
  .catchall(z.unknown());

export const monitorSchema = z.object({
  /** Monitor name, used in reports and history. */
  name: z.string().min(1).regex(/^[a-z0-9][a-z0-9._-]*$/i, 'letters, digits, dot, dash or underscore'),
  site: z
    .object({
      /** Origin of the shop. Absent: the embedded demo shop is started for the run. */
      baseUrl: z.url().optional(),
      /** Demo shop options, used only when baseUrl is absent. */
      demo: z
        .object({
          faults: z.array(z.string()).default([]),
          consentMode: z.enum(['basic', 'advanced']).default('advanced'),
        })
        .prefault({}),
    })
    .prefault({}),
  /** Scenario names: scenarios/<name>.scenario.ts. Default ['purchase']. */
  scenarios: z.array(z.string().min(1)).min(1).default(['purchase']),
  /** Condition ids: src/conditions/<id>.ts. Default ['baseline']. */
  conditions: z.array(z.string().min(1)).min(1).default(['baseline']),
  /** Journeys per scenario and condition. Default 1. */
  repeat: z.number().int().min(1).max(100).default(1),
  /** Expected purchase event per vendor id; only these vendors are reconciled. */
  expect: z.record(z.string(), vendorExpectation).refine((v) => Object.keys(v).length > 0, 'at least one vendor'),
  orders: orderSource.prefault({}),
  thresholds: z
    .object({
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
    .object({
      /** Chromium binary. Default: TAGWATCH_CHROMIUM, Playwright's, then the system's. */
      executablePath: z.string().optional(),
      /** Parallel browsers. Default 2. */
      workers: z.number().int().min(1).max(16).default(2),
      /** Per-journey time limit in seconds. Default 60. */
      journeyTimeoutSeconds: z.number().min(5).max(900).default(60),
    })
    .prefault({}),
  /** Settings of the `adblock` condition. */
  adblock: z
    .object({
      /** Built-in filter lists to block with. Default both EasyList and EasyPrivacy. */
      lists: z.array(z.enum(['easylist', 'easyprivacy'])).default(['easylist', 'easyprivacy']),
      /** Extra filter list files (uBlock Origin / Adblock Plus syntax). Default none. */
      extraLists: z.array(z.string()).default([]),
      /** Folder holding easylist.txt and easyprivacy.txt, tried before the cache and the OS copy. */
      listsDir: z.string().optional(),
    })
    .prefault({}),
  /** Send vendor hits to the real endpoints instead of answering them locally. Default false. */
  liveHits: z.boolean().default(false),
  /** Build of the run stamp e-mail; `{stamp}` is replaced. Default tagwatch+{stamp}@example.com. */
  stampEmail: z
    .string()
    .refine((v) => v.includes('{stamp}') && v.includes('@'), 'an e-mail address containing {stamp}')
    .default('tagwatch+{stamp}@example.com'),
});

/** A monitor as written by a user (defaults optional). */
export type MonitorInput = z.input<typeof monitorSchema>;
/** A validated monitor with every default filled in. */
export type Monitor = z.output<typeof monitorSchema>;
