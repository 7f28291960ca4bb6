import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { startLocalServer } from './local-server.ts';

/** Complete payments TikTok attributed to one day (the dataset a test gives). */
export interface FakeTiktokDay {
  date: string;
  completePayments: number;
  value: number;
}

export interface FakeTiktokOptions {
  days: FakeTiktokDay[];
  advertiserId: string;
  accessToken: string;
  /** Answer this many report calls with code 40100 (rate limit, HTTP 200) first. */
  rateLimits?: number;
  /** 'token': every call answers 40105 (token incorrect or revoked); 'advertiser': 40001 (no permission on the advertiser). */
  refuse?: 'token' | 'advertiser';
}

export interface FakeTiktokRequest {
  path: string;
  accessToken?: string;
  query: URLSearchParams;
  /** The `code` answered (0 for success). */
  code: number;
}

export interface FakeTiktokReportingApi {
  /** The API address (settings apiUrl). */
  url: string;
  requests: FakeTiktokRequest[];
  close(): Promise<void>;
}

const PATH = '/open_api/v1.3/report/integrated/get/';
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** The metrics this fake knows (a few of the BASIC report's, enough to refuse a misspelt one). */
const KNOWN_METRICS = new Set(['spend', 'impressions', 'clicks', 'conversion', 'complete_payment', 'total_complete_payment_rate', 'complete_payment_roas', 'cost_per_complete_payment', 'value_per_complete_payment']);

function jsonArray(value: string | null): string[] | undefined {
  if (value === null) return undefined;
  try {
    const parsed = JSON.parse(value) as unknown;
    return Array.isArray(parsed) && parsed.every((item) => typeof item === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * TikTok API for Business v1.3's synchronous report (`report/integrated/get/`), in its documented
 * shapes: the Access-Token header, query parameters with JSON-encoded arrays, BASIC /
 * AUCTION_ADVERTISER by stat_time_day over at most 30 days, page / page_size (at most 1000),
 * every answer HTTP 200 with {code, message, request_id, data}: metrics as strings,
 * stat_time_day as "YYYY-MM-DD 00:00:00", data.page_info {page, page_size, total_number,
 * total_page}; errors as codes (40100 rate limit, 40104 / 40105 token, 40001 permission, 40002
 * parameters). A path without its trailing slash answers "404 page not found" like the real one.
 */
export async function startFakeTiktokReportingApi(options: FakeTiktokOptions): Promise<FakeTiktokReportingApi> {
  const requests: FakeTiktokRequest[] = [];
  let rateLimits = options.rateLimits ?? 0;

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const token = req.headers['access-token'] as string | undefined;
    const record: FakeTiktokRequest = { path: url.pathname, ...(token !== undefined ? { accessToken: token } : {}), query: url.searchParams, code: -1 };
    requests.push(record);
    if (url.pathname !== PATH || req.method !== 'GET') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('404 page not found');
      return;
    }
    const requestId = `${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}${randomBytes(8).toString('hex').toUpperCase()}`;
    const answer = (code: number, message: string, data: unknown = {}) => {
      record.code = code;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ code, message, request_id: requestId, data }));
    };
    const q = url.searchParams;

    if (!token) return answer(40104, 'Access token is null, please check your token.');
    if (token !== options.accessToken || options.refuse === 'token') return answer(40105, 'Access token is incorrect or has been revoked.');
    if (rateLimits > 0) {
      rateLimits--;
      return answer(40100, 'Too many requests. Please retry in some time.');
    }
    const advertiser = q.get('advertiser_id');
    if (!advertiser) return answer(40002, 'advertiser_id: Missing data for required field.');
    if (advertiser !== options.advertiserId || options.refuse === 'advertiser') return answer(40001, `No permission to operate advertiser ${advertiser}.`);
    if (q.get('report_type') !== 'BASIC') return answer(40002, `report_type: Not a valid choice.`);
    if (q.get('service_type') !== null && q.get('service_type') !== 'AUCTION') return answer(40002, 'service_type: Not a valid choice.');
    if (q.get('data_level') !== 'AUCTION_ADVERTISER') return answer(40002, 'data_level: this fake serves AUCTION_ADVERTISER only.');
    const dimensions = jsonArray(q.get('dimensions'));
    if (!dimensions) return answer(40002, 'dimensions: Not a valid list.');
    if (dimensions.join() !== 'stat_time_day') return answer(40002, 'dimensions: this fake serves ["stat_time_day"] only.');
    const metrics = jsonArray(q.get('metrics'));
    if (!metrics || !metrics.length) return answer(40002, 'metrics: Not a valid list.');
    const unknown = metrics.find((name) => !KNOWN_METRICS.has(name));
    if (unknown) return answer(40002, `metrics: Invalid metric ${unknown}.`);
    const from = q.get('start_date') ?? '';
    const to = q.get('end_date') ?? '';
    if (!DATE.test(from) || !DATE.test(to)) return answer(40002, 'start_date and end_date are required in the format YYYY-MM-DD when query_lifetime is false.');
    if (from > to) return answer(40002, 'end_date must be later than or equal to start_date.');
    if ((Date.parse(to) - Date.parse(from)) / 86_400_000 + 1 > 30) return answer(40002, 'The time span of start_date and end_date cannot exceed 30 days when stat_time_day is in dimensions.');
    const page = Number(q.get('page') ?? '1');
    const pageSize = Number(q.get('page_size') ?? '10');
    if (!Number.isInteger(page) || page < 1) return answer(40002, 'page: Must be greater than or equal to 1.');
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) return answer(40002, 'page_size: Must be between 1 and 1000.');

    const rows = options.days.filter((day) => day.date >= from && day.date <= to).sort((a, b) => a.date.localeCompare(b.date));
    const list = rows.slice((page - 1) * pageSize, page * pageSize).map((day) => ({
      dimensions: { stat_time_day: `${day.date} 00:00:00` },
      metrics: Object.fromEntries(
        metrics.map((name) => [
          name,
          name === 'complete_payment' ? String(day.completePayments) : name === 'total_complete_payment_rate' ? day.value.toFixed(2) : '0',
        ]),
      ),
    }));
    return answer(0, 'OK', { list, page_info: { page, page_size: pageSize, total_number: rows.length, total_page: Math.ceil(rows.length / pageSize) } });
  };

  const server = await startLocalServer(handler);
  return { url: server.url, requests, close: server.close };
}
