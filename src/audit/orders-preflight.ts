import { checkOrderSourceAnswers } from '../orders/check-order-source.ts';
import type { OrderSourceContext, OrderSourceDefinition } from '../orders/define-order-source.ts';
import type { Monitor } from '../monitor/schema.ts';

/** What every order source call of a run gets: the environment its credentials come from, a time limit per request. */
export function orderContext(env: NodeJS.ProcessEnv = process.env): OrderSourceContext {
  return { env, timeoutMs: 10_000 };
}

/**
 * The backend answers before the journeys start, or why not: a backend that is down or refuses
 * the credentials ends the run in seconds as inconclusive, not after minutes of journeys.
 */
export async function checkOrdersAnswer(source: OrderSourceDefinition | undefined, monitor: Monitor): Promise<string | undefined> {
  // An order-free monitor has no backend to wait for.
  if (!source || !monitor.orders) return undefined;
  return checkOrderSourceAnswers(source, monitor.orders, orderContext());
}
