import { afterAll, beforeAll, describe, it } from 'vitest';
import { handleConsentBanner } from '../../../src/capture/consent-banner.ts';
import { startLocalServer } from '../../support/local-server.ts';
import { serveButtonNamePages } from './button-names-pages.ts';
import { LANGUAGES, MANAGERS, managerTexts, type Manager } from './button-names-texts.ts';
import { CmpHarness, type CmpVisit } from './cmp-harness.ts';

/**
 * The five consent managers from npm, each configured in French, English, German, Spanish and
 * Italian by its own language setting, answered with autoconsent turned off
 * (`handleConsentBanner(..., { autoconsent: false })`, on a context where it was never installed):
 * only the button names can answer them. Each answer must click one of the manager's own accept /
 * refuse texts and end with the manager's stored decision equal to the choice.
 */

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

const CASES = MANAGERS.flatMap((manager) =>
  LANGUAGES.flatMap((lang) => (['accept', 'refuse'] as const).map((choice) => {
      const texts = managerTexts(manager, lang)[choice];
      return { manager, lang, choice, texts, names: texts.map((text) => `"${text}"`).join(' or ') };
    }),
  ),
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
  it.for(CASES)('$manager in $lang: $choice clicks $names and the manager stores it', { timeout: 240_000 }, async ({ manager, lang, choice, texts }, { expect }) => {
    const visit = await harness.visit(`${pages.url}/lang/${manager}/${lang}.html`, 'late');
    try {
      const answered: Decision = choice === 'accept' ? 'accepted' : 'refused';
      const result = await handleConsentBanner(visit.page, choice, 4000, { autoconsent: false });
      expect(result, JSON.stringify(result)).toMatchObject({ outcome: answered, method: 'fallback' });
      const clicked = result.detail?.match(/^clicked "([^"]+)"/)?.[1];
      expect(texts, `clicked "${clicked}"`).toContain(clicked);
      await expect.poll(() => storedDecision(manager, visit), { timeout: 15_000 }).toBe(answered);
    } finally {
      await visit.context.close().catch(() => undefined);
    }
  });
});
