import { z } from 'zod';
import { envVariableName } from '../../orders/source-settings.ts';
import { settingsProblems } from './settings-problems.ts';

export const TIKTOK_FIELD = 'compare.platforms.tiktok';

/** TikTok API for Business (requests go to {apiUrl}/open_api/v1.3/report/integrated/get/). */
export const TIKTOK_API_URL = 'https://business-api.tiktok.com';

/** Rows per page: the Reporting API's maximum page_size. */
export const TIKTOK_MAX_PAGE = 1000;

export const tiktokSettingsSchema = z.strictObject({
  /** The ad account (advertiser) ID: a string, since TikTok's IDs exceed what a JSON number holds exactly. */
  advertiserId: z
    .string({ error: 'required: the TikTok advertiser ID as a quoted string of digits, e.g. "7012345678901234567" (Ads Manager > account menu, under the account name)' })
    .trim()
    .regex(/^\d{6,25}$/, 'the TikTok advertiser ID, digits only, e.g. "7012345678901234567"'),
  /** Name of the env variable holding the Marketing API access token. */
  accessTokenEnv: envVariableName('the TikTok Marketing API access token').default('TIKTOK_ACCESS_TOKEN'),
  /** The API's address, e.g. http://127.0.0.1:8080 for a local server; https://sandbox-ads.tiktok.com for the sandbox. */
  apiUrl: z
    .url({ protocol: /^https?$/, error: `an http(s) URL, e.g. ${TIKTOK_API_URL}` })
    .refine((url) => !URL.canParse(url) || (new URL(url).pathname === '/' && !new URL(url).search), `scheme, host and port only, e.g. ${TIKTOK_API_URL} (tagwatch adds /open_api/v1.3/...)`)
    .default(TIKTOK_API_URL),
  /** Rows per call, 1 to 1000. */
  pageSize: z.number().int().min(1).max(TIKTOK_MAX_PAGE, `at most ${TIKTOK_MAX_PAGE} (the API's page_size cap)`).default(TIKTOK_MAX_PAGE),
  /**
   * The ad account's click-through attribution window in days (Ads Manager > Attribution
   * settings: 1, 7, 14 or 28; 7 by default). TikTok reports a conversion on the day of the ad
   * click or view that led to it, so a day keeps gaining conversions for that long.
   */
  attributionWindowDays: z.number().int().min(1).max(28, 'at most 28 (the longest click-through window TikTok offers)').default(7),
});

export type TiktokSettings = z.output<typeof tiktokSettingsSchema>;

/** `compare.platforms.tiktok.<field>: what is expected` lines; an unknown field is named with the known ones. */
export function tiktokSettingsProblems(raw: Record<string, unknown>): string[] {
  return settingsProblems(tiktokSettingsSchema, TIKTOK_FIELD, raw);
}

export function parseTiktokSettings(raw: Record<string, unknown>): TiktokSettings | { problems: string[] } {
  const parsed = tiktokSettingsSchema.safeParse(raw);
  return parsed.success ? parsed.data : { problems: tiktokSettingsProblems(raw) };
}

/** The access token the settings name, or the line saying which variable to export (never a value). */
export function readTiktokToken(settings: TiktokSettings, env: NodeJS.ProcessEnv): { token: string } | { problem: string } {
  const value = env[settings.accessTokenEnv];
  if (value !== undefined && value.trim() !== '') return { token: value.trim() };
  return {
    problem: `${TIKTOK_FIELD}.accessTokenEnv: environment variable ${settings.accessTokenEnv} is ${value === undefined ? 'not set' : 'empty'}: export a TikTok Marketing API access token (TikTok API for Business > My Apps: an app with the Reporting permission, authorised by the ad account)`,
  };
}
