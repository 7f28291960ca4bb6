import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { envVariableName } from '../../orders/source-settings.ts';
import { settingsProblems } from './settings-problems.ts';

const FIELD = 'compare.platforms.ga4';

/** The Data API's own address (the client builds https://analyticsdata.googleapis.com/v1beta/properties/N:runReport). */
export const GA4_API_URL = 'https://analyticsdata.googleapis.com';

/** Rows per runReport call: the API answers at most 250,000 whatever is asked. */
export const GA4_MAX_PAGE = 250_000;

export const ga4SettingsSchema = z.strictObject({
  /** The GA4 property's numeric ID (Admin > Property details), not the G-XXXX measurement ID. */
  propertyId: z
    .union([z.number().int().positive().transform(String), z.string()], { error: 'required: the GA4 property ID, digits only, e.g. "123456789" (GA4 Admin > Property details)' })
    .refine((id) => !/^G-/i.test(id), 'this is a measurement ID (G-...): put the property ID, digits only, e.g. "123456789" (GA4 Admin > Property details)')
    .transform((id) => id.replace(/^properties\//, ''))
    .pipe(z.string().regex(/^\d+$/, 'the GA4 property ID, digits only, e.g. "123456789" (GA4 Admin > Property details)')),
  /** Name of the env variable holding the path of the service account's JSON key file. Default GOOGLE_APPLICATION_CREDENTIALS. */
  credentialsEnv: envVariableName("the path of the service account's JSON key file").default('GOOGLE_APPLICATION_CREDENTIALS'),
  /** The Data API's address, e.g. http://127.0.0.1:8080 for a local server. Default https://analyticsdata.googleapis.com. */
  apiUrl: z
    .url({ protocol: /^https?$/, error: 'an http(s) URL, e.g. https://analyticsdata.googleapis.com' })
    .refine((url) => new URL(url).pathname === '/' && !new URL(url).search, 'scheme, host and port only, e.g. https://analyticsdata.googleapis.com (the client adds /v1beta/...)')
    .default(GA4_API_URL),
  /** Rows per call, 1 to 250,000. Default 100,000: one call for most shops' month. */
  pageSize: z.number().int().min(1).max(GA4_MAX_PAGE, `at most ${GA4_MAX_PAGE} (the API's cap per call)`).default(100_000),
});

export type Ga4Settings = z.output<typeof ga4SettingsSchema>;

/** `compare.platforms.ga4.<field>: what is expected` lines; each unknown field named with the known ones. */
export function ga4SettingsProblems(raw: Record<string, unknown>): string[] {
  return settingsProblems(ga4SettingsSchema, FIELD, raw);
}

export function parseGa4Settings(raw: Record<string, unknown>): Ga4Settings | { problems: string[] } {
  const parsed = ga4SettingsSchema.safeParse(raw);
  return parsed.success ? parsed.data : { problems: ga4SettingsProblems(raw) };
}

/** What tagwatch reads from the key file: never echoed, never written anywhere. */
export interface ServiceAccountKey {
  clientEmail: string;
  privateKey: string;
  privateKeyId?: string;
}

const WHAT = "the path of the GA4 service account's JSON key file (Google Cloud > IAM > Service accounts > Keys > Add key > JSON)";

/**
 * The service account key the variable names, or the problem with it as one line. Only the
 * variable's name and the file's path are ever said, never the file's content (a JSON syntax
 * error message quotes the text around the fault, so it is not passed on).
 */
export function loadServiceAccountKey(variable: string, env: NodeJS.ProcessEnv): ServiceAccountKey | { problem: string } {
  const where = `${FIELD}.credentialsEnv`;
  const path = env[variable];
  if (path === undefined) return { problem: `${where}: environment variable ${variable} is not set: export ${WHAT}` };
  if (path.trim() === '') return { problem: `${where}: environment variable ${variable} is empty: export ${WHAT}` };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    return { problem: `${where}: ${variable} names ${path}, which cannot be read (${code}): export ${WHAT}` };
  }
  let key: unknown;
  try {
    key = JSON.parse(text);
  } catch {
    return { problem: `${where}: ${variable} names ${path}, which is not JSON: it should be the service account's JSON key file as Google Cloud downloads it` };
  }
  const fields = (key ?? {}) as Record<string, unknown>;
  if (fields.type !== 'service_account' || typeof fields.client_email !== 'string' || typeof fields.private_key !== 'string') {
    return { problem: `${where}: ${variable} names ${path}, which is not a service account key (it needs "type": "service_account", client_email and private_key): create a JSON key for the service account` };
  }
  return { clientEmail: fields.client_email, privateKey: fields.private_key, ...(typeof fields.private_key_id === 'string' ? { privateKeyId: fields.private_key_id } : {}) };
}
