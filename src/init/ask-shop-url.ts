import { createInterface } from 'node:readline/promises';
import { UserError } from '../user-error.ts';
import { parseShopUrl } from './shop-url.ts';

export interface PromptStreams {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
}

/** Wrong answers accepted before giving up: a script piping garbage must not loop forever. */
const ATTEMPTS = 3;

/**
 * Asks for the shop's URL until it is a valid http(s) URL (at most three times). Lines are read
 * through the interface's iterator, which buffers them: an answer typed (or piped) before the
 * question is shown is not lost.
 */
export async function askShopUrl({ input, output }: PromptStreams): Promise<string> {
  const terminal = (input as { isTTY?: boolean }).isTTY === true && (output as { isTTY?: boolean }).isTTY === true;
  const rl = createInterface({ input, output, terminal });
  const lines = rl[Symbol.asyncIterator]();
  try {
    let problem = '';
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      rl.setPrompt("Your shop's URL (such as https://staging.my-shop.example): ");
      rl.prompt();
      const next = await lines.next();
      if (next.done) {
        output.write('\n');
        throw new UserError("no URL given: pass --url <your shop's URL> (or --demo for the embedded demo shop)");
      }
      try {
        return parseShopUrl(String(next.value));
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        problem = error.message;
        output.write(`  ${problem}\n`);
      }
    }
    throw new UserError(`${problem} (asked ${ATTEMPTS} times; pass --url <your shop's URL> instead)`);
  } finally {
    rl.close();
  }
}
