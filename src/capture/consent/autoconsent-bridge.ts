import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { BrowserContext, Frame, Page } from 'playwright';
import type {
  AutoConsentCMPRule,
  BackgroundMessage,
  Config,
  ContentScriptMessage,
  DoneMessage,
  OptInResultMessage,
  OptOutResultMessage,
} from '@duckduckgo/autoconsent';
import { trackPageActivity } from './page-activity.ts';

/** The name autoconsent's Playwright bundle calls to reach its controller. */
const BINDING = 'autoconsentSendMessage';

/**
 * The controller decides, not autoconsent: `autoAction: null` makes it detect the CMP and its
 * popup and then wait for our optIn/optOut, because the choice is only known when the scenario
 * calls `journey.consent()`, after the content script has started. No prehiding (an `ignore`
 * journey must see the banner as a visitor does) and no cosmetic rules (hiding a banner with CSS
 * is not a refusal: tags would behave as if nothing was answered). The script runs in the main
 * world (addInitScript), so its eval rules run in place.
 */
const CONFIG: Partial<Config> = {
  enabled: true,
  autoAction: null,
  disabledCmps: [],
  enablePrehide: false,
  enableCosmeticRules: false,
  enableGeneratedRules: true,
  enableHeuristicDetection: false,
  heuristicMode: 'off',
  // 20 rounds of 500 ms upstream; here rounds come every DETECT_ROUND_MS (see autoconsentFiles),
  // so as many more keep the ~10 s it looks for a late CMP. From the second round on autoconsent
  // also waits for a DOM change: a still page costs no more rounds.
  detectRetries: 60,
  isMainWorld: true,
  visualTest: false,
  logs: { lifecycle: false, rulesteps: false, detectionsteps: false, evals: false, errors: false, messages: false, waits: false },
};

interface SiteRule {
  rule: AutoConsentCMPRule;
  pattern: RegExp;
}

interface AutoconsentFiles {
  script: string;
  /** Rules without a URL pattern, for top frames and for iframes. */
  generic: { main: AutoConsentCMPRule[]; frame: AutoConsentCMPRule[] };
  site: { main: SiteRule[]; frame: SiteRule[] };
}

let files: AutoconsentFiles | undefined;

/**
 * Between autoconsent's detection rounds (500 ms in the bundle). Its first round runs at
 * DOMContentLoaded, usually before a CMP script has drawn its banner; the banner is then seen by
 * the second round, and a banner of no CMP autoconsent knows is clicked by name only after that
 * round looked at it: half a second of every journey, measured (bench journey-phase-consent-ms).
 */
const DETECT_ROUND_MS = 150;
const UPSTREAM_ROUND = 'const waitFor2 = [this.domActions.wait(500)];';

/** The bundle and rules shipped in the npm package: read once, nothing fetched. */
function autoconsentFiles(): AutoconsentFiles {
  if (files) return files;
  const require = createRequire(import.meta.url);
  const bundle = readFileSync(join(dirname(require.resolve('@duckduckgo/autoconsent')), 'autoconsent.playwright.js'), 'utf8');
  // Another autoconsent version without this line keeps its own rounds: slower, never wrong.
  const script = bundle.replace(UPSTREAM_ROUND, `const waitFor2 = [this.domActions.wait(${DETECT_ROUND_MS})];`);
  const { autoconsent: rules } = require('@duckduckgo/autoconsent/rules/rules.json') as { autoconsent: AutoConsentCMPRule[] };
  const loaded: AutoconsentFiles = { script, generic: { main: [], frame: [] }, site: { main: [], frame: [] } };
  for (const rule of rules) {
    const context = rule.runContext ?? {};
    const where: ('main' | 'frame')[] = [];
    if (context.main ?? true) where.push('main');
    if (context.frame ?? false) where.push('frame');
    let pattern: RegExp | undefined;
    if (context.urlPattern) {
      try {
        pattern = new RegExp(context.urlPattern);
      } catch {
        continue; // A pattern Node cannot compile would not match in the page either.
      }
    }
    for (const place of where) {
      if (pattern) loaded.site[place].push({ rule, pattern });
      else loaded.generic[place].push(rule);
    }
  }
  return (files = loaded);
}

/**
 * Only the rules that can run in that frame: autoconsent would drop the others itself, but every
 * frame gets its rules through one evaluate, and the whole file is 700 kB.
 */
