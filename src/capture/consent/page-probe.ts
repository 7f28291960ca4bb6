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

/** Cookie and localStorage entries of the frame's document, by name: where a CMP records a choice. */
export async function consentStorageSnapshot(frame: Frame): Promise<Record<string, string>> {
  try {
    return (await frame.evaluate(`(() => {
      const entries = {};
      for (const pair of document.cookie.split(/;\\s*/)) {
        const at = pair.indexOf('=');
        if (at > 0) entries['cookie:' + pair.slice(0, at)] = pair.slice(at + 1);
      }
      try { for (const key of Object.keys(localStorage)) entries['localStorage:' + key] = localStorage.getItem(key); } catch {}
      return entries;
    })()`)) as Record<string, string>;
  } catch {
    return {};
  }
}

/**
 * Names CMPs store a choice under (tarteaucitron, Klaro, CookieConsent, OneTrust, Didomi,
 * Cookiebot, Axeptio, Borlabs, the IAB TC string...). Only these count as "the CMP stored a
 * choice": an analytics script writing its own cookie meanwhile must not pass for an answer.
 */
const CONSENT_STORAGE_NAME = /consent|cookie|gdpr|rgpd|cmp|privacy|tarteaucitron|klaro|cc_|optanon|didomi|axeptio|borlabs|euconsent|tcstring/i;

/** The consent-looking entries that appeared or changed between two snapshots. */
export function consentStorageChanges(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys(after).filter((key) => after[key] !== before[key] && CONSENT_STORAGE_NAME.test(key.slice(key.indexOf(':') + 1)));
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
