import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleConsentBanner } from '../../../src/capture/consent-banner.ts';
import type { ConsentOutcome } from '../../../src/model/run-event.ts';
import { CmpHarness, loadMachine, type CmpVisit } from './cmp-harness.ts';

/**
 * The outcome tagwatch reports is the decision the consent manager itself stored, read here from
 * its own cookie as its documentation describes it (not through tagwatch's reader), for the five
 * managers installed from npm, accept / refuse / ignore, with autoconsent on and off, on the
 * machine as it is and (`npm run test:consent-loaded`) on one loaded on purpose (two busy loops per core).
 */

type Stored = 'accept' | 'refuse' | undefined;

function json(cookie: string | undefined): unknown {
  return cookie ? JSON.parse(decodeURIComponent(cookie)) : undefined;
}

function ofFlags(flags: Record<string, boolean> | undefined): Stored {
  if (!flags) return undefined;
  const values = Object.values(flags);
  return values.every(Boolean) ? 'accept' : values.some(Boolean) ? undefined : 'refuse';
}

interface Manager {
  page: string;
  /** The name the page identifies its CMP by (its global). */
  name: string;
  stored(visit: CmpVisit): Promise<Stored>;
}

const MANAGERS: Manager[] = [
  {
    page: 'tarteaucitron',
    name: 'tarteaucitron',
    // `!shoppixel=true|false`; `=wait` until the visitor answers.
    stored: async (visit) => ({ '!shoppixel=true': 'accept', '!shoppixel=false': 'refuse' } as const)[(await visit.cookie('tarteaucitron')) ?? ''] ?? undefined,
  },
  { page: 'klaro', name: 'Klaro', stored: async (visit) => ofFlags(json(await visit.cookie('klaro')) as Record<string, boolean> | undefined) },
  { page: 'orejime', name: 'Orejime', stored: async (visit) => ofFlags(json(await visit.cookie('orejime')) as Record<string, boolean> | undefined) },
  {
    page: 'cookieconsent',
    name: 'CookieConsent (orestbida)',
    stored: async (visit) => {
      const categories = (json(await visit.cookie('cc_cookie')) as { categories: string[] } | undefined)?.categories;
      return categories === undefined ? undefined : categories.includes('marketing') ? 'accept' : 'refuse';
    },
  },
  {
    page: 'osano',
    name: 'Osano cookieconsent',
    stored: async (visit) => ({ allow: 'accept', deny: 'refuse' } as const)[(await visit.cookie('cookieconsent_status')) ?? ''] ?? undefined,
  },
];

const CHOICES = [
  { choice: 'accept', outcome: 'accepted', stored: 'accept' },
  { choice: 'refuse', outcome: 'refused', stored: 'refuse' },
  { choice: 'ignore', outcome: 'ignored', stored: undefined },
] as const;

/** Six journeys side by side (a choice, autoconsent on or off), each in a context of its own. */
async function answerAll(harness: CmpHarness, manager: Manager): Promise<void> {
  const cells = CHOICES.flatMap((cell) => [true, false].map((autoconsent) => ({ ...cell, autoconsent })));
  const seen = await Promise.all(
    cells.map(async ({ choice, autoconsent }) => {
      const visit = await harness.visit(manager.page, autoconsent ? 'upfront' : 'late');
      const result = await handleConsentBanner(visit.page, choice, 4000, { autoconsent });
      return { choice, autoconsent, outcome: result.outcome as ConsentOutcome, stored: await manager.stored(visit), cmp: result.cmp, detail: result.detail };
    }),
  );
  // One assertion on the whole table: a failure shows every cell, with its detail.
  expect(seen.map(({ detail, ...cell }) => (cell.outcome === 'not-handled' ? { ...cell, detail } : cell))).toEqual(
    cells.map(({ choice, autoconsent, outcome, stored }) => ({ choice, autoconsent, outcome, stored, cmp: manager.name })),
  );
}