export function rulesFor(url: string, mainFrame: boolean): AutoConsentCMPRule[] {
  const { generic, site } = autoconsentFiles();
  const place = mainFrame ? 'main' : 'frame';
  return [...site[place].filter(({ pattern }) => pattern.test(url)).map(({ rule }) => rule), ...generic[place]];
}

type ActionResult = OptInResultMessage | OptOutResultMessage;

interface FrameState {
  /** Detection rounds autoconsent ran in this document (from its reports). */
  findCmpAttempts: number;
  /** When (Date.now()) its latest round from the second on was reported: the page as it was then, autoconsent has looked at. */
  lookedAt?: number;
  cmps: string[];
  popups: string[];
  results: ActionResult[];
  done?: DoneMessage;
  acted: boolean;
}

/** What autoconsent reported on one page, frame by frame; a frame's state restarts with each document. */
export class AutoconsentPage {
  private readonly frames = new Map<Frame, FrameState>();
  private readonly listeners = new Set<() => void>();

  restart(frame: Frame): void {
    this.frames.set(frame, { findCmpAttempts: 0, cmps: [], popups: [], results: [], acted: false });
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  record(frame: Frame, message: ContentScriptMessage): void {
    let state = this.frames.get(frame);
    if (!state) this.restart(frame);
    state = this.frames.get(frame)!;
    if (message.type === 'cmpDetected' && !state.cmps.includes(message.cmp)) state.cmps.push(message.cmp);
    else if (message.type === 'popupFound' && !state.popups.includes(message.cmp)) state.popups.push(message.cmp);
    else if (message.type === 'optInResult' || message.type === 'optOutResult') state.results.push(message);
    else if (message.type === 'autoconsentDone') state.done = message;
    else if (message.type === 'report') {
      state.findCmpAttempts = message.state.findCmpAttempts;
      // Every round from the second on: the latest one is what has seen the page as it is now.
      if (state.findCmpAttempts >= 2) state.lookedAt = Date.now();
    }
    this.notify();
  }

  private live(): [Frame, FrameState][] {
    // The top frame first: its CMP is the one a visitor answers.
    return [...this.frames].filter(([frame]) => !frame.isDetached()).sort(([a], [b]) => Number(!!a.parentFrame()) - Number(!!b.parentFrame()));
  }

  /** The CMP autoconsent recognised, popup or not (a stored choice leaves the CMP without popup). */
  detectedCmp(): string | undefined {
    return this.live().find(([, state]) => state.cmps.length > 0)?.[1].cmps[0];
  }

  /**
   * Autoconsent may still claim a banner: a frame is in its first detection rounds, or has
   * recognised a CMP whose popup it has not found yet. Two rounds without a CMP (DOMContentLoaded
   * and DETECT_ROUND_MS later) mean its rules know nothing here.
   */
  searching(): boolean {
    return this.live().some(([, state]) => (state.cmps.length === 0 ? state.findCmpAttempts < 2 : state.popups.length === 0 && !state.acted));
  }

  /**
   * Whether autoconsent has looked at a page that already showed what we saw at `shownSince`:
   * every frame it follows ran a detection round (its second or a later one) after that, and none
   * recognised a CMP.
   * It knows nothing of that banner then, and there is no point waiting for it to claim it.
   */
  lookedAfter(shownSince: number): boolean {
    const live = this.live();
    return live.length > 0 && live.every(([, state]) => state.cmps.length === 0 && state.lookedAt !== undefined && state.lookedAt >= shownSince);
  }

  /** A popup autoconsent found and has not been asked to answer yet. */
  popup(): { frame: Frame; cmp: string } | undefined {
    const found = this.live().find(([, state]) => state.popups.length > 0 && !state.acted);
    return found ? { frame: found[0], cmp: found[1].popups[0]! } : undefined;
  }

  /**
   * Asks the frame's autoconsent to opt in or out and waits for its result. `navigated` when the
   * frame left its document first: some CMPs reload the page on a refusal, before autoconsent can
   * report, and the caller must then judge by what the new page shows.
   */
  async act(frame: Frame, action: 'optIn' | 'optOut', timeoutMs: number): Promise<ActionOutcome> {
    const state = this.frames.get(frame);
    if (!state) return { navigated: false };
    state.acted = true;
    const resultType = action === 'optIn' ? 'optInResult' : 'optOutResult';
    const result = () => state.results.find((message) => message.type === resultType);
    const navigated = () => frame.isDetached() || this.frames.get(frame) !== state;
    let listener = (): void => undefined;
    const waiting = new Promise<void>((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve();
      };
      const timer = setTimeout(finish, timeoutMs);
      listener = () => {
        if (result() || navigated()) finish();
      };
      this.listeners.add(listener);
    });
    await sendToFrame(frame, { type: action });
    await waiting;
    return { result: result(), done: state.done, navigated: !result() && navigated() };
  }
}

