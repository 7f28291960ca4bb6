import { networkErrorCode } from '../audit/network-error.ts';
import { BackendUnreachableError } from './define-order-source.ts';

/** GET a JSON document; every failure is a BackendUnreachableError with what to check. */
export async function getJson(url: string, headers: Record<string, string>, timeoutMs: number): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json', ...headers }, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const cause = networkErrorCode(error);
    throw new BackendUnreachableError(`orders backend ${redact(url)} unreachable (${cause}). Check that it is running and the URL is right.`);
  }
  if (response.status === 401 || response.status === 403) {
    throw new BackendUnreachableError(`orders backend ${redact(url)} refused the credentials (HTTP ${response.status}). Check the token in the environment variable the monitor names.`);
  }
  if (!response.ok) {
    throw new BackendUnreachableError(`orders backend ${redact(url)} answered HTTP ${response.status}.`);
  }
  try {
    return await response.json();
  } catch {
    throw new BackendUnreachableError(`orders backend ${redact(url)} did not answer JSON.`);
  }
}

/** Query strings can hold keys (consumer_secret=...): never print them. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.search = '';
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return '(invalid url)';
  }
}
