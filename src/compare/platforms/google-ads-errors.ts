import type { RetryAdvice } from './retrying.ts';

/** A failed Google Ads or OAuth call, said for the user, with what the retry loop should do about it. */
export class GoogleAdsCallError extends Error {
  constructor(
    message: string,
    readonly advice: RetryAdvice,
  ) {
    super(message);
    this.name = 'GoogleAdsCallError';
  }
}

export const adviseGoogleAds = (error: unknown): RetryAdvice => {
  if (error instanceof GoogleAdsCallError) return error.advice;
  // fetch's own failures (connection refused, reset, DNS): the API may be back in a moment.
  if (error instanceof TypeError) return { retry: true };
  return { retry: false };
};

/** What a message may say of the call. */
export interface GoogleAdsCallContext {
  customerId: string;
  loginCustomerId?: string;
  apiUrl: string;
  tokenUrl: string;
  permission: string;
  /** The values that must never appear in a message (the API may echo what it was sent). */
  secrets: string[];
}

/** Never let a credential through, even if an API or a proxy echoes it. */
export function withoutSecrets(text: string, secrets: string[]): string {
  let clean = text.replace(/Bearer\s+[\w.~+/-]+=*/gi, 'Bearer [hidden]').replace(/\bya29\.[\w.-]+/g, '[hidden token]').replace(/\b1\/\/[\w.-]+/g, '[hidden token]');
  for (const secret of secrets) if (secret.length >= 4) clean = clean.split(secret).join('[hidden]');
  return clean;
}

/** A Retry-After header in milliseconds (seconds or an HTTP date). */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** A protobuf Duration in its JSON form ("30s", "0.5s") in milliseconds. */
function durationMs(value: unknown): number | undefined {
  if (typeof value === 'string' && /^\d+(\.\d+)?s$/.test(value)) return Math.ceil(parseFloat(value) * 1000);
  if (value && typeof value === 'object') {
    const { seconds, nanos } = value as { seconds?: unknown; nanos?: unknown };
    return Number(seconds ?? 0) * 1000 + Math.ceil(Number(nanos ?? 0) / 1e6);
  }
  return undefined;
}

/** One GoogleAdsError of a GoogleAdsFailure (REST JSON: camelCase, the error code as a one-key object). */
interface AdsError {
  errorCode?: Record<string, string>;
  message?: string;
  details?: { quotaErrorDetails?: { rateScope?: string; rateName?: string; retryDelay?: unknown } };
}

/** The REST error body: google.rpc.Status with a GoogleAdsFailure (and maybe google.rpc.RetryInfo) in details. */
interface StatusBody {
  error?: { code?: number; message?: string; status?: string; details?: Record<string, unknown>[] };
}

function adsErrors(body: StatusBody): { errors: AdsError[]; requestId?: string; retryInfoMs?: number } {
  const errors: AdsError[] = [];
  let requestId: string | undefined;
  let retryInfoMs: number | undefined;
  for (const detail of body.error?.details ?? []) {
    const type = String(detail['@type'] ?? '');
    if (type.endsWith('.errors.GoogleAdsFailure')) {
      errors.push(...((detail.errors as AdsError[] | undefined) ?? []));
      if (typeof detail.requestId === 'string') requestId = detail.requestId;
    } else if (type.endsWith('google.rpc.RetryInfo')) {
      retryInfoMs = durationMs(detail.retryDelay);
    }
  }
  return { errors, ...(requestId ? { requestId } : {}), ...(retryInfoMs !== undefined ? { retryInfoMs } : {}) };
}

/** "authorizationError: USER_PERMISSION_DENIED" for each error. */
function codes(errors: AdsError[]): string[] {
  return errors.flatMap((error) => Object.entries(error.errorCode ?? {}).map(([kind, value]) => `${kind}: ${value}`));
}

/** What to do about the access errors a user can fix, by error code. */
const ACCESS_ADVICE: Record<string, (ctx: GoogleAdsCallContext) => string> = {
  USER_PERMISSION_DENIED: (ctx) =>
    ctx.loginCustomerId
      ? `the Google user of the refresh token has no access to customer ${ctx.customerId} through manager ${ctx.loginCustomerId}: check that the manager account links it`
      : `the Google user of the refresh token has no access to customer ${ctx.customerId}: grant it access, or set loginCustomerId to the manager account it has access through`,
  CUSTOMER_NOT_ENABLED: (ctx) => `customer ${ctx.customerId} is not enabled or has been deactivated`,
  CLOUD_PROJECT_NOT_APPROVED_FOR_PRODUCTION: () => "the OAuth client's Google Cloud project has Test access only: apply for Explorer access on its Google Ads API Overview page (Cloud console)",
  DEVELOPER_TOKEN_NOT_APPROVED: () => "the API access level allows test accounts only: apply for Explorer access on the Google Cloud project's Google Ads API Overview page",
  PROJECT_DISABLED: () => 'the Google Ads API is not enabled in the OAuth client\'s Google Cloud project: enable it (APIs & Services > Library > Google Ads API)',
  MISSING_TOS: () => 'the Google Ads API terms of service are not accepted for this project',
  NOT_ADS_USER: () => 'the Google user of the refresh token has no Google Ads account: create the refresh token with a user that has access to the Ads account',
  OAUTH_TOKEN_INVALID: () => 'the access token was refused: create a new refresh token',
  OAUTH_TOKEN_EXPIRED: () => 'the access token expired during the read: compare again',
  OAUTH_TOKEN_REVOKED: () => 'the refresh token was revoked: create a new refresh token',
  CUSTOMER_NOT_FOUND: (ctx) => `no customer ${ctx.customerId}: check customerId (10 digits shown at the top of Google Ads)`,
};

