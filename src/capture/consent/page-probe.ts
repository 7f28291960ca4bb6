import type { Frame, Page } from 'playwright';
import { BUTTON_NAMES } from './button-names.ts';

/** Attribute the probe puts on the button it found, so Playwright can click that very element. */
export const CONSENT_MARK = 'data-tagwatch-consent';

/** What one frame shows of a consent banner. */
export interface FrameProbe {
  frame: Frame;
  /** Name of a visible accept button, when there is one (the element carries CONSENT_MARK="accept"). */
  accept?: string;
  /** Name of a visible refuse button, when there is one (the element carries CONSENT_MARK="refuse"). */
  refuse?: string;
  /** A visible box that looks like a consent banner (fixed or dialog, speaks of cookies, offers choices). */
  box?: string;
}

/**
 * Runs in the page. Plain JavaScript text, not a serialized function: TypeScript loaders (tsx
 * keeps names) inject helpers that do not exist in the page.
 *
 * Walks open shadow roots too (many CMPs render in one). A button's name is its aria-label, the
 * text of its aria-labelledby, or its own text, whichever matches: CMPs are inconsistent about
 * which one carries the words. The box check is what tells "a banner we could not answer" from
 * "no banner": a visible fixed/sticky or dialog element, near the top of the tree or named like a
 * consent box, whose text speaks of cookies or consent and that offers at least two controls (a
 * lone "cookie settings" floater left after a choice is not a banner).
 */
const PROBE_SOURCE = `(({ accept, refuse, mark }) => {
  const patterns = { accept: new RegExp(accept[0], accept[1]), refuse: new RegExp(refuse[0], refuse[1]) };
  const CONSENT_WORDS = /cookie|consent|gdpr|rgpd|dsgvo|traceurs|einwilligung|consenso|consentimiento/i;
  const CONTROLS = 'button, a, [role="button"], [role="link"], input[type="button"], input[type="submit"]';
  const NAMED_BOX = '[role="dialog"], [role="alertdialog"], [aria-modal="true"], dialog[open], [id*="cookie" i], [class*="cookie" i], [id*="consent" i], [class*="consent" i], [id*="gdpr" i], [class*="gdpr" i], [id*="cmp" i]';
  const roots = [document];
  for (let i = 0; i < roots.length && i < 200; i++) {
    for (const element of roots[i].querySelectorAll('*')) if (element.shadowRoot) roots.push(element.shadowRoot);
  }
  const select = (selector) => roots.flatMap((root) => Array.from(root.querySelectorAll(selector)));
  const visible = (element) => {
    if (!element.isConnected) return false;
    const rect = element.getBoundingClientRect();
    if (rect.width < 2 || rect.height < 2) return false;
    if (typeof element.checkVisibility === 'function') return element.checkVisibility({ visibilityProperty: true, opacityProperty: true });
    const style = getComputedStyle(element);
    return style.display !== 'none' && style.visibility !== 'hidden';
  };
  const clean = (text) => (text || '').replace(/\\s+/g, ' ').trim();
  const namesOf = (element) => {
    const labelledBy = (element.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean)
      .map((id) => (element.getRootNode().getElementById?.(id) || document.getElementById(id))?.textContent || '').join(' ');
    return [element.getAttribute('aria-label'), labelledBy, element.innerText || element.textContent, element.value, element.title]
      .map(clean).filter((name) => name && name.length <= 80);
  };

  for (const old of select('[' + mark + ']')) old.removeAttribute(mark);
  const found = {};
  for (const element of select(CONTROLS)) {
    if (found.accept && found.refuse) break;
    if (!visible(element)) continue;
    const names = namesOf(element);
    for (const choice of ['accept', 'refuse']) {
      if (found[choice]) continue;
      const name = names.find((candidate) => patterns[choice].test(candidate));
      if (name) { element.setAttribute(mark, choice); found[choice] = name; break; }
    }
  }

  const candidates = new Set(select(NAMED_BOX));
  const nearTop = (element, depth) => {
    if (depth > 4) return;
    for (const child of element.children) {
      const position = getComputedStyle(child).position;
      if (position === 'fixed' || position === 'sticky') candidates.add(child);
      nearTop(child, depth + 1);
    }
  };
  if (document.body) nearTop(document.body, 0);
  let box;
  for (const element of candidates) {
    if (!visible(element)) continue;
    const text = clean(element.innerText);
    if (text.length < 20 || text.length > 5000 || !CONSENT_WORDS.test(text)) continue;
    let controls = 0;
    for (const control of element.querySelectorAll(CONTROLS)) if (visible(control)) controls++;
    if (controls < 2) continue;
    const id = element.id ? '#' + element.id : '';
    const role = element.getAttribute('role') ? '[role=' + element.getAttribute('role') + ']' : '';
    box = element.tagName.toLowerCase() + id + role + ' "' + text.slice(0, 60) + (text.length > 60 ? '…' : '') + '"';
    break;
  }
  return { accept: found.accept, refuse: found.refuse, box };
})`;

