import { describe, expect, it } from 'vitest';
import { BUTTON_NAMES } from '../../../src/capture/consent/button-names.ts';
import { LANGUAGES, MANAGERS, managerTexts } from './button-names-texts.ts';

const ACCEPT = [
  'Accept all', 'Accept All Cookies', 'I agree', 'Allow all', 'OK, accept all',
  'Tout accepter', 'Accepter et fermer', 'J’accepte', "J'accepte",
  'Alle akzeptieren', 'Das ist ok', 'Aceptar todo', 'Accetta tutti', 'Accettare tutti',
  // tarteaucitron's aria-label: "<icon label> : <button>"
  'Cookies : Tout accepter',
];
const REFUSE = [
  'Reject all', 'Refuse all', 'Decline', 'Deny all cookies', 'Only necessary cookies', 'Continue without accepting',
  'Tout refuser', 'Continuer sans accepter', 'Refuser',
  'Alle ablehnen', 'Ich lehne ab', 'Nur notwendige Cookies',
  'Rechazar todo', 'Rechazar todas', 'Rifiuta tutti', 'Rifiuto',
  'Cookies : Tout refuser (rechargera la page)',
];
/** Neither: links and buttons a banner or a page also has. */
const NEITHER = ['Cookie policy', 'Settings', 'Personnaliser', 'Manage preferences', 'Sure thing', 'Nope', 'OK', 'Accept the terms of sale', 'Read more about how we accept payments'];

describe('consent button names', () => {
  it.each(ACCEPT)('"%s" is an accept button, not a refuse one', (name) => {
    expect(BUTTON_NAMES.accept.test(name)).toBe(true);
    expect(BUTTON_NAMES.refuse.test(name)).toBe(false);
  });

  it.each(REFUSE)('"%s" is a refuse button, not an accept one', (name) => {
    expect(BUTTON_NAMES.refuse.test(name)).toBe(true);
    expect(BUTTON_NAMES.accept.test(name)).toBe(false);
  });

  it.each(NEITHER)('"%s" is neither', (name) => {
    expect(BUTTON_NAMES.accept.test(name)).toBe(false);
    expect(BUTTON_NAMES.refuse.test(name)).toBe(false);
  });
});

/**
 * The default texts of the five consent managers the tests install, in French, English, German,
 * Spanish and Italian, as their packages ship them (button-names-texts.ts reads them): every accept
 * text is an accept name and never a refuse one, and the reverse; their other buttons are neither.
 */
describe('consent button names: the five managers\' default texts', () => {
  const cases = MANAGERS.flatMap((manager) => LANGUAGES.map((lang) => ({ manager, lang, texts: managerTexts(manager, lang) })));

  it('are read from the packages (a wording the reader lost would leave a case empty)', () => {
    for (const { manager, lang, texts } of cases) {
      expect(texts.accept.length, `${manager} ${lang}`).toBeGreaterThan(0);
      expect(texts.refuse.length, `${manager} ${lang}`).toBeGreaterThan(0);
      expect(texts.neither.length, `${manager} ${lang}`).toBeGreaterThan(0);
      for (const text of [...texts.accept, ...texts.refuse, ...texts.neither]) expect(text, `${manager} ${lang}`).toMatch(/\S/);
    }
    // A few as their files spell them, so a reader that read the wrong keys fails here.
    expect(managerTexts('tarteaucitron', 'fr')).toMatchObject({ accept: expect.arrayContaining(['Tout accepter']), refuse: expect.arrayContaining(['Tout refuser']) });
    expect(managerTexts('klaro', 'de')).toMatchObject({ accept: expect.arrayContaining(['Das ist ok']), refuse: ['Ich lehne ab'] });
    expect(managerTexts('klaro', 'fr').accept).toContain("C'est bon.");
    expect(managerTexts('orejime', 'it')).toMatchObject({ accept: expect.arrayContaining(['Accetto']), refuse: expect.arrayContaining(['Rifiuta']) });
    expect(managerTexts('osano', 'en')).toMatchObject({ accept: ['Allow cookies', 'allow cookies'], refuse: ['Decline'], neither: expect.arrayContaining(['Learn more']) });
  });

  it.each(cases)('$manager in $lang: accept texts are accept names only', ({ texts }) => {
    for (const text of texts.accept) {
      expect(BUTTON_NAMES.accept.test(text), `"${text}" is an accept name`).toBe(true);
      expect(BUTTON_NAMES.refuse.test(text), `"${text}" is not a refuse name`).toBe(false);
    }
  });

  it.each(cases)('$manager in $lang: refuse texts are refuse names only', ({ texts }) => {
    for (const text of texts.refuse) {
      expect(BUTTON_NAMES.refuse.test(text), `"${text}" is a refuse name`).toBe(true);
      expect(BUTTON_NAMES.accept.test(text), `"${text}" is not an accept name`).toBe(false);
    }
  });

  it.each(cases)('$manager in $lang: settings, learn-more, save and close buttons are neither', ({ texts }) => {
    for (const text of texts.neither) {
      expect(BUTTON_NAMES.accept.test(text), `"${text}" is not an accept name`).toBe(false);
      expect(BUTTON_NAMES.refuse.test(text), `"${text}" is not a refuse name`).toBe(false);
    }
  });

  it('no text of any manager in any language is both, and every one is what its manager means by it', () => {
    const all = cases.flatMap(({ texts }) => [
      ...texts.accept.map((text) => ({ text, is: 'accept' })),
      ...texts.refuse.map((text) => ({ text, is: 'refuse' })),
      ...texts.neither.map((text) => ({ text, is: 'neither' })),
    ]);
    const wrong = all.filter(({ text, is }) => {
      const accept = BUTTON_NAMES.accept.test(text);
      const refuse = BUTTON_NAMES.refuse.test(text);
      return (accept && refuse) || (is === 'accept') !== accept || (is === 'refuse') !== refuse;
    });
    expect(wrong).toEqual([]);
  });
});
