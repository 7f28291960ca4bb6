import type { RetryAdvice } from './retrying.ts';

/** google.rpc.Code numbers (what GoogleError.code holds) by name. */
const CODE_NAMES: Record<number, string> = { 2: 'UNKNOWN', 3: 'INVALID_ARGUMENT', 4: 'DEADLINE_EXCEEDED', 5: 'NOT_FOUND', 7: 'PERMISSION_DENIED', 8: 'RESOURCE_EXHAUSTED', 13: 'INTERNAL', 14: 'UNAVAILABLE', 16: 'UNAUTHENTICATED' };
/** HTTP statuses by the google.rpc code they stand for, when an error body does not say. */
const HTTP_NAMES: Record<number, string> = { 400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND', 429: 'RESOURCE_EXHAUSTED', 500: 'INTERNAL', 503: 'UNAVAILABLE', 504: 'DEADLINE_EXCEEDED' };

/** A failed runReport call, said for the user, with what the retry loop should do about it. */
export class Ga4CallError extends Error {
  constructor(
    message: string,
    readonly advice: RetryAdvice,
  ) {
    super(message);
    this.name = 'Ga4CallError';
  }
}

export const adviseGa4 = (error: unknown): RetryAdvice => (error instanceof Ga4CallError ? error.advice : { retry: false });

/** What the call was about, for the messages. */
export interface Ga4CallContext {
  propertyId: string;
  apiUrl: string;
  clientEmail: string;
  credentialsEnv: string;
  permission: string;
}

/**
 * The client's error as it reaches us. In REST mode a non-2xx answer is a GaxiosError (HTTP
 * `status`, the body's text as `message`, the answer's headers in `response.headers`; gaxios
 * redacts the Authorization header from `config`); a 2xx that does not decode, or the gRPC
 * transport, gives a GoogleError (google.rpc `code` number, `reason`, `statusDetails`); no answer
 * at all gives a transport error with a string `code` (ECONNREFUSED...).
 */
interface ClientError {
  code?: unknown;
  status?: unknown;
  message?: unknown;
  reason?: unknown;
  statusDetails?: unknown;
  response?: { status?: unknown; headers?: unknown };
}

/** What the API said, whichever way the client passed it on. */
interface ApiFault {
  /** google.rpc status name (PERMISSION_DENIED...), undefined when no answer came. */
  status?: string;
  message: string;
  reason?: string;
  details?: unknown;
  retryAfterMs?: number;
}

function header(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const value = (headers as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** Retry-After in seconds or as an HTTP date. */
function retryAfterMs(value: string | undefined): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function apiFault(error: unknown): ApiFault {
  const e = (error ?? {}) as ClientError;
  const text = String(e.message ?? error);
  const httpStatus = typeof e.response?.status === 'number' ? e.response.status : typeof e.status === 'number' ? e.status : undefined;
  if (httpStatus !== undefined) {
    // The REST error body: {"error": {"code": 403, "message": "...", "status": "PERMISSION_DENIED", "details": [...]}}.
    let body: { code?: unknown; message?: unknown; status?: unknown; details?: unknown } | undefined;
    try {
      body = (JSON.parse(text) as { error?: typeof body }).error;
    } catch {
      body = undefined;
    }
    const details = Array.isArray(body?.details) ? (body.details as Record<string, unknown>[]) : undefined;
    const reason = details?.find((detail) => String(detail['@type'] ?? '').endsWith('google.rpc.ErrorInfo'))?.reason;
    return {
      status: typeof body?.status === 'string' ? body.status : (HTTP_NAMES[httpStatus] ?? (httpStatus >= 500 ? 'UNAVAILABLE' : 'UNKNOWN')),
      message: typeof body?.message === 'string' ? body.message : `HTTP ${httpStatus}`,
      ...(typeof reason === 'string' ? { reason } : {}),
      ...(details ? { details } : {}),
      ...(retryAfterMs(header(e.response?.headers, 'retry-after')) !== undefined ? { retryAfterMs: retryAfterMs(header(e.response?.headers, 'retry-after')) } : {}),
    };
  }
  if (typeof e.code === 'number') {
    return { status: CODE_NAMES[e.code] ?? 'UNKNOWN', message: text, ...(typeof e.reason === 'string' ? { reason: e.reason } : {}), details: e.statusDetails };
  }
  return { message: typeof e.code === 'string' ? `${text} (${e.code})` : text };
}

/** An API message is the API's words, but never let a bearer token or a signed JWT through. */
export function withoutSecrets(text: string): string {
  return text.replace(/Bearer\s+\S+/gi, 'Bearer [hidden]').replace(/eyJ[\w-]+\.[\w-]+\.[\w-]+/g, '[hidden token]').replace(/-----BEGIN[^-]*-----[\s\S]*?-----END[^-]*-----/g, '[hidden key]');
}

/** google.rpc.RetryInfo's retryDelay, when the error carries one. */
function retryDelayMs(details: unknown): number | undefined {
  if (!Array.isArray(details)) return undefined;
  for (const detail of details as Record<string, unknown>[]) {
    const delay = (detail?.retryDelay ?? undefined) as { seconds?: unknown; nanos?: unknown } | string | undefined;
    if (typeof delay === 'string' && /^\d+(\.\d+)?s$/.test(delay)) return Math.ceil(parseFloat(delay) * 1000);
    if (delay && typeof delay === 'object') return Number(delay.seconds ?? 0) * 1000 + Math.ceil(Number(delay.nanos ?? 0) / 1e6);
  }
  return undefined;
}

/**
 * What a quota error means. The Data API says which quota in its message ("Exhausted property
 * tokens per day", "... per hour", "... for a project per hour", "Exhausted concurrent requests
 * quota", "Exhausted potentially thresholded requests quota"): the hourly and daily ones come back
 * only after the hour or the day, so retrying sooner spends nothing but time; concurrent requests
 * free up in seconds. The wait the API asks for (Retry-After, google.rpc.RetryInfo) is honoured.
 */
function quotaError(fault: ApiFault, ctx: Ga4CallContext): Ga4CallError {
  const said = `GA4 quota exhausted for property ${ctx.propertyId} ("${fault.message}")`;
  if (/per day/i.test(fault.message)) return new Ga4CallError(`${said}: the daily tokens come back within 24 hours; compare again tomorrow or read fewer days`, { retry: false });
  if (/per hour|thresholded/i.test(fault.message)) return new Ga4CallError(`${said}: the hourly tokens come back within the hour; compare again later`, { retry: false });
  const afterMs = fault.retryAfterMs ?? retryDelayMs(fault.details);
  return new Ga4CallError(said, afterMs === undefined ? { retry: true } : { retry: true, afterMs });
}

/** The client's error as a Ga4CallError: a message that says what to check, never a secret. */
export function ga4CallError(error: unknown, ctx: Ga4CallContext): Ga4CallError {
  const raw = apiFault(error);
  const fault = { ...raw, message: withoutSecrets(raw.message).trim() };
  switch (fault.status) {
    case 'PERMISSION_DENIED':
      if (fault.reason === 'SERVICE_DISABLED' || /has not been used in project|is disabled/i.test(fault.message)) {
        return new Ga4CallError(`GA4 refused the call: the Google Analytics Data API is not enabled in the Google Cloud project of service account ${ctx.clientEmail} ("${fault.message}"): enable it (APIs & Services > Library)`, { retry: false });
      }
      return new Ga4CallError(
        `GA4 refused service account ${ctx.clientEmail} on property ${ctx.propertyId} ("${fault.message}"): grant it ${ctx.permission}, and check that propertyId is the property's numeric ID`,
        { retry: false },
      );
    case 'UNAUTHENTICATED':
      return new Ga4CallError(
        `GA4 did not accept the key of service account ${ctx.clientEmail} ("${fault.message}"): check that the key file ${ctx.credentialsEnv} names is current (not deleted or disabled in Google Cloud IAM) and that this machine's clock is right`,
        { retry: false },
      );
    case 'RESOURCE_EXHAUSTED':
      return quotaError(fault, ctx);
    case 'UNAVAILABLE':
    case 'INTERNAL':
    case 'UNKNOWN':
    case 'DEADLINE_EXCEEDED':
      return new Ga4CallError(`the GA4 Data API at ${ctx.apiUrl} failed ("${fault.message}"): it is down or slow; compare again later`, fault.retryAfterMs === undefined ? { retry: true } : { retry: true, afterMs: fault.retryAfterMs });
    case undefined:
      // No answer from the API (refused connection, DNS, TLS, timeout).
      return new Ga4CallError(`cannot reach the GA4 Data API at ${ctx.apiUrl} (${fault.message}): check the network and apiUrl`, { retry: true });
    default:
      return new Ga4CallError(`GA4 rejected the report request for property ${ctx.propertyId} ("${fault.message}"): check propertyId`, { retry: false });
  }
}
