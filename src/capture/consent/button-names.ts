/**
 * Names of consent-banner buttons, in the languages our users' shops speak (French, English,
 * German, Spanish, Italian), with the wordings the common CMPs ship (tarteaucitron, Klaro,
 * CookieConsent, Didomi, OneTrust, Cookiebot...). Only whole names count: a "Read our cookie
 * policy" link must never pass for a choice.
 */
const ACCEPT_NAMES = [
  // English
  'accept all', 'accept all cookies', 'accept cookies', 'accept', 'i accept', 'accept and close', 'accept & close',
  'allow all', 'allow all cookies', 'allow cookies', 'i agree', 'agree', 'agree and close', 'agree & close',
  'ok, accept all', 'yes, i agree',
  // French
  'tout accepter', 'accepter tout', 'accepter', 'j[’\']accepte', 'accepter et fermer', 'accepter et continuer',
  'ok, tout accepter', 'tout autoriser', 'autoriser tous les cookies', 'accepter tous les cookies',
  // German
  'alle akzeptieren', 'akzeptieren', 'alle cookies akzeptieren', 'alle zulassen', 'alles akzeptieren',
  'zustimmen', 'allen zustimmen', 'einverstanden', 'das ist ok', 'akzeptieren und schließen',
  // Spanish
  'aceptar todo', 'aceptar todas', 'aceptar', 'aceptar cookies', 'aceptar todas las cookies', 'acepto',
  'aceptar y cerrar', 'permitir todas',
  // Italian
  'accetta tutti', 'accetta tutto', 'accetta', 'accetto', 'accettare tutti', 'accetta tutti i cookie',
  'accetta e chiudi', 'consenti tutti',
];

const REFUSE_NAMES = [
  // English
  'reject all', 'reject all cookies', 'reject cookies', 'reject', 'refuse all', 'refuse', 'decline all', 'decline',
  'deny all', 'deny', 'deny all cookies', 'necessary only', 'only necessary', 'only necessary cookies',
  'use necessary cookies only', 'accept only necessary', 'accept necessary cookies only', 'continue without accepting',
  'no, thanks', 'no thanks',
  // French
  'tout refuser', 'refuser tout', 'refuser', 'refuser tous les cookies', 'je refuse', 'continuer sans accepter',
  'non merci', 'uniquement les cookies nécessaires',
  // German
  'alle ablehnen', 'ablehnen', 'alles ablehnen', 'ich lehne ab', 'nur notwendige', 'nur notwendige cookies',
  'nur erforderliche cookies', 'nur essenzielle cookies', 'weiter ohne einwilligung',
  // Spanish
  'rechazar todo', 'rechazar todas', 'rechazar', 'rechazar cookies', 'rechazar todas las cookies', 'solo necesarias',
  'continuar sin aceptar',
  // Italian
  'rifiuta tutti', 'rifiuta tutto', 'rifiuta', 'rifiuto', 'rifiuta tutti i cookie', 'solo necessari',
  'continua senza accettare',
];

/**
 * A name matches when it is one of the list, optionally behind a short label and a colon
 * (tarteaucitron names its buttons "Cookies : Tout refuser") and optionally followed by a
 * parenthesis (tarteaucitron again: "Tout refuser (rechargera la page)").
 */
function wholeNames(names: string[]): RegExp {
  const alternatives = names.map((name) => name.replace(/[.*+?^${}|\\]/g, (c) => `\\${c}`).replace(/ /g, '\\s+')).join('|');
  return new RegExp(`^(?:[^:]{1,40}:\\s*)?[✓✗×✔✘\\s]*(?:${alternatives})\\s*(?:\\(.*\\))?[.!]?$`, 'i');
}

export const BUTTON_NAMES: Record<'accept' | 'refuse', RegExp> = {
  accept: wholeNames(ACCEPT_NAMES),
  refuse: wholeNames(REFUSE_NAMES),
};
