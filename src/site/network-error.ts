/** The useful part of a fetch() failure: undici hides the system code (ECONNREFUSED, ...) in `cause`. */
export function networkErrorCode(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string; errors?: { code?: string }[] } }).cause;
  return cause?.code ?? cause?.errors?.find((e) => e.code)?.code ?? cause?.message ?? (error as Error).message;
}
