import { UserError } from '../../user-error.ts';

/** The SMTP server of the alert e-mails, as the environment gives it. */
export interface SmtpTarget {
  /** smtp[s]://user:password@host:port, for nodemailer only: never printed. */
  url: string;
  /** smtp://host:port, safe to print. */
  where: string;
  user: string;
  /** The password as written and as decoded: redacted from every message. */
  secrets: string[];
}

const FORMAT = 'smtp://user:password@host:port (or smtps://... for TLS from the first byte, usually port 465; percent-encode special characters in the password)';

/**
 * Reads the SMTP URL from the variable the monitor names (alerts.email.smtpUrlEnv). Its value is
 * never echoed in an error: it holds the password.
 */
export function smtpTargetFromEnv(env: NodeJS.ProcessEnv, envName: string): SmtpTarget {
  const url = env[envName]?.trim();
  if (!url) {
    throw new UserError(
      `alerts.email: the environment variable ${envName} is not set. Set it to the SMTP server as ${FORMAT}; monitor field alerts.email.smtpUrlEnv names the variable.`,
    );
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UserError(`alerts.email: the environment variable ${envName} is not a URL. Expected ${FORMAT}.`);
  }
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') {
    throw new UserError(`alerts.email: the environment variable ${envName} starts with "${parsed.protocol}//"; expected ${FORMAT}.`);
  }
  if (!parsed.hostname) throw new UserError(`alerts.email: the environment variable ${envName} names no host. Expected ${FORMAT}.`);
  // nodemailer's own defaults when the URL has no port.
  const port = parsed.port || (parsed.protocol === 'smtps:' ? '465' : '587');
  const secrets = parsed.password ? [parsed.password, safeDecode(parsed.password)] : [];
  return { url, where: `${parsed.protocol}//${parsed.hostname}:${port}`, user: safeDecode(parsed.username), secrets };
}

/** Belt and braces: whatever the server or the library put in a message, the URL and password do not leave. */
export function redactSmtp(message: string, target: SmtpTarget): string {
  let safe = message.split(target.url).join('***');
  for (const secret of target.secrets) if (secret) safe = safe.split(secret).join('***');
  return safe;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
