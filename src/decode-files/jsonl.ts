import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Catalog } from '../catalog/catalog.ts';

/**
 * One request per input line (`{"url", "method", "body"}`) to one line per request, same order:
 * `{"events": [...]}`, empty when nothing is recognised; a line that is not a request gets an
 * `error` too, so line N of the output is always line N of the input.
 */
export async function decodeJsonlFile(path: string, catalog: Catalog, write: (chunk: string) => void): Promise<{ lines: number; errors: number }> {
  const input = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let lines = 0;
  let errors = 0;
  let buffer = '';
  for await (const line of input) {
    lines++;
    let output: { events: unknown[]; error?: string };
    try {
      const request = JSON.parse(line) as { url?: unknown; method?: unknown; body?: unknown };
      if (typeof request.url !== 'string') throw new Error('no "url" string');
      const decodeErrors: string[] = [];
      const events = catalog.decode({ url: request.url, method: typeof request.method === 'string' ? request.method : undefined, body: typeof request.body === 'string' ? request.body : undefined }, undefined, decodeErrors);
      output = decodeErrors.length ? { events, error: decodeErrors.join('; ') } : { events };
    } catch (error) {
      errors++;
      output = { events: [], error: `line ${lines}: ${(error as Error).message}` };
    }
    buffer += `${JSON.stringify(output)}\n`;
    // Large writes, not one per line: server logs run to millions of lines.
    if (buffer.length > 1 << 16) {
      write(buffer);
      buffer = '';
    }
  }
  if (buffer) write(buffer);
  return { lines, errors };
}