/** A non-2xx answer of googleAds:search, as a GoogleAdsCallError that says what to check. */
export function googleAdsHttpError(status: number, text: string, retryAfter: string | null, ctx: GoogleAdsCallContext): GoogleAdsCallError {
  let body: StatusBody = {};
  try {
    body = JSON.parse(text) as StatusBody;
  } catch {
    // A proxy's or load balancer's HTML page: only the status is worth saying.
  }
  const { errors, requestId, retryInfoMs } = adsErrors(body);
  const said = withoutSecrets(errors.map((error) => error.message).filter(Boolean).join('; ') || body.error?.message || `HTTP ${status}`, ctx.secrets);
  const codeList = codes(errors);
  const reference = `${codeList.length ? ` [${codeList.join(', ')}]` : ''}${requestId ? ` (request ${requestId})` : ''}`;
  const grpcStatus = body.error?.status ?? '';

  const quota = errors.find((error) => error.errorCode?.quotaError);
  if (status === 429 || grpcStatus === 'RESOURCE_EXHAUSTED' || quota) {
    const details = quota?.details?.quotaErrorDetails;
    const afterMs = durationMs(details?.retryDelay) ?? retryInfoMs ?? retryAfterMs(retryAfter);
    const scope = details?.rateScope === 'DEVELOPER' ? "the Google Cloud project's" : details?.rateScope === 'ACCOUNT' ? `customer ${ctx.customerId}'s` : 'the';
    const message = `Google Ads quota exhausted (${scope} ${details?.rateName ?? 'API operations'}): "${said}"${reference}`;
    return new GoogleAdsCallError(message, afterMs === undefined ? { retry: true } : { retry: true, afterMs });
  }
  if (status >= 500 || grpcStatus === 'UNAVAILABLE' || grpcStatus === 'INTERNAL' || grpcStatus === 'DEADLINE_EXCEEDED') {
    const afterMs = retryInfoMs ?? retryAfterMs(retryAfter);
    return new GoogleAdsCallError(`Google Ads API at ${ctx.apiUrl} answered HTTP ${status} ("${said}")${reference}`, afterMs === undefined ? { retry: true } : { retry: true, afterMs });
  }
  const advice = errors.flatMap((error) => Object.values(error.errorCode ?? {})).map((code) => ACCESS_ADVICE[code]?.(ctx)).find(Boolean);
  if (status === 401 || status === 403) {
    return new GoogleAdsCallError(
      `Google Ads refused to read customer ${ctx.customerId} (HTTP ${status}: "${said}")${reference}: ${advice ?? 'check the credentials'}. Needed: ${ctx.permission}`,
      { retry: false },
    );
  }
  return new GoogleAdsCallError(`Google Ads refused the report query for customer ${ctx.customerId} (HTTP ${status}: "${said}")${reference}${advice ? `: ${advice}` : ''}`, { retry: false });
}

/** A non-2xx answer of the OAuth token endpoint ({error, error_description}, RFC 6749 section 5.2). */
export function tokenHttpError(status: number, text: string, retryAfter: string | null, ctx: GoogleAdsCallContext, envNames: { clientIdEnv: string; clientSecretEnv: string; refreshTokenEnv: string }): GoogleAdsCallError {
  let body: { error?: unknown; error_description?: unknown } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // not JSON: only the status is said
  }
  const code = typeof body.error === 'string' ? body.error : '';
  const description = withoutSecrets(typeof body.error_description === 'string' ? body.error_description : '', ctx.secrets);
  const said = `${code || `HTTP ${status}`}${description ? `: ${description}` : ''}`;
  if (status === 429 || status >= 500) {
    const afterMs = retryAfterMs(retryAfter);
    return new GoogleAdsCallError(`the OAuth token endpoint ${ctx.tokenUrl} answered HTTP ${status} (${said})`, afterMs === undefined ? { retry: true } : { retry: true, afterMs });
  }
  const what =
    code === 'invalid_grant'
      ? `the refresh token in ${envNames.refreshTokenEnv} was refused (expired, revoked, or issued to another OAuth client): create a new one with the client in ${envNames.clientIdEnv} and the https://www.googleapis.com/auth/adwords scope`
      : code === 'invalid_client' || code === 'unauthorized_client'
        ? `the OAuth client in ${envNames.clientIdEnv} / ${envNames.clientSecretEnv} was refused: check both against the Google Cloud console (APIs & Services > Credentials)`
        : 'check the OAuth client and refresh token';
  return new GoogleAdsCallError(`Google refused the Google Ads credentials (${said}): ${what}. Needed: ${ctx.permission}`, { retry: false });
}
