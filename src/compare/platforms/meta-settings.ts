import { z } from 'zod';
import { envVariableName } from '../../orders/source-settings.ts';
import { settingsProblems } from './settings-problems.ts';

const FIELD = 'compare.platforms.meta';

/** The Graph API's own address (the SDK builds https://graph.facebook.com/v24.0/act_N/insights). */
export const META_API_URL = 'https://graph.facebook.com';

/**
 * The purchase the Pixel counts. Ads Manager's "Purchases" column, for a Pixel-only shop: the
 * browser event. `omni_purchase` adds app and in-store purchases and the Conversions API's
 * deduplicated server events; `purchase` is the same roll-up under its short name.
 */
export const DEFAULT_ACTION_TYPE = 'offsite_conversion.fb_pixel_purchase';

export const metaSettingsSchema = z.strictObject({
  /** The ad account, "act_1234567890" or its digits (Ads Manager > account menu, or Business Settings > Ad accounts). */
  adAccountId: z
    .string({ error: 'required: the ad account ID, e.g. "act_1234567890" (Ads Manager > account menu, or Business Settings > Ad accounts)' })
    .transform((id) => id.trim().replace(/^act_/i, ''))
    .pipe(z.string().regex(/^\d+$/, 'the ad account ID, "act_" and digits, e.g. "act_1234567890" (Ads Manager > account menu)')),
  /** Name of the env variable holding the access token (a system user token with ads_read). Default META_ACCESS_TOKEN. */
  accessTokenEnv: envVariableName('the Marketing API access token').default('META_ACCESS_TOKEN'),
  /** Name of the env variable holding the app secret: when set, every call carries appsecret_proof (required by apps with "Require App Secret"). No default. */
  appSecretEnv: envVariableName("the Meta app's secret").optional(),
  /** The insights action counted as a purchase. Default offsite_conversion.fb_pixel_purchase (omni_purchase, purchase and offsite_conversion.custom.<id> are others). */
  actionType: z
    .string()
    .regex(/^[a-z0-9_]+(\.[a-z0-9_]+)*$/i, 'an insights action type, e.g. "offsite_conversion.fb_pixel_purchase", "omni_purchase" or "purchase"')
    .default(DEFAULT_ACTION_TYPE),
  /**
   * Which day a purchase counts on: "conversion" (the day it happened, like the shop's orders),
   * "impression" (the day the ad was seen, Meta's historical default) or "mixed" (Ads Manager's).
   * Default "conversion": the comparison is against the day the shop took the order.
   */
  reportTime: z.enum(['conversion', 'impression', 'mixed'], { error: 'one of "conversion" (default: the day the purchase happened), "impression" or "mixed"' }).default('conversion'),
  /** The Graph API's address, e.g. http://127.0.0.1:8080 for a local server. Default https://graph.facebook.com. */
  apiUrl: z
    .url({ protocol: /^https?$/, error: 'an http(s) URL, e.g. https://graph.facebook.com', abort: true })
    .refine((url) => !new URL(url).search && !new URL(url).hash, 'no query or fragment, e.g. https://graph.facebook.com (the client adds /v24.0/act_.../insights)')
    .transform((url) => url.replace(/\/+$/, ''))
    .default(META_API_URL),
  /** Rows per call (the API's `limit`), 1 to 500. Default: the API's own (25). */
  pageSize: z.number().int().min(1).max(500, 'at most 500 rows per call').optional(),
});

export type MetaSettings = z.output<typeof metaSettingsSchema>;

/** `compare.platforms.meta.<field>: what is expected` lines; each unknown field named with the known ones. */
export function metaSettingsProblems(raw: Record<string, unknown>): string[] {
  return settingsProblems(metaSettingsSchema, FIELD, raw);
}

export function parseMetaSettings(raw: Record<string, unknown>): MetaSettings | { problems: string[] } {
  const parsed = metaSettingsSchema.safeParse(raw);
  return parsed.success ? parsed.data : { problems: metaSettingsProblems(raw) };
}

const TOKEN_WHAT = 'a Marketing API access token with ads_read on the ad account (Business Settings > System users > Generate new token, ads_read)';
const SECRET_WHAT = "the Meta app's secret (App Dashboard > App settings > Basic > App secret)";

/** The variables the settings name that are not set or empty, as lines naming the variable; never a value. */
export function metaCredentialProblems(settings: MetaSettings, env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  const check = (field: string, variable: string, what: string) => {
    const value = env[variable];
    if (value === undefined) problems.push(`${FIELD}.${field}: environment variable ${variable} is not set: export ${what}`);
    else if (value.trim() === '') problems.push(`${FIELD}.${field}: environment variable ${variable} is empty: export ${what}`);
  };
  check('accessTokenEnv', settings.accessTokenEnv, TOKEN_WHAT);
  if (settings.appSecretEnv) check('appSecretEnv', settings.appSecretEnv, SECRET_WHAT);
  return problems;
}