export interface ActionOutcome {
  result?: ActionResult;
  done?: DoneMessage;
  navigated: boolean;
}

interface Installation {
  pages: WeakMap<Page, AutoconsentPage>;
  ready: Promise<void>;
  /** The journey has answered its banner: later documents run no detection (retireConsentAutomation). */
  retired: boolean;
}

const installations = new WeakMap<BrowserContext, Installation>();

function pageState(installation: Installation, page: Page): AutoconsentPage {
  let state = installation.pages.get(page);
  if (!state) installation.pages.set(page, (state = new AutoconsentPage()));
  return state;
}

/**
 * Puts autoconsent on every page and frame of the context, before any site script runs, and
 * follows its pages' requests (page-activity.ts). Call it
 * once per context, before the first navigation (the fixtures do); calling it again is a no-op.
 */
export function installConsentAutomation(context: BrowserContext): Promise<void> {
  const existing = installations.get(context);
  if (existing) return existing.ready;
  const installation: Installation = { pages: new WeakMap(), ready: Promise.resolve(), retired: false };
  // From the first request on: a banner built from late requests is told apart from no banner.
  trackPageActivity(context);
  installation.ready = (async () => {
    const { script } = autoconsentFiles();
    await context.exposeBinding(BINDING, async ({ frame, page }, message: ContentScriptMessage) => {
      if (!message || typeof message !== 'object') return;
      const state = pageState(installation, page);
      if (message.type === 'init') {
        state.restart(frame);
        if (installation.retired) {
          await sendToFrame(frame, { type: 'initResp', config: { ...CONFIG, enabled: false } as Config, rules: { autoconsent: [] } });
          return;
        }
        const rules = rulesFor(message.url, !frame.parentFrame());
        await sendToFrame(frame, { type: 'initResp', config: CONFIG as Config, rules: { autoconsent: rules } });
      } else if (message.type === 'eval') {
        // Only reached with isMainWorld off; answered anyway so a rule never hangs on it.
        const result = await frame.evaluate(message.code).catch(() => false);
        await sendToFrame(frame, { type: 'evalResp', id: message.id, result });
      } else {
        state.record(frame, message);
      }
    });
    await context.addInitScript({ content: script });
  })();
  installations.set(context, installation);
  return installation.ready;
}

/**
 * The journey answered its banner in this context: the documents it loads from now on (product,
 * cart, checkout, confirmation) get autoconsent disabled instead of ~200 rules to run for
 * seconds on every page, which only matter where a banner is answered. A later journey.consent()
 * in this context still answers by button name. The script itself stays (init scripts cannot be
 * removed), a few kilobytes parsed per document.
 */
export function retireConsentAutomation(context: BrowserContext): void {
  const installation = installations.get(context);
  if (installation) installation.retired = true;
}

/**
 * Autoconsent's view of the page. When the fixtures did not install it up front, it is installed
 * now and started on the documents already loaded: it then finds the CMP about half a second later
 * than it would have.
 */
export async function autoconsentFor(page: Page): Promise<AutoconsentPage> {
  const context = page.context();
  const lateInstall = !installations.has(context);
  await installConsentAutomation(context);
  const state = pageState(installations.get(context)!, page);
  if (lateInstall) {
    const { script } = autoconsentFiles();
    await Promise.all(page.frames().map((frame) => frame.evaluate(script).catch(() => undefined)));
  }
  return state;
}

/** Fire and forget: the receiver's promise lasts as long as the opt-out, which we follow by messages. */
async function sendToFrame(frame: Frame, message: BackgroundMessage): Promise<void> {
  const call = `void (window.autoconsentReceiveMessage && window.autoconsentReceiveMessage(${JSON.stringify(message)}))`;
  await frame.evaluate(call).catch(() => undefined);
}
