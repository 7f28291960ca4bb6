import type { Page } from 'playwright';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { handleConsentBanner } from '../../../src/capture/consent-banner.ts';
import { BUTTON_NAMES } from '../../../src/capture/consent/button-names.ts';
import { startLocalServer } from '../../support/local-server.ts';
import { serveButtonNamePages } from './button-names-pages.ts';
import { LANGUAGES, MANAGERS, managerTexts, type Manager } from './button-names-texts.ts';
import { CmpHarness, type CmpVisit } from './cmp-harness.ts';

/**
 * The five consent managers from npm, each configured in French, English, German, Spanish and
 * Italian by its own language setting. One visit per manager and language: the accept and the
 * refuse button the manager rendered are both recognised by tagwatch's button names, read off
 * the page as a visitor's browser names them; then one of the two is answered with autoconsent
 * turned off (`handleConsentBanner(..., { autoconsent: false })`, on a context where it was never
 * installed), so only the button names can answer it: the click must be one of the manager's own
 * texts for that choice and the manager's stored decision must equal it. The answered choice
 * alternates, so each manager is answered both ways across its languages and each language both
 * ways across the managers.
 */

type Choice = 'accept' | 'refuse';
type Decision = 'accepted' | 'refused';

/** The decision the manager stored, read where it stores it (its cookie), or undefined when it stored none. */
async function storedDecision(manager: Manager, visit: CmpVisit): Promise<Decision | undefined> {
  const json = async (name: string): Promise<Record<string, unknown> | undefined> => {
    const value = await visit.cookie(name);
    return value ? (JSON.parse(decodeURIComponent(value)) as Record<string, unknown>) : undefined;
  };
  const yesNo = (granted: boolean | undefined): Decision | undefined => (granted === undefined ? undefined : granted ? 'accepted' : 'refused');
  switch (manager) {
    case 'vanilla-cookieconsent': {
      const categories = (await json('cc_cookie'))?.categories as string[] | undefined;
      return yesNo(categories && categories.includes('marketing'));
    }
    case 'tarteaucitron': {
      const shoppixel = (await visit.cookie('tarteaucitron'))?.match(/shoppixel=(true|false)/)?.[1];
      return yesNo(shoppixel === undefined ? undefined : shoppixel === 'true');
    }
    case 'klaro':
    case 'orejime': {
      const granted = (await json(manager))?.['meta-pixel'];
      return yesNo(typeof granted === 'boolean' ? granted : undefined);
    }
    case 'osano': {
      const status = await visit.cookie('cookieconsent_status');
      return status === 'allow' ? 'accepted' : status === 'deny' ? 'refused' : undefined;
    }
  }
}

/**
 * The names of every visible button in every frame: its accessible name (what a screen reader
 * announces) and the text a visitor reads on it, which differ on some managers (Osano's refusal
 * reads "Decline" but is labelled "deny cookies"); tagwatch's probe reads both.
 */
async function buttonNames(page: Page): Promise<string[]> {
  const names: string[] = [];
  for (const frame of page.frames()) {
    try {
      for (const button of await frame.getByRole('button').all()) {
        const [snapshot, text] = await Promise.all([button.ariaSnapshot({ timeout: 5000 }), button.innerText({ timeout: 5000 })]);
        // `- button "<accessible name>"` on its first line, the name JSON-quoted.
        const quoted = snapshot.match(/^- button ("(?:[^"\\]|\\.)*")/)?.[1];
        for (const name of [quoted && (JSON.parse(quoted) as string), text]) {
          const clean = name?.replace(/\s+/g, ' ').trim();
          if (clean && !names.includes(clean)) names.push(clean);
        }
      }
    } catch {
      // A button that went away between the listing and the reading (a banner still being built): read again on the next poll.
    }
  }
  return names;
}

const CASES = MANAGERS.flatMap((manager, managerIndex) =>
  LANGUAGES.map((lang, languageIndex) => {
    const texts = managerTexts(manager, lang);
    const choice: Choice = (managerIndex + languageIndex) % 2 === 0 ? 'accept' : 'refuse';
    const quote = (list: string[]) => list.map((text) => `"${text}"`).join(' or ');
    return { manager, lang, choice, texts, clicks: quote(texts[choice]) };
  }),
);

describe.concurrent('consent button names: the five managers in five languages, autoconsent off (real CMPs, real Chromium)', () => {
  let harness: CmpHarness;
  let pages: Awaited<ReturnType<typeof startLocalServer>>;
  beforeAll(async () => {
    [harness, pages] = await Promise.all([CmpHarness.start(), startLocalServer(serveButtonNamePages)]);
  });
  afterAll(async () => {
    await harness?.close();
    await pages?.close();
  });

  // A case's time includes its siblings' (five at a time) on a loaded machine.
  it.for(CASES)(
    '$manager in $lang: its accept and refuse buttons are recognised by name; $choice clicks $clicks and the manager stores it',
    { timeout: 240_000 },
    async ({ manager, lang, choice, texts }, { expect }) => {
      const visit = await harness.visit(`${pages.url}/lang/${manager}/${lang}.html`, 'late');
      try {
        // Both buttons as the manager rendered them: one of its own texts for the choice, matched by BUTTON_NAMES.
        // Polled: some managers build their banner after the load event.
        const recognised = async () => {
          const names = await buttonNames(visit.page);
          const seen = (wanted: Choice) => names.filter((name) => texts[wanted].includes(name) && BUTTON_NAMES[wanted].test(name));
          return { accept: seen('accept').length > 0, refuse: seen('refuse').length > 0, names };
        };
        await expect
          .poll(recognised, { timeout: 60_000, message: `${manager} in ${lang}: buttons named ${JSON.stringify(texts.accept)} and ${JSON.stringify(texts.refuse)}, each recognised by BUTTON_NAMES` })
          .toMatchObject({ accept: true, refuse: true });

        const answered: Decision = choice === 'accept' ? 'accepted' : 'refused';
        const result = await handleConsentBanner(visit.page, choice, 4000, { autoconsent: false });
        expect(result, JSON.stringify(result)).toMatchObject({ outcome: answered, method: 'fallback' });
        const clicked = result.detail?.match(/^clicked "([^"]+)"/)?.[1];
        expect(texts[choice], `clicked "${clicked}"`).toContain(clicked);
        await expect.poll(() => storedDecision(manager, visit), { timeout: 15_000 }).toBe(answered);
      } finally {
        await visit.context.close().catch(() => undefined);
      }
    },
  );
});
