import type { IncomingMessage, ServerResponse } from 'node:http';
import { startLocalServer } from './local-server.ts';

/** How the fake answers one request; the queue empties in order, then every request gets 'ok'. */
export type FakeSlackAnswer =
  | 'ok'
  /** HTTP 200 with { ok: false, error }, as Slack answers refused calls. */
  | { error: string }
  /** HTTP 429 with Retry-After: requests before it has passed are answered 429 again, and marked early. */
  | { status: 429; retryAfter: number }
  | { status: 500 }
  /** No answer at all (the client's timeout must end it). */
  | 'hang';

export interface FakeSlackRequest {
  /** Web API method from the path, e.g. chat.postMessage. */
  method: string;
  /** Bearer token of the Authorization header, or the `token` form field. */
  token: string | undefined;
  contentType: string;
  /** The arguments as sent, JSON-encoded fields (blocks) decoded. */
  args: Record<string, unknown>;
  /** Arrived while a Retry-After the fake had given was still running. */
  early: boolean;
}

/**
 * A local stand-in for Slack's Web API (POST <apiUrl>chat.postMessage): Bearer auth
 * (invalid_auth otherwise), form-encoded or JSON arguments, channels by id or #name
 * (channel_not_found otherwise), answers { ok, channel, ts, message } and, on demand, ok:false
 * errors, 429 with Retry-After, 500 or silence.
 */
export async function startFakeSlack(token: string, channels: Record<string, string> = { C0ALERTS: 'tagwatch-alerts' }) {
  const state = {
    requests: [] as FakeSlackRequest[],
    answers: [] as FakeSlackAnswer[],
  };
  let limitedUntil = 0;
  let sequence = 100;

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(body));

  const server = await startLocalServer(async (req, res) => {
    const raw = await readBody(req);
    const contentType = req.headers['content-type'] ?? '';
    const args = parseArgs(raw, contentType);
    const auth = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? (typeof args.token === 'string' ? args.token : undefined);
    const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0]!;
    const now = Date.now();
    const early = now < limitedUntil;
    state.requests.push({ method, token: auth, contentType, args, early });
    if (early) {
      json(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(Math.ceil((limitedUntil - now) / 1000)) });
      return;
    }
    const answer = state.answers.shift() ?? 'ok';
    if (answer === 'hang') return;
    if (typeof answer === 'object' && 'status' in answer) {
      if (answer.status === 429) {
        limitedUntil = now + answer.retryAfter * 1000;
        json(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(answer.retryAfter) });
      } else {
        res.writeHead(500, { 'content-type': 'text/html' }).end('<html>Internal Server Error</html>');
      }
      return;
    }
    if (typeof answer === 'object') return json(res, 200, { ok: false, error: answer.error });
    if (auth !== token) return json(res, 200, { ok: false, error: 'invalid_auth' });
    if (method !== 'chat.postMessage') return json(res, 200, { ok: false, error: 'unknown_method' });
    const requested = String(args.channel ?? '').replace(/^#/, '');
    const channel = Object.entries(channels).find(([id, name]) => id === requested || name === requested)?.[0];
    if (!channel) return json(res, 200, { ok: false, error: 'channel_not_found' });
    if (!args.text && !args.blocks) return json(res, 200, { ok: false, error: 'no_text' });
    const ts = `1700000000.${String(sequence++).padStart(6, '0')}`;
    json(res, 200, { ok: true, channel, ts, message: { type: 'message', text: args.text, ts, ...(args.thread_ts ? { thread_ts: args.thread_ts } : {}) } });
  });

  return {
    ...state,
    /** Base URL to give the WebClient (slackApiUrl). */
    apiUrl: `${server.url}/api/`,
    close: server.close,
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Slack takes form fields (JSON-encoded when structured) or a JSON body. */
function parseArgs(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.startsWith('application/json')) return JSON.parse(raw || '{}') as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = key === 'blocks' || key === 'attachments' || key === 'metadata' ? JSON.parse(value) : value;
  }
  return args;
}