const PROBE_ARGUMENT = JSON.stringify({
  accept: [BUTTON_NAMES.accept.source, BUTTON_NAMES.accept.flags],
  refuse: [BUTTON_NAMES.refuse.source, BUTTON_NAMES.refuse.flags],
  mark: CONSENT_MARK,
});

/** Probes one frame; a frame that navigates or detaches meanwhile shows nothing this round. */
export async function probeFrame(frame: Frame): Promise<FrameProbe> {
  try {
    const found = (await frame.evaluate(`${PROBE_SOURCE}(${PROBE_ARGUMENT})`)) as Omit<FrameProbe, 'frame'>;
    return { frame, ...stripUndefined(found) };
  } catch {
    return { frame };
  }
}

/** Probes every frame of the page (CMPs often live in iframes). */
export function probePage(page: Page): Promise<FrameProbe[]> {
  return Promise.all(page.frames().map(probeFrame));
}

/**
 * Run in the frame (plain text, see PROBE_SOURCE): its cookies and localStorage by name, and the two
 * places a consent decision is published rather than stored: the IAB TC string (`tcf:tcString`,
 * read from `__tcfapi` when the page has one) and the latest Google consent mode update pushed to
 * the dataLayer (`gcm:update`). Short on purpose: it runs after every click.
 */
const SNAPSHOT_SOURCE = `(async () => {
  const entries = {};
  for (const pair of document.cookie.split(/;\\s*/)) {
    const at = pair.indexOf('=');
    if (at > 0) entries['cookie:' + pair.slice(0, at)] = pair.slice(at + 1);
  }
  try { for (const key of Object.keys(localStorage)) entries['localStorage:' + key] = localStorage.getItem(key); } catch {}
  try {
    const layer = Array.isArray(window.dataLayer) ? window.dataLayer : [];
    for (let i = layer.length - 1; i >= 0; i--) {
      const item = layer[i];
      if (item && typeof item === 'object' && item[0] === 'consent' && item[1] === 'update' && item[2]) { entries['gcm:update'] = JSON.stringify(item[2]); break; }
    }
  } catch {}
  if (typeof window.__tcfapi === 'function' && window === window.top) {
    const tc = await new Promise((resolve) => {
      const timer = setTimeout(() => resolve(undefined), 300);
      try { window.__tcfapi('getTCData', 2, (data, ok) => { clearTimeout(timer); resolve(ok && data && data.tcString ? data.tcString : undefined); }); }
      catch { clearTimeout(timer); resolve(undefined); }
    });
    if (tc) entries['tcf:tcString'] = tc;
  }
  return entries;
})()`;

/**
 * Where a CMP records a choice, by name: cookies, localStorage, the TC string, Google consent mode
 * updates. Entries of the frame's document, keyed `cookie:NAME`, `localStorage:KEY`, `tcf:tcString`,
 * `gcm:update`. Empty when the frame cannot be read (navigating, detached).
 */
export async function consentStorageSnapshot(frame: Frame): Promise<Record<string, string>> {
  try {
    return (await frame.evaluate(SNAPSHOT_SOURCE)) as Record<string, string>;
  } catch {
    return {};
  }
}

/**
 * Names CMPs store a choice under (tarteaucitron, Klaro, Orejime, CookieConsent, Osano, OneTrust,
 * Didomi, Cookiebot, Axeptio, Borlabs, the IAB TC string, Google consent mode...). Only these count
 * as "the CMP stored a choice": an analytics script writing its own cookie meanwhile must not pass
 * for an answer.
 */
const CONSENT_STORAGE_NAME = /consent|cookie|gdpr|rgpd|cmp|privacy|tarteaucitron|klaro|orejime|cc_|optanon|didomi|axeptio|borlabs|euconsent|tcstring|^update$/i;

/** The consent-looking entries that appeared or changed between two snapshots. */
export function consentStorageChanges(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys(after).filter((key) => after[key] !== before[key] && CONSENT_STORAGE_NAME.test(key.slice(key.indexOf(':') + 1)));
}

/**
 * What a stored entry says: all allowed, all refused, some of each (`partial`), or "not decided
 * yet" (`pending`: tarteaucitron writes `=wait` before any answer). Undefined when the entry is a
 * consent entry whose format is not known here.
 */
export type StoredChoice = 'accept' | 'refuse' | 'partial' | 'pending';

export interface StoredDecision {
  /** What the CMP stored, when its entry can be read; undefined when nothing readable changed. */
  choice?: StoredChoice;
  /** The consent entries that changed (`cookie:klaro`...), readable or not. */
  entries: string[];
}

/** All true, all false, or some of each, of a list of yes/no values. */
function ofFlags(flags: boolean[]): StoredChoice | undefined {
  if (flags.length === 0) return undefined;
  if (flags.every(Boolean)) return 'accept';
  if (!flags.some(Boolean)) return 'refuse';
  return 'partial';
}

