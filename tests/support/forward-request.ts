import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';

/** Passes a request through to `target` (the demo shop behind a test proxy) and pipes its answer back. */
export function forwardRequest(target: URL, req: IncomingMessage, res: ServerResponse): void {
  const upstream = httpRequest(
    { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => res.writeHead(502).end());
  req.pipe(upstream);
}
