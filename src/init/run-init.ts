import { resolve } from 'node:path';
import { UserError } from '../user-error.ts';
import { askShopUrl } from './ask-shop-url.ts';
import { checkMonitorName, monitorNameFromUrl } from './names.ts';
import { nextSteps } from './next-steps.ts';
import { scaffold, type ScaffoldResult } from './scaffold.ts';
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
}

export const MISSING_URL = "pass --url <your shop's URL> (or --demo for the embedded demo shop)";

/** `tagwatch init`: settles the shop and the monitor's name, scaffolds the project, says what it did and what is next. */
export async function runInit(options: InitOptions, streams: InitStreams): Promise<InitResult> {
  if (options.demo && options.url !== undefined) throw new UserError('--url and --demo exclude each other: --demo monitors the embedded demo shop');
  if (options.name !== undefined) checkMonitorName(options.name);
  const projectDir = resolve(options.dir ?? '.');

  let baseUrl: string | undefined;
  if (!options.demo) {
    if (options.url !== undefined) baseUrl = parseShopUrl(options.url);
    else if (streams.interactive ?? (streams.input as { isTTY?: boolean }).isTTY === true) baseUrl = await askShopUrl(streams);
    else throw new UserError(MISSING_URL);
  }
  const monitorName = options.name ?? (baseUrl ? monitorNameFromUrl(baseUrl) : 'demo-shop');

  const result = await scaffold({ projectDir, monitorName, shop: baseUrl ? { demo: false, baseUrl } : { demo: true } });
  const steps = nextSteps(result, !baseUrl);
  streams.output.write(
    `${result.files.map((file) => `${file.line}\n`).join('')}\nNext steps:\n${steps.map((step, i) => `  ${i + 1}. ${step}\n`).join('')}`,
  );
  return { ...result, projectDir, monitorName, baseUrl };
}
