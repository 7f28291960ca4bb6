import { z } from 'zod';
import { envVariableName } from '../../orders/source-settings.ts';
import { settingsProblems } from './settings-problems.ts';

export const GOOGLE_ADS_FIELD = 'compare.platforms.google-ads';

/** The Google Ads API's REST address (requests go to {apiUrl}/{version}/customers/{id}/googleAds:search). */
export const GOOGLE_ADS_API_URL = 'https://googleads.googleapis.com';

/** Google's OAuth 2.0 token endpoint, where the refresh token is exchanged for an access token. */
export const GOOGLE_OAUTH_TOKEN_URL = 'https://oauth2.googleapis.com/token';

/**
 * The API version read by default: v26, the latest active version in Google's reference
 * (developers.google.com/google-ads/api/reference/rpc/latest). Google sunsets a version about a
 * year after its release; `version` lets a monitor move on without waiting for a tagwatch release.
 */
export const GOOGLE_ADS_API_VERSION = 'v26';

/** The variables Google's own client libraries read, so an existing setup needs no new names. */
export const GOOGLE_ADS_ENV_DEFAULTS = {
  clientIdEnv: 'GOOGLE_ADS_CLIENT_ID',
  clientSecretEnv: 'GOOGLE_ADS_CLIENT_SECRET',
  refreshTokenEnv: 'GOOGLE_ADS_REFRESH_TOKEN',
  developerTokenEnv: 'GOOGLE_ADS_DEVELOPER_TOKEN',
} as const;

/** A customer ID as the Ads UI shows it (123-456-7890) or as the API wants it (1234567890). */
function customerId(what: string) {
  return z
    .string({ error: `required: ${what}, 10 digits, e.g. "123-456-7890" (shown at the top of Google Ads, next to the account name)` })
    .transform((id) => id.replace(/-/g, '').trim())
    .pipe(z.string().regex(/^\d{10}$/, `${what}, 10 digits with or without dashes, e.g. "123-456-7890"`));
}

function httpUrl(example: string, pathAllowed: boolean) {
  return z
    .url({ protocol: /^https?$/, error: `an http(s) URL, e.g. ${example}` })
    .refine((url) => pathAllowed || !URL.canParse(url) || (new URL(url).pathname === '/' && !new URL(url).search), `scheme, host and port only, e.g. ${example} (tagwatch adds /${GOOGLE_ADS_API_VERSION}/customers/...)`);
}

export const googleAdsSettingsSchema = z.strictObject({
  /** The advertiser account whose conversions are read. */
  customerId: customerId('the Google Ads customer ID of the advertiser account'),
  /**
   * The manager (MCC) account the OAuth user reaches the advertiser through; sent as the
   * login-customer-id header. Leave out when the user has access to the advertiser account itself.
   */
  loginCustomerId: customerId('the customer ID of the manager account the access goes through').optional(),
  /**
   * Conversion action names (Goals > Conversions > Summary) whose conversions are summed per day,
   * e.g. ["Purchase"]. Left out: every action counted in the account's "Conversions" column
   * (the primary actions), which can include leads or sign-ups besides purchases.
   */
  conversionActions: z
    .array(z.string().trim().min(1, 'a conversion action name, e.g. "Purchase"'), { error: 'a list of conversion action names, e.g. ["Purchase"]' })
    .min(1, 'at least one conversion action name, e.g. ["Purchase"]; leave the field out to count all primary actions')
    .optional(),
  clientIdEnv: envVariableName("the OAuth client ID").default(GOOGLE_ADS_ENV_DEFAULTS.clientIdEnv),
  clientSecretEnv: envVariableName("the OAuth client secret").default(GOOGLE_ADS_ENV_DEFAULTS.clientSecretEnv),
  refreshTokenEnv: envVariableName("the OAuth refresh token").default(GOOGLE_ADS_ENV_DEFAULTS.refreshTokenEnv),
  /**
   * Developer tokens were sunset on 9 September 2026 (API access now belongs to the OAuth
   * client's Google Cloud project); the header is optional and ignored by the API. It is sent
   * when the variable is set, and a variable named here explicitly must be set.
   */
  developerTokenEnv: envVariableName('the Google Ads developer token').default(GOOGLE_ADS_ENV_DEFAULTS.developerTokenEnv),
  /** The API version, e.g. "v26". */
  version: z
    .string()
    .regex(/^v\d{2,}$/, `an API version like "${GOOGLE_ADS_API_VERSION}" (developers.google.com/google-ads/api/docs/sunset-dates)`)
    .default(GOOGLE_ADS_API_VERSION),
  /** The API's address, e.g. http://127.0.0.1:8080 for a local server. */
  apiUrl: httpUrl(GOOGLE_ADS_API_URL, false).default(GOOGLE_ADS_API_URL),
  /** The OAuth token endpoint, full URL. */
  tokenUrl: httpUrl(GOOGLE_OAUTH_TOKEN_URL, true).default(GOOGLE_OAUTH_TOKEN_URL),
});

export type GoogleAdsSettings = z.output<typeof googleAdsSettingsSchema>;

/** `compare.platforms.google-ads.<field>: what is expected` lines; an unknown field is named with the known ones. */
export function googleAdsSettingsProblems(raw: Record<string, unknown>): string[] {
  return settingsProblems(googleAdsSettingsSchema, GOOGLE_ADS_FIELD, raw);
}

export function parseGoogleAdsSettings(raw: Record<string, unknown>): GoogleAdsSettings | { problems: string[] } {
  const parsed = googleAdsSettingsSchema.safeParse(raw);
  return parsed.success ? parsed.data : { problems: googleAdsSettingsProblems(raw) };
}

/** What tagwatch holds of the credentials during one read: never logged, never written. */
export interface GoogleAdsCredentials {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  developerToken?: string;
}

const WHERE_TO_GET = {
  clientIdEnv: 'the OAuth client ID (Google Cloud console > APIs & Services > Credentials, "OAuth client ID", of the project with the Google Ads API enabled)',
  clientSecretEnv: "that OAuth client's secret",
  refreshTokenEnv: 'a refresh token for a Google user with access to the Ads account, obtained with that client and the https://www.googleapis.com/auth/adwords scope',
  developerTokenEnv: 'the developer token (optional since developer tokens were sunset on 9 September 2026: remove developerTokenEnv to stop sending it)',
} as const;

/** The credentials the settings name, or one line per missing variable (its name and what to export, never a value). */
export function readGoogleAdsCredentials(settings: GoogleAdsSettings, raw: Record<string, unknown>, env: NodeJS.ProcessEnv): GoogleAdsCredentials | { problems: string[] } {
  const problems: string[] = [];
  const read = (field: keyof typeof WHERE_TO_GET, required: boolean): string | undefined => {
    const variable = settings[field];
    const value = env[variable];
    if (value !== undefined && value.trim() !== '') return value.trim();
    if (required) problems.push(`${GOOGLE_ADS_FIELD}.${field}: environment variable ${variable} is ${value === undefined ? 'not set' : 'empty'}: export ${WHERE_TO_GET[field]}`);
    return undefined;
  };
  const clientId = read('clientIdEnv', true);
  const clientSecret = read('clientSecretEnv', true);
  const refreshToken = read('refreshTokenEnv', true);
  // Only a variable the monitor names itself is required: the default one is sent when present.
  const developerToken = read('developerTokenEnv', raw.developerTokenEnv !== undefined);
  if (problems.length || !clientId || !clientSecret || !refreshToken) return { problems };
  return { clientId, clientSecret, refreshToken, ...(developerToken ? { developerToken } : {}) };
}