function parseJson(value: string): unknown {
  for (const text of [value, safeDecode(value)]) {
    try {
      return JSON.parse(text);
    } catch {
      // next form
    }
  }
  return undefined;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * Reads one entry as the CMP that writes it means it. Known formats: tarteaucitron's
 * `!service=true|false|wait`, Klaro's and Orejime's JSON of service/purpose to boolean,
 * CookieConsent v3's `cc_cookie` categories (necessary alone is a refusal), Osano's
 * `cookieconsent_status` (allow/dismiss/deny), Google consent mode's granted/denied, the TC
 * string's purposes; and a value that is one plain word (yes/no, true/false, allow/deny...).
 */
export function readStoredEntry(key: string, value: string): StoredChoice | undefined {
  const name = key.slice(key.indexOf(':') + 1);
  const text = safeDecode(value).trim();
  if (/^tarteaucitron$/i.test(name)) {
    const states = text.split('!').filter(Boolean).map((pair) => pair.slice(pair.indexOf('=') + 1));
    if (states.length === 0 || states.includes('wait')) return 'pending';
    return ofFlags(states.map((state) => state === 'true'));
  }
  if (/^cookieconsent_status$/i.test(name)) return /^(allow|dismiss)$/i.test(text) ? 'accept' : /^deny$/i.test(text) ? 'refuse' : undefined;
  if (key === 'tcf:tcString') {
    const purposes = tcfPurposes(text);
    return purposes === undefined ? undefined : purposes === 0 ? 'refuse' : purposes >= 10 ? 'accept' : 'partial';
  }
  const json = parseJson(value);
  if (json && typeof json === 'object' && !Array.isArray(json)) {
    const record = json as Record<string, unknown>;
    if (key === 'gcm:update') {
      const states = Object.values(record).filter((state): state is string => state === 'granted' || state === 'denied');
      return ofFlags(states.map((state) => state === 'granted'));
    }
    if (Array.isArray(record.categories)) {
      // CookieConsent v3: the necessary category is always there; anything more was allowed.
      const categories = record.categories.filter((category) => category !== 'necessary');
      return categories.length === 0 ? 'refuse' : 'accept';
    }
    const flags = Object.values(record);
    if (flags.length > 0 && flags.every((flag) => typeof flag === 'boolean')) return ofFlags(flags as boolean[]);
    return undefined;
  }
  if (/^(yes|true|1|allow|allowed|accept|accepted|granted|all)$/i.test(text)) return 'accept';
  if (/^(no|false|0|deny|denied|refuse|refused|reject|rejected|necessary)$/i.test(text)) return 'refuse';
  if (/^(wait|pending|undecided|unknown)$/i.test(text)) return 'pending';
  return undefined;
}

/** How many TCF purposes a TC string consents to, from its core segment (bits 152-175); undefined when it cannot be read. */
function tcfPurposes(tcString: string): number | undefined {
  const core = tcString.split('.')[0] ?? '';
  try {
    const bytes = Buffer.from(core.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    let count = 0;
    for (let bit = 152; bit < 176; bit++) if (bytes[bit >> 3]! & (0x80 >> (bit & 7))) count++;
    return bytes.length >= 22 ? count : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The decision the CMP stored between two snapshots: the consent entries that changed and, of
 * those it can read, the first that says something other than "not decided yet" (else `pending`).
 */
export function storedDecision(before: Record<string, string>, after: Record<string, string>): StoredDecision {
  const entries = consentStorageChanges(before, after);
  let choice: StoredChoice | undefined;
  for (const key of entries) {
    const read = readStoredEntry(key, after[key]!);
    if (read && read !== 'pending') return { choice: read, entries };
    choice ??= read;
  }
  return { choice, entries };
}

/** Whether what was stored is the choice asked for: a refusal leaves what the CMP makes mandatory (`partial`). */
export function decisionMatches(choice: 'accept' | 'refuse', stored: StoredChoice | undefined): boolean {
  return choice === 'accept' ? stored === 'accept' : stored === 'refuse' || stored === 'partial';
}

/** A decision stored against the choice asked for (accept stored on a refusal, or the reverse). */
export function decisionContradicts(choice: 'accept' | 'refuse', stored: StoredChoice | undefined): boolean {
  return choice === 'accept' ? stored === 'refuse' : stored === 'accept';
}

function stripUndefined(found: Omit<FrameProbe, 'frame'>): Omit<FrameProbe, 'frame'> {
  const result: Omit<FrameProbe, 'frame'> = {};
  if (found.accept) result.accept = found.accept;
  if (found.refuse) result.refuse = found.refuse;
  if (found.box) result.box = found.box;
  return result;
}

/** Where a frame is, for details: nothing for the main frame. */
export function frameLabel(frame: Frame): string {
  return frame.parentFrame() ? ` in frame ${frame.url()}` : '';
}
