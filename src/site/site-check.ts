import { networkErrorCode } from './network-error.ts';

/**
 * A cheap look before starting browsers: an unreachable site is an inconclusive run with one
 * clear reason, not N failed journeys. Any HTTP answer counts as reachable (a 404 home page is
 * the journey's business).
 */
export async function checkSiteReachable(baseUrl: string, timeoutMs = 10_000): Promise<string | undefined> {
  try {
    const response = await fetch(baseUrl, { signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
    await response.body?.cancel();
    return response.status >= 500 ? `HTTP ${response.status}` : undefined;
  } catch (error) {
    return networkErrorCode(error);
  }
}
