import { createReadStream } from 'node:fs';
import type { Catalog } from '../catalog/catalog.ts';
import { notDecodedCount } from '../catalog/parse/batch-limit.ts';
import { checkInputFile, MIB, readProblem } from './input-file.ts';

export const JSONL_ACCEPTED = 'a JSONL file, one {"url","method","body"} object per line';

/**
 * The longest line read as one request. A tag request is never near it (a beacon body is at most
 * 64 KB); past it a line is skipped as it streams by, never held: Node cannot hold a line of 512 MiB
 * as one string at all. Its output line says so, and the command ends with exit 2.
 */
export const MAX_JSONL_LINE_BYTES = 64 * MIB;

export interface JsonlSummary {
  lines: number;
  /** Lines that were not requests (bad JSON, no "url"), too-long ones included. */
  errors: number;
  /** Lines longer than the limit, 1-based. */
  tooLong: number[];
  /** Requests with more events than one request may decode, and the events not decoded. */
  overLimit: { requests: number; events: number };
}

/**
 * One request per input line (`{"url", "method", "body"}`) to one line per request, same order:
 * `{"events": [...]}`, empty when nothing is recognised; a line that is not a request gets an
 * `error` too, so line N of the output is always line N of the input (lines end at '\n', a '\r'
 * before it is dropped). The file is streamed: memory holds one line at a time, at most
 * `maxLineBytes` of it. A file that cannot be read is one UserError naming it.
 */
export async function decodeJsonlFile(path: string, catalog: Catalog, write: (chunk: string) => void, maxLineBytes = MAX_JSONL_LINE_BYTES): Promise<JsonlSummary> {
  checkInputFile(path, '--jsonl', JSONL_ACCEPTED);
  const summary: JsonlSummary = { lines: 0, errors: 0, tooLong: [], overLimit: { requests: 0, events: 0 } };
  let buffer = '';
  let parts: Buffer[] = [];
  let pending = 0;
  let skipping = false;

  const endLine = (): void => {
    const line = ++summary.lines;
    let output: { events: unknown[]; error?: string };
    if (skipping) {
      summary.errors++;
      summary.tooLong.push(line);
      output = { events: [], error: `line ${line}: longer than ${limitText(maxLineBytes)}, the most tagwatch reads as one request; not read` };
    } else {
      let text = (parts.length === 1 ? parts[0]! : Buffer.concat(parts, pending)).toString('utf8');
      if (text.endsWith('\r')) text = text.slice(0, -1);
      output = decodeLine(text, line, catalog, summary);
    }
    parts = [];
    pending = 0;
    skipping = false;
    buffer += `${JSON.stringify(output)}\n`;
    // Large writes, not one per line: server logs run to millions of lines.
    if (buffer.length > 1 << 16) {
      write(buffer);
      buffer = '';
    }
  };

  try {
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
      let from = 0;
      while (from < chunk.length) {
        const newline = chunk.indexOf(10, from);
        const stop = newline < 0 ? chunk.length : newline;
        if (!skipping && stop > from) {
          if (pending + (stop - from) > maxLineBytes) {
            skipping = true;
            parts = [];
            pending = 0;
          } else {
            parts.push(chunk.subarray(from, stop));
            pending += stop - from;
          }
        }
        if (newline < 0) break;
        endLine();
        from = newline + 1;
      }
    }
  } catch (error) {
    throw readProblem(path, '--jsonl', JSONL_ACCEPTED, error);
  }
  // A last line without its '\n'.
  if (pending > 0 || skipping) endLine();
  if (buffer) write(buffer);
  return summary;
}

function decodeLine(text: string, line: number, catalog: Catalog, summary: JsonlSummary): { events: unknown[]; error?: string } {
  try {
    const request = JSON.parse(text) as { url?: unknown; method?: unknown; body?: unknown } | null;
    if (request === null || typeof request !== 'object' || typeof request.url !== 'string') throw new Error('no "url" string');
    const decodeErrors: string[] = [];
    const events = catalog.decode({ url: request.url, method: typeof request.method === 'string' ? request.method : undefined, body: typeof request.body === 'string' ? request.body : undefined }, undefined, decodeErrors);
    for (const event of events) {
      const count = notDecodedCount(event);
      if (count === 0) continue;
      summary.overLimit.requests++;
      summary.overLimit.events += count;
    }
    return decodeErrors.length ? { events, error: decodeErrors.join('; ') } : { events };
  } catch (error) {
    summary.errors++;
    return { events: [], error: `line ${line}: ${(error as Error).message}` };
  }
}

/** 64 MiB, or the bytes when the limit is no whole number of MiB. */
export function limitText(bytes: number): string {
  return bytes % MIB === 0 ? `${bytes / MIB} MiB` : `${bytes} bytes`;
}
