/**
 * An error the user caused and can fix (bad monitor file, missing env var, unknown fault):
 * the CLI prints its message without a stack trace and exits 2.
 */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}
