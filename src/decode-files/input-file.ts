import { statSync } from 'node:fs';
import { UserError } from '../user-error.ts';

/**
 * A file given to `tagwatch decode` (`--har`, `--jsonl`), checked before it is read: it exists,
 * is readable and is no folder. Each problem is one line naming the flag, the file and what the
 * flag accepts; never a stack trace. Returns the file's size (0 for a pipe such as /dev/stdin).
 */
export function checkInputFile(path: string, flag: string, accepted: string): number {
  let stats;
  try {
    stats = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'ENOENT (no such file)' : (code ?? oneLine((error as Error).message));
    throw new UserError(`Cannot read ${path}: ${why}, ${flag}: ${accepted}`);
  }
  if (stats.isDirectory()) throw new UserError(`${path} is a folder, ${flag}: ${accepted}, not a folder`);
  return stats.isFile() ? stats.size : 0;
}

/** A read error met while reading an input file, as the one line `checkInputFile` would have said. */
export function readProblem(path: string, flag: string, accepted: string, error: unknown): UserError {
  const code = (error as NodeJS.ErrnoException).code;
  return new UserError(`Cannot read ${path}: ${code ?? oneLine((error as Error).message)}, ${flag}: ${accepted}`);
}

/** 1 MiB, for limits said in MiB. */
export const MIB = 1024 * 1024;

/** A message as one line: JSON.parse quotes the text it choked on, line breaks and all. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}
