import { UserError } from '../user-error.ts';

/**
 * Bad input as the one line the CLI prints (main.ts adds `tagwatch: `): `<what is wrong>,
 * <where: flag or file + field path>: <what is accepted / what to do>`; exit 2, no stack trace.
 */
export function badInput(what: string, where: string, accepted: string): UserError {
  return new UserError(`${what}, ${where}: ${accepted}`);
}
