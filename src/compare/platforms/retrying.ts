import { PlatformUnreachableError } from '../model.ts';

/** What a platform client says of a failed call: retry it (after `afterMs` when the API said how long), or not. */
export type RetryAdvice = { retry: true; afterMs?: number } | { retry: false };

export interface RetryOptions {
  /** Calls in all, the first included. */
  attempts: number;
  /** Wait before the second call when the API did not say; doubled each time after. */
  firstDelayMs: number;
  /** Longest wait the client accepts (a Retry-After of an hour ends the read instead). */
  maxDelayMs: number;
  /** Injected in tests. */
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY: RetryOptions = { attempts: 4, firstDelayMs: 1_000, maxDelayMs: 60_000 };

/**
 * Calls `call` until it resolves, retrying what `advise` says is a rate limit or a passing fault
 * (HTTP 429, 5xx, the API's own "too many calls" codes), honouring the wait the API asked for.
 * The last error is thrown as PlatformUnreachableError with `what` and the attempts said, so a
 * quota that stays exhausted makes the platform unavailable, never "0 reported".
 */
export async function retrying<T>(what: string, call: () => Promise<T>, advise: (error: unknown) => RetryAdvice, options: RetryOptions = DEFAULT_RETRY): Promise<T> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let delay = options.firstDelayMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const advice = advise(error);
      const message = error instanceof Error ? error.message : String(error);
      if (!advice.retry) throw error instanceof PlatformUnreachableError ? error : new PlatformUnreachableError(`${what}: ${message}`);
      const wait = advice.afterMs ?? delay;
      if (attempt >= options.attempts) throw new PlatformUnreachableError(`${what}: ${message} (still failing after ${attempt} attempts)`);
      if (wait > options.maxDelayMs) throw new PlatformUnreachableError(`${what}: ${message} (the API asks to wait ${Math.ceil(wait / 1000)} s: try again later)`);
      await sleep(wait);
      delay = Math.min(delay * 2, options.maxDelayMs);
    }
  }
}
