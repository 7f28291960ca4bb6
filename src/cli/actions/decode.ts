import { accessSync, constants, readFileSync } from 'node:fs';
import { createCatalog, loadVendors, type Catalog, type VendorDefinition } from '../../catalog/index.ts';
import { endpointEntryProblem } from '../../catalog/custom-endpoints.ts';
import type { TagRequest } from '../../model/tag-request.ts';
import { readHar } from '../../decode-files/har.ts';
import { decodeJsonlFile } from '../../decode-files/jsonl.ts';
import { percent, table, terminalSafe } from '../../report/terminal-text.ts';
import { UserError } from '../../user-error.ts';

/** `tagwatch decode` options, as commander parsed them (src/cli/commands/decode.ts). */
export interface DecodeOptions {
  body?: string;
  method?: string;
  har?: string;
  jsonl?: string;
  json?: boolean;
  endpoint?: string[];
}

/** `tagwatch decode`: one URL as JSON, a HAR file as a table (or JSON), a JSONL file line by line. */
export async function runDecode(url: string | undefined, options: DecodeOptions): Promise<void> {
  const { vendors, diagnostics } = await loadVendors();
  const catalog = catalogWithEndpointOptions(vendors, options.endpoint ?? []);
  for (const line of diagnostics) process.stderr.write(`note: ${line}\n`);
  if (options.jsonl) {
    const { errors } = await decodeJsonlFile(readable(options.jsonl), catalog, (chunk) => process.stdout.write(chunk));
    if (errors) process.stderr.write(`${errors} line(s) were not requests; their output lines carry an "error".\n`);
    return;
  }
  if (options.har) {
    const requests = readHarFile(options.har);
    const decoded = requests.map((request) => ({ request, ...decodeOne(catalog, request) }));
    if (options.json) {
      process.stdout.write(`${JSON.stringify(decoded.filter((d) => d.events.length).map((d) => ({ url: d.request.url, time: d.request.time, events: d.events })), null, 2)}\n`);
      return;
    }
    const rows = decoded.flatMap((d) =>
      d.events.map((e) => [e.vendor, e.eventName, e.kind, e.account ?? '', e.transactionId ?? '', e.value === undefined ? '' : String(e.value), e.currency ?? '', d.request.time ?? ''].map(terminalSafe)),
    );
    process.stdout.write(`${table(['vendor', 'event', 'kind', 'account', 'order', 'value', 'currency', 'time'], rows)}\n`);
    process.stdout.write(`${rows.length} event(s) from ${decoded.filter((d) => d.events.length).length} of ${requests.length} requests (${percent(requests.length ? decoded.filter((d) => d.events.length).length / requests.length : null)} recognised)\n`);
    return;
  }
  if (!url) throw new UserError('Give a URL, --har <file> or --jsonl <file>. Example: tagwatch decode \'https://www.facebook.com/tr/?id=1&ev=PageView\'');
  try {
    new URL(url);
  } catch {
    throw new UserError(`'${url}' is not a URL. Pass the full request URL, quoted: tagwatch decode 'https://...'`);
  }
  const method = (options.method ?? (options.body !== undefined ? 'POST' : 'GET')).toUpperCase();
  const { events, errors } = decodeOne(catalog, { url, method, body: options.body });
  for (const line of errors) process.stderr.write(`note: ${line}\n`);
  process.stdout.write(`${JSON.stringify(events, null, 2)}\n`);
  if (events.length === 0) process.stderr.write('No vendor recognised this request.\n');
}

/** A request's events and the decoder's complaints, if any. */
function decodeOne(catalog: Catalog, request: TagRequest): { events: ReturnType<Catalog['decode']>; errors: string[] } {
  const errors: string[] = [];
  return { events: catalog.decode(request, undefined, errors), errors };
}

/** The catalog with the --endpoint options honoured; a path-only endpoint matches on any host here. */
function catalogWithEndpointOptions(vendors: VendorDefinition[], values: string[]): Catalog {
  const endpoints: Record<string, string[]> = {};
  for (const value of values) {
    const [id, entry] = [value.slice(0, value.indexOf('=')), value.slice(value.indexOf('=') + 1)];
    if (!vendors.some((vendor) => vendor.id === id)) throw new UserError(`--endpoint ${value}: unknown vendor '${id}' (known: ${vendors.map((v) => v.id).join(', ')})`);
    const problem = endpointEntryProblem(entry);
    if (problem) throw new UserError(`--endpoint ${value}: ${problem}`);
    (endpoints[id] ??= []).push(entry);
  }
  return createCatalog(vendors, { endpoints });
}

function readable(path: string): string {
  try {
    accessSync(path, constants.R_OK);
    return path;
  } catch (error) {
    throw new UserError(`Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

function readHarFile(path: string) {
  try {
    return readHar(readFileSync(readable(path), 'utf8'), path);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError((error as Error).message);
  }
}
