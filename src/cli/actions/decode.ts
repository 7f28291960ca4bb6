import { createCatalog, loadVendors, type Catalog, type VendorDefinition } from '../../catalog/index.ts';
import { endpointEntryProblem } from '../../catalog/custom-endpoints.ts';
import { notDecodedCount, notDecodedNote } from '../../catalog/parse/batch-limit.ts';
import type { TagRequest } from '../../model/tag-request.ts';
import { readHarFile } from '../../decode-files/har.ts';
import { decodeJsonlFile, JSONL_ACCEPTED, limitText, MAX_JSONL_LINE_BYTES } from '../../decode-files/jsonl.ts';
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
  checkFlags(url, options);
  const { vendors, diagnostics } = await loadVendors();
  const catalog = catalogWithEndpointOptions(vendors, options.endpoint ?? []);
  for (const line of diagnostics) process.stderr.write(`note: ${line}\n`);
  if (options.jsonl) {
    const file = options.jsonl;
    const { errors, tooLong, overLimit } = await decodeJsonlFile(file, catalog, (chunk) => process.stdout.write(chunk));
    if (overLimit.requests) process.stderr.write(`note: ${overLimitNote(overLimit.requests, overLimit.events)}\n`);
    // Lines too long to read are the one line of the error below, not counted twice.
    const notRequests = errors - tooLong.length;
    if (notRequests) process.stderr.write(`${notRequests} line(s) were not requests; their output lines carry an "error".\n`);
    if (tooLong.length) {
      const one = tooLong.length === 1;
      const named = tooLong.slice(0, 5).join(', ') + (tooLong.length > 5 ? ` and ${tooLong.length - 5} more` : '');
      throw new UserError(`${file} line${one ? '' : 's'} ${named} ${one ? 'is' : 'are'} longer than ${limitText(MAX_JSONL_LINE_BYTES)} and ${one ? 'was' : 'were'} not read, --jsonl: ${JSONL_ACCEPTED}, each at most ${limitText(MAX_JSONL_LINE_BYTES)}; every other line was decoded (its output line carries an "error")`);
    }
    return;
  }
  if (options.har) {
    const requests = readHarFile(options.har);
    const decoded = requests.map((request) => ({ request, ...decodeOne(catalog, request) }));
    const overLimit = decoded.flatMap((d) => d.events.map(notDecodedCount)).filter((count) => count > 0);
    if (overLimit.length) process.stderr.write(`note: ${overLimitNote(overLimit.length, overLimit.reduce((a, b) => a + b, 0))}\n`);
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
  for (const event of events) {
    const note = notDecodedNote(event);
    if (note) process.stderr.write(`note: ${note}\n`);
  }
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

/** What one request may decode, past which its events are counted, not decoded. */
function overLimitNote(requests: number, events: number): string {
  return `${requests} request(s) carried more events than tagwatch decodes per request; ${events} event(s) past that were not decoded (an event "(not decoded)" stands for them in each)`;
}

/** Flags that do not go together, said before anything is read. */
function checkFlags(url: string | undefined, options: DecodeOptions): void {
  const given = (['har', 'jsonl'] as const).filter((flag) => options[flag] !== undefined);
  if (given.length > 1) throw new UserError(`--har and --jsonl both given, decode: one input at a time, a URL, --har <file> or --jsonl <file>`);
  const file = given[0];
  if (file && url !== undefined) throw new UserError(`a URL ('${url}') and --${file} both given, decode: one input at a time, a URL, --har <file> or --jsonl <file>`);
  if (file) {
    for (const flag of ['body', 'method'] as const) {
      if (options[flag] !== undefined) throw new UserError(`--${flag} given with --${file}, decode: --${flag} goes with a URL; a ${file === 'har' ? 'HAR' : 'JSONL'} file holds each request's own`);
    }
  }
  if (options.json && !options.har) throw new UserError(`--json given without --har, decode: --json prints a HAR's events as JSON; a URL and --jsonl print JSON already`);
}
