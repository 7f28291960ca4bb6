import { describe, expect, it } from 'vitest';
import { BUTTON_NAMES } from '../../../src/capture/consent/button-names.ts';

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
