import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A mail as the server received it: the SMTP envelope and the parsed message. */
export interface ReceivedMail {
  from: string;
  to: string[];
  user: string | undefined;
  parsed: ParsedMail;
}

export interface LocalSmtpServer {
  port: number;
  /** smtp://user:password@127.0.0.1:port, with these credentials (percent-encoded). */
  url(user: string, password: string): string;
  mails: ReceivedMail[];
  /** Logins tried, accepted or not: a test can tell "refused" from "never connected". */
  logins: number;
  close(): Promise<void>;
}

/**
 * A real SMTP server (smtp-server) on 127.0.0.1, port 0: plain text (no STARTTLS offered), AUTH
 * required, one user and password accepted, anything else answered 535.
 */
export async function startSmtpServer(account: { user: string; password: string }): Promise<LocalSmtpServer> {
  const mails: ReceivedMail[] = [];
  const state = { logins: 0 };
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authMethods: ['PLAIN', 'LOGIN'],
    closeTimeout: 500,
    logger: false,
    onAuth(auth, _session, callback) {
      state.logins++;
      if (auth.username === account.user && auth.password === account.password) return callback(null, { user: auth.username });
      const refused = new Error('Authentication failed') as Error & { responseCode: number };
      refused.responseCode = 535;
      callback(refused);
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            user: session.user as string | undefined,
            parsed,
          });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    url: (user, password) => `smtp://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}`,
    mails,
    get logins() {
      return state.logins;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Accepts TCP connections and never says a word: an SMTP server that hangs before its greeting. */
export async function startSilentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port nothing listens on: opened, then closed. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
