import { networkErrorCode } from '../site/network-error.ts';
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

/** What a JSON API answered, whatever the status: the caller knows what its vendor's codes mean. */
export interface JsonAnswer {
  status: number;
  headers: Headers;
  /** Parsed body; undefined when the body is empty or not JSON (then `json` is false). */
  body: unknown;
  json: boolean;
}

/**
 * Sends one request (any method, optional JSON body) and reads the answer without judging its
 * status, for APIs whose error codes, paging headers or Retry-After matter. Only a failed
 * connection throws: BackendUnreachableError with the system reason and the redacted URL.
 */
export async function requestJson(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: unknown; timeoutMs: number },
): Promise<JsonAnswer> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    const cause = networkErrorCode(error);
    throw new BackendUnreachableError(`orders backend ${redact(url)} unreachable (${cause}). Check that it is running and the URL is right.`);
  }
  try {
    return { status: response.status, headers: response.headers, body: JSON.parse(text) as unknown, json: true };
  } catch {
    return { status: response.status, headers: response.headers, body: undefined, json: false };
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
