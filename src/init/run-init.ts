import { resolve } from 'node:path';
import { UserError } from '../user-error.ts';
import { askShopUrl } from './ask-shop-url.ts';
import { checkMonitorName, monitorNameFromUrl } from './names.ts';
import { consentPages } from './consent-pages.ts';
import { nextSteps } from './next-steps.ts';
import { scaffold, type ScaffoldPlan, type ScaffoldResult } from './scaffold.ts';
import { parseShopUrl } from './shop-url.ts';

export interface InitOptions {
  /** Project folder; default the current directory. Created when missing. */
  dir?: string;
  /** The shop's URL; asked for on a TTY when neither it nor `demo` is given. */
  url?: string;
  /** Monitor name; default from the URL's host, `demo-shop` with `demo`. */
  name?: string;
  /** A monitor of the embedded demo shop, passing as is. */
  demo?: boolean;
  /** An order-free consent audit of pages of the site at `url`, instead of a purchase monitor. */
  consentAudit?: boolean;
  /** With `consentAudit`: the pages, comma separated (paths, or URLs on the origin of `url`). Default the path of `url`. */
  pages?: string;
}

export interface InitStreams {
  input: NodeJS.ReadableStream;
  /** Where the prompt, the file lines and the next steps are written. */
  output: NodeJS.WritableStream;
  /** Ask for the URL when it is missing; default: `input` is a TTY. */
  interactive?: boolean;
}

export interface InitResult extends ScaffoldResult {
  projectDir: string;
  monitorName: string;
  /** The monitor's site.baseUrl; undefined for the demo shop. */
  baseUrl: string | undefined;
  /** The consent audit's pages (its variants.page); undefined for a purchase monitor. */
  pages: string[] | undefined;
}

export const MISSING_URL = "pass --url <your shop's URL> (or --demo for the embedded demo shop)";
export const MISSING_SITE_URL = "pass --url <your site's URL>: --consent-audit audits pages of that site (--pages lists them)";

/** `tagwatch init`: settles the shop and the monitor's name, scaffolds the project, says what it did and what is next. */
export async function runInit(options: InitOptions, streams: InitStreams): Promise<InitResult> {
  if (options.demo && options.url !== undefined) throw new UserError('--url and --demo exclude each other: --demo monitors the embedded demo shop');
  if (options.consentAudit && options.demo) {
    throw new UserError('--consent-audit and --demo exclude each other: --consent-audit audits the pages of your site, give it with --url');
  }
  if (options.pages !== undefined && !options.consentAudit) {
    throw new UserError('--pages is for a consent audit: add --consent-audit to audit these pages (a purchase monitor follows its scenarios, not a list of pages)');
  }
  if (options.name !== undefined) checkMonitorName(options.name);
  const projectDir = resolve(options.dir ?? '.');

  let baseUrl: string | undefined;
  if (!options.demo) {
    if (options.url !== undefined) baseUrl = parseShopUrl(options.url);
    else if (streams.interactive ?? (streams.input as { isTTY?: boolean }).isTTY === true) baseUrl = await askShopUrl(streams);
    else throw new UserError(options.consentAudit ? MISSING_SITE_URL : MISSING_URL);
  }
  // A consent audit visits pages of one site: its origin is the base URL, the pages are paths on it.
  const pages = baseUrl && options.consentAudit ? consentPages(options.pages, baseUrl) : undefined;
  const shop: ScaffoldPlan['shop'] = !baseUrl ? { demo: true } : pages ? { consentAudit: true, baseUrl: new URL(baseUrl).origin, pages } : { demo: false, baseUrl };
  // `-consent` keeps a consent audit beside the shop's own monitor in one project: neither keeps the other from being written.
  const monitorName = options.name ?? (baseUrl ? `${monitorNameFromUrl(baseUrl)}${pages ? '-consent' : ''}` : 'demo-shop');

  const result = await scaffold({ projectDir, monitorName, shop });
  const steps = nextSteps(result, pages ? 'consent-audit' : baseUrl ? 'shop' : 'demo');
  streams.output.write(
    `${result.files.map((file) => `${file.line}\n`).join('')}\nNext steps:\n${steps.map((step, i) => `  ${i + 1}. ${step}\n`).join('')}`,
  );
  return { ...result, projectDir, monitorName, baseUrl: 'baseUrl' in shop ? shop.baseUrl : undefined, pages };
}
