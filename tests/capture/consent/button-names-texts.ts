import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { PACKAGE_DIR } from '../../../src/package-paths.ts';

/**
 * The default button texts of the five consent managers the consent tests install from npm, in
 * the five languages tagwatch's button names cover. Read from the installed packages themselves
 * where they ship translations (tarteaucitron's lang/ files, Klaro's translations/*.yml, Orejime's
 * per-language bundles, Osano's English defaults), so an upgrade that changes a wording shows up
 * here; taken from the project's own texts where the package ships none (vanilla-cookieconsent:
 * its playground translations; Osano in the four other languages: the shop writes them, see
 * OSANO_TRANSLATED).
 */

export const MANAGERS = ['vanilla-cookieconsent', 'tarteaucitron', 'klaro', 'osano', 'orejime'] as const;
export type Manager = (typeof MANAGERS)[number];
export const LANGUAGES = ['fr', 'en', 'de', 'es', 'it'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface ManagerTexts {
  /** Buttons that give consent to everything (the banner's, and the preference panel's "all" one). */
  accept: string[];
  /** Buttons that refuse everything optional. */
  refuse: string[];
  /** The manager's other buttons and links (settings, learn more, close, save...): never a choice. */
  neither: string[];
}

const NODE_MODULES = join(PACKAGE_DIR, 'node_modules');
const read = (path: string): string => readFileSync(join(NODE_MODULES, path), 'utf8');

/**
 * vanilla-cookieconsent 3 ships no translation: every site writes its own. These are the texts of
 * the project's playground (orestbida/cookieconsent, playground/src/translations/<lang>.json), the
 * configuration generator its documentation sends users to.
 */
const VANILLA_COOKIECONSENT: Record<Language, ManagerTexts & { consentModal: Record<string, string>; preferencesModal: Record<string, string> }> = {
  en: vanilla('Accept all', 'Reject all', 'Manage preferences', 'Reject all and close', 'Save preferences', 'Close modal'),
  fr: vanilla('Accepter tout', 'Tout rejeter', 'Gérer les préférences', 'Tout rejeter et fermer', 'Sauver les préférences', 'Fermer la modale'),
  de: vanilla('Alle akzeptieren', 'Alle ablehnen', 'Einstellungen verwalten', 'Alle ablehnen und schließen', 'Einstellungen speichern', 'Modal schließen'),
  es: vanilla('Aceptar todo', 'Rechazar todo', 'Gestionar preferencias', 'Rechazar todo y cerrar', 'Guardar preferencias', 'Cerrar modal'),
  it: vanilla('Accetta tutto', 'Rifiuta tutto', 'Gestisci preferenze', 'Rifiuta tutto e chiudi', 'Salva le preferenze', 'Chiudi la finestra'),
};

function vanilla(acceptAll: string, rejectAll: string, manage: string, rejectAndClose: string, save: string, close: string) {
  return {
    accept: [acceptAll],
    // The consent modal's close icon (its closeIconLabel) refuses too: it is "reject all and close".
    refuse: [rejectAll, rejectAndClose],
    neither: [manage, save, close],
    consentModal: { acceptAllBtn: acceptAll, acceptNecessaryBtn: rejectAll, showPreferencesBtn: manage, closeIconLabel: rejectAndClose },
    preferencesModal: { acceptAllBtn: acceptAll, acceptNecessaryBtn: rejectAll, savePreferencesBtn: save, closeIconLabel: close },
  };
}

/** Exported for the pages: vanilla-cookieconsent's two modals in `lang`. */
export function vanillaCookieconsentTranslation(lang: Language): { consentModal: Record<string, string>; preferencesModal: Record<string, string> } {
  const { consentModal, preferencesModal } = VANILLA_COOKIECONSENT[lang];
  return { consentModal, preferencesModal };
}

/**
 * Osano's cookieconsent 3 ships English only (its `content` defaults: allow "Allow cookies", deny
 * "Decline", link "Learn more", dismiss "Got it!"); a French or German shop passes its own
 * `content`. These are the plain translations such shops use; English is read from the package.
 */
const OSANO_TRANSLATED: Record<Exclude<Language, 'en'>, { allow: string; deny: string; link: string; message: string }> = {
  fr: { allow: 'Autoriser les cookies', deny: 'Refuser', link: 'En savoir plus', message: 'Ce site utilise des cookies pour la mesure d’audience et la publicité.' },
  de: { allow: 'Cookies zulassen', deny: 'Ablehnen', link: 'Mehr erfahren', message: 'Diese Website verwendet Cookies für Reichweitenmessung und Werbung.' },
  es: { allow: 'Permitir cookies', deny: 'Rechazar', link: 'Más información', message: 'Este sitio usa cookies para medir la audiencia y mostrar publicidad.' },
  it: { allow: 'Consenti i cookie', deny: 'Rifiuta', link: 'Per saperne di più', message: 'Questo sito usa i cookie per misurare l’audience e per la pubblicità.' },
};

/** Osano's `content` in `lang`: the package's defaults in English, OSANO_TRANSLATED otherwise. */
export function osanoContent(lang: Language): { allow: string; deny: string; link: string; message: string; dismiss: string } {
  const source = read('cookieconsent/src/cookieconsent.js');
  const defaults = (key: string): string => {
    const found = source.match(new RegExp(`content: \\{[\\s\\S]*?\\b${key}:\\s*'([^']*)'`));
    if (!found?.[1]) throw new Error(`cookieconsent's default content.${key} not found in src/cookieconsent.js`);
    return found[1];
  };
  const dismiss = defaults('dismiss');
  if (lang === 'en') return { allow: defaults('allow'), deny: defaults('deny'), link: defaults('link'), message: defaults('message'), dismiss };
  return { ...OSANO_TRANSLATED[lang], dismiss };
}

/**
 * The aria-labels Osano's templates give its buttons, in English whatever the `content`: what
 * a screen reader, and the probe, read first.
 */
function osanoAriaLabels(): { allow: string; deny: string; link: string; dismiss: string } {
  const source = read('cookieconsent/src/cookieconsent.js');
  const label = (className: string): string => {
    const found = source.match(new RegExp(`aria-label="([^"]+)"[^>]*class="${className}"`));
    if (!found?.[1]) throw new Error(`cookieconsent's ${className} element has no aria-label`);
    return found[1];
  };
  return { allow: label('cc-btn cc-allow'), deny: label('cc-btn cc-deny'), link: label('cc-link'), dismiss: label('cc-btn cc-dismiss') };
}

/** tarteaucitron's lang/tarteaucitron.<lang>.js, evaluated as the page does (it assigns tarteaucitron.lang). */
function tarteaucitronLang(lang: Language): Record<string, string> {
  const sandbox = { tarteaucitron: { lang: {} as Record<string, string> } };
  runInNewContext(read(`tarteaucitronjs/lang/tarteaucitron.${lang}.js`), sandbox);
  return sandbox.tarteaucitron.lang;
}

/** Klaro's src/translations/<lang>.yml: its top-level `key: value` lines and consentNotice's learnMore (the bundle is built from them). */
function klaroTranslation(lang: Language): Record<string, string> {
  const yml = read(`klaro/src/translations/${lang}.yml`);
  const entries: Record<string, string> = {};
  for (const [, indent, key, value] of yml.matchAll(/^( *)(\w+): *(\S.*)$/gm)) {
    const unquoted = value!.trim().replace(/^'(.*)'$|^"(.*)"$/, '$1$2');
    if (indent === '') entries[key!] = unquoted;
    else if (key === 'learnMore') entries['consentNotice.learnMore'] = unquoted;
  }
  return entries;
}

/** Orejime's orejime-standard-<lang>.js bundle: the banner's and the preference modal's button texts. */
function orejimeTranslation(lang: Language): Record<string, string> {
  const bundle = read(`orejime/dist/orejime-standard-${lang}.js`);
  const banner = bundle.match(/accept:"([^"]*)",acceptTitle:"([^"]*)",decline:"([^"]*)",declineTitle:"([^"]*)",configure:"([^"]*)",configureTitle:"([^"]*)"/);
  const modal = bundle.match(/acceptAll:"([^"]*)",declineAll:"([^"]*)",save:"([^"]*)"/);
  if (!banner || !modal) throw new Error(`orejime-standard-${lang}.js: banner or modal texts not found`);
  const [, accept, acceptTitle, decline, declineTitle, configure, configureTitle] = banner as unknown as string[];
  const [, acceptAll, declineAll, save] = modal as unknown as string[];
  return { accept: accept!, acceptTitle: acceptTitle!, decline: decline!, declineTitle: declineTitle!, configure: configure!, configureTitle: configureTitle!, acceptAll: acceptAll!, declineAll: declineAll!, save: save! };
}

