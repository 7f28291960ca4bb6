import { UserError } from '../user-error.ts';
import { BackendUnreachableError, type OrderSourceContext, type OrderSourceDefinition } from './define-order-source.ts';

/**
 * What is wrong with a monitor's `orders` block for this source, before any browser starts, as
 * `orders.<field>: what to do` lines: the settings problems (unknown fields included) and, only
 * when there are none, the credentials the settings name but `env` lacks. Sync, no network; a
 * hook that throws is reported as a line, not thrown.
 */
export function orderSourceProblems(source: OrderSourceDefinition, settings: Record<string, unknown>, env: NodeJS.ProcessEnv): string[] {
  const settingsLines = callHook(source, 'validateSettings', () => source.validateSettings?.(settings));
  if (settingsLines.length) return settingsLines;
  return callHook(source, 'credentialProblems', () => source.credentialProblems?.(settings, env));
}

function callHook(source: OrderSourceDefinition, hook: string, call: () => string[] | undefined): string[] {
  try {
    return call() ?? [];
  } catch (error) {
    return [`orders.source: order source ${source.id} failed in ${hook} (${describe(error)}): fix the source file, or report it`];
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** How long checkConnection may take in all, so a hook that never settles cannot hold the audit. */
function overallLimitMs(timeoutMs: number): number {
  // A request is bounded by timeoutMs; postgres may spend that connecting and again querying.
  return 2 * timeoutMs + 1000;
}

/**
 * One cheap request to the backend before the journeys: undefined when it answered (or the
 * source has no checkConnection), else `order source <id> did not answer: <why>`. Never throws.
 */
export async function checkOrderSourceAnswers(source: OrderSourceDefinition, settings: Record<string, unknown>, context: OrderSourceContext): Promise<string | undefined> {
  if (!source.checkConnection) return undefined;
  const limitMs = overallLimitMs(context.timeoutMs);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BackendUnreachableError(`no answer within ${Math.round(limitMs / 1000)} s: check that the backend is up and reachable from this machine.`)), limitMs);
    timer.unref();
  });
  try {
    await Promise.race([Promise.resolve().then(() => source.checkConnection!(settings, context)), timedOut]);
    return undefined;
  } catch (error) {
    // A UserError is invalid settings (orderSourceProblems was skipped): its message says which.
    const why = error instanceof BackendUnreachableError || error instanceof UserError ? error.message : `the check failed unexpectedly (${describe(error)}), a bug in the source's checkConnection`;
    return `order source ${source.id} did not answer: ${why}`;
  } finally {
    clearTimeout(timer);
  }
}
