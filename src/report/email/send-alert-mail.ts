import type { AlertMail } from './alert-mail.ts';
import { redactSmtp, type SmtpTarget } from './smtp-url.ts';

export interface SmtpDelivery {
  target: SmtpTarget;
  /** The variable the URL came from, named in hints. */
  envName: string;
  from: string;
  to: string[];
  /** Each of connecting, the greeting and socket silence; nodemailer's own defaults run to minutes. */
  timeoutSeconds: number;
}

/** An alert e-mail the SMTP server did not take; the message has the server's reason, never the password. */
export class EmailDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmailDeliveryError';
  }
}

/**
 * Sends one alert e-mail, one attempt: the alert policy sends reminders, so a retry here would
 * only delay the run. Resolves with the server's reply once it accepted the message.
 */
export async function sendAlertMail(mail: AlertMail, delivery: SmtpDelivery): Promise<string> {
  const timeoutMs = delivery.timeoutSeconds * 1000;
  // Loaded here, when an alert is mailed: a run without one never pays for nodemailer's import.
  const { default: nodemailer } = await import('nodemailer');
  const transport = nodemailer.createTransport({
    url: delivery.target.url,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    dnsTimeout: timeoutMs,
  });
  try {
    const info = await transport.sendMail({
      from: delivery.from,
      to: delivery.to,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      attachments: mail.attachments.map(({ filename, content, contentType }) => ({ filename, content, contentType })),
    });
    return redactSmtp(String(info.response ?? ''), delivery.target);
  } catch (error) {
    throw new EmailDeliveryError(redactSmtp(deliveryProblem(error, delivery), delivery.target));
  } finally {
    transport.close();
  }
}

/** The server's reason (e.g. "535 Authentication failed") and what to check. */
function deliveryProblem(error: unknown, { target, envName, timeoutSeconds }: SmtpDelivery): string {
  const { code, originalCode, response, message } = error as { code?: string; originalCode?: string; response?: string; message?: string };
  const reason = response?.trim() || message || String(error);
  const where = target.where;
  switch (code) {
    case 'EAUTH':
      return `SMTP server ${where} refused the login of user "${target.user}" (${reason}): check the user and password in ${envName}.`;
    case 'ETIMEDOUT':
      return `SMTP server ${where} did not answer within ${timeoutSeconds} s (${reason}; alerts.email.timeoutSeconds): check host and port in ${envName} and that no firewall drops the connection.`;
    case 'EDNS':
      return `SMTP server host of ${where} was not found (${reason}): check the host in ${envName}.`;
    case 'ETLS':
      return `TLS with SMTP server ${where} failed (${reason}): smtps:// is for servers speaking TLS from the first byte (port 465), smtp:// upgrades with STARTTLS (port 587).`;
    case 'EENVELOPE':
      return `SMTP server ${where} refused the sender or a recipient (${reason}): check alerts.email.from and alerts.email.to.`;
    case 'ESOCKET':
    case 'ECONNECTION':
      if (originalCode === 'ECONNREFUSED') {
        return `SMTP server ${where} refused the connection (${reason}): check that it is running and the host and port in ${envName}.`;
      }
      return `SMTP connection to ${where} failed (${reason}${originalCode ? `, ${originalCode}` : ''}): check host and port in ${envName}.`;
    default:
      return `SMTP server ${where} did not accept the e-mail (${reason}${code ? `, ${code}` : ''}).`;
  }
}