/**
 * Answers another consent test makes with the same call on the same page (same choice, same
 * autoconsent setting, installed the same way), checking the same outcome, the same stored decision
 * and the same CMP name: `<page> <choice> <autoconsent on|off>` -> where it is checked.
 */
const ALREADY_CHECKED: Record<string, string> = {
  'tarteaucitron accept on': 'tarteaucitron.test.ts, "accept: consent stored and the pixel fires"',
  'tarteaucitron ignore off': 'banner-absent-or-unknown.test.ts, "ignore on a page whose banner comes late"',
  'cookieconsent ignore on': 'banner-absent-or-unknown.test.ts, "ignore leaves a known CMP alone"',
  'orejime accept on': 'orejime.test.ts, "accept: "Accepter" is clicked"',
  'orejime refuse on': 'orejime.test.ts, "refuse: "Refuser" is clicked"',
  'osano accept on': 'osano.test.ts, "accept: "Allow cookies" is answered"',
  'osano refuse on': 'osano.test.ts, "refuse: "Decline" is answered"',
};

const IDLE_CASES = MANAGERS.flatMap((manager) =>
  CHOICES.flatMap((cell) => [true, false].map((autoconsent) => ({ ...cell, autoconsent, manager, name: manager.page }))),
).filter(({ name, choice, autoconsent }) => !(`${name} ${choice} ${autoconsent ? 'on' : 'off'}` in ALREADY_CHECKED));

const CASE_TIMEOUT_MS = 300_000;

describe('consent outcome = the decision the CMP stored (real CMPs from npm, real Chromium)', { timeout: CASE_TIMEOUT_MS }, () => {
  let harness: CmpHarness;
  // Starting and closing Chromium beside the loaded half's busy loops can take more than the browser layer's minute.
  beforeAll(async () => {
    harness = await CmpHarness.start();
  }, 180_000);
  afterAll(async () => {
    await harness?.close();
  }, 180_000);

  // One journey per case, five side by side (each in a context of its own), the answers that
  // another consent test already makes on the same page, the same way, left out (ALREADY_CHECKED).
  describe.concurrent('on the machine as it is', { timeout: CASE_TIMEOUT_MS }, () => {
    it.for(IDLE_CASES)('$name: $choice, autoconsent $autoconsent', async ({ manager, choice, outcome, stored, autoconsent }, { expect }) => {
      const visit = await harness.visit(manager.page, autoconsent ? 'upfront' : 'late');
      try {
        const result = await handleConsentBanner(visit.page, choice, 4000, { autoconsent });
        const seen = { outcome: result.outcome as ConsentOutcome, stored: await manager.stored(visit), cmp: result.cmp };
        expect(seen, result.detail).toEqual({ outcome, stored, cmp: manager.name });
      } finally {
        await visit.context.close().catch(() => undefined);
      }
    });
  });

  // Loading the machine slows every other test file running beside this one (and doubles this
  // file's two minutes): `npm run test:consent-loaded` runs it (TAGWATCH_TEST_LOADED=1); the suite
  // as a whole is run loaded as README's "Testing" says.
  describe.runIf(process.env.TAGWATCH_TEST_LOADED === '1')('on a machine loaded on purpose (two busy loops per core)', () => {
    let load: ReturnType<typeof loadMachine> | undefined;
    beforeAll(() => {
      load = loadMachine(2);
    });
    afterAll(() => {
      load?.stop();
    });

    // Ten rounds by default (TAGWATCH_CONSENT_ROUNDS): 5 managers x 3 answers x autoconsent on and off x 10 = 300 decisions.
    const rounds = Number(process.env.TAGWATCH_CONSENT_ROUNDS ?? 10);
    for (let round = 1; round <= rounds; round++) {
      for (const manager of MANAGERS) {
        it(`${manager.page}, round ${round} of ${rounds}: accept / refuse / ignore, autoconsent on and off`, () => answerAll(harness, manager));
      }
    }
  });
});
