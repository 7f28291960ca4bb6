import { PassThrough, Writable } from 'node:stream';
import type { InitStreams } from '../../src/init/run-init.ts';

/** Streams for runInit: typed input lines, and everything written to the output kept as text. */
export function testStreams(options: { lines?: string[]; tty?: boolean } = {}): InitStreams & { text: () => string } {
  const input = Object.assign(new PassThrough(), { isTTY: options.tty ?? false });
  if (options.lines) input.end(options.lines.map((line) => `${line}\n`).join(''));
  let text = '';
  const output = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { input, output, text: () => text };
}