/** Every manager's texts in `lang`, read from the installed packages where they have them. */
export function managerTexts(manager: Manager, lang: Language): ManagerTexts {
  switch (manager) {
    case 'vanilla-cookieconsent': {
      const { accept, refuse, neither } = VANILLA_COOKIECONSENT[lang];
      return { accept, refuse, neither };
    }
    case 'tarteaucitron': {
      const t = tarteaucitronLang(lang);
      // The banner shows acceptAll / denyAll (with DenyAllCta); the service panel allowAll / denyAll.
      // Its per-service "allow" / "deny" toggles are not a whole-banner choice: left out.
      // The banner's buttons are named by their aria-label, "<icon> : <text>", the refusal's with
      // "(<reload>)" when the page reloads on it; its personalize button "<personalize> <modalWindow>".
      return {
        accept: [...new Set([t.acceptAll!, t.allowAll!, `${t.icon} : ${t.acceptAll}`])],
        refuse: [t.denyAll!, `${t.icon} : ${t.denyAll}`, `${t.icon} : ${t.denyAll} (${t.reload})`],
        neither: [t.personalize!, `${t.personalize} ${t.modalWindow}`, t.close!, t.closeBanner!, t.more!, t.source!, t.save!, t.alertSmall!],
      };
    }
    case 'klaro': {
      const t = klaroTranslation(lang);
      // The notice shows ok / decline / learnMore; the modal (mustConsent) acceptAll / decline / acceptSelected.
      return { accept: [t.ok!, t.acceptAll!], refuse: [t.decline!], neither: [t['consentNotice.learnMore']!, t.acceptSelected!, t.close!, t.save!] };
    }
    case 'osano': {
      const c = osanoContent(lang);
      const label = osanoAriaLabels();
      // "Got it!" (dismiss) only acknowledges an informational or opt-out banner: not a consent.
      // The deny button's aria-label ("deny cookies") is not a refuse name: its visible text is
      // (osano.test.ts expects the click reported as "Decline"); it is neither here.
      return { accept: [c.allow, label.allow], refuse: [c.deny], neither: [c.link, c.dismiss, label.link, label.dismiss, label.deny] };
    }
    case 'orejime': {
      const t = orejimeTranslation(lang);
      // Each button's title is also its accessible description (the probe reads title too).
      return { accept: [t.accept!, t.acceptTitle!, t.acceptAll!], refuse: [t.decline!, t.declineTitle!, t.declineAll!], neither: [t.configure!, t.configureTitle!, t.save!] };
    }
  }
}
