// The service's HTTP server: /metrics, /livez (alias /healthz) and /readyz are open; every other
// route can require a bearer token. Bound to the configured host (0.0.0.0 in containers).
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { Registry } from 'prom-client';

export interface Route {
  readonly method: 'GET' | 'POST';
  /** Path prefix, e.g. `/v1/windows`. */
  readonly path: string;
  handle(req: IncomingMessage, url: URL): Promise<{ status: number; body: unknown }>;
}

export interface HttpServerOptions {
  readonly registry: Registry;
  readonly host: string;
  readonly port: number;
  /** Readiness: false while starting, after a fatal error, or while state is being rebuilt. */
  readonly isReady: () => boolean;
  readonly routes?: readonly Route[];
  /** When set, routes other than health and metrics require `Authorization: Bearer <token>`. */
  readonly apiToken?: string;
}

export interface HttpServer {
  readonly port: number;
  close(): Promise<void>;
}

export async function startHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const server: Server = createServer((req, res) => {
    handle(options, req, res).catch((error: unknown) => {
      send(res, 500, { error: 'internal error', detail: error instanceof Error ? error.message : String(error) });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  return {
    port,
    close: () => new Promise<void>((resolve) => { server.close(() => { resolve(); }); server.closeAllConnections(); }),
  };
}

async function handle(options: HttpServerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  switch (url.pathname) {
    case '/metrics': {
      const text = await options.registry.metrics();
      res.writeHead(200, { 'content-type': options.registry.contentType });
      res.end(text);
      return;
    }
    case '/livez':
    case '/healthz':
      send(res, 200, { status: 'ok' });
      return;
    case '/readyz': {
      const ready = options.isReady();
      send(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready' });
      return;
    }
    default:
      break;
  }
  const route = options.routes?.find((r) => r.method === req.method && (url.pathname === r.path || url.pathname.startsWith(`${r.path}/`)));
  if (route === undefined) { send(res, 404, { error: 'not found' }); return; }
  if (options.apiToken !== undefined && !hasToken(req, options.apiToken)) {
    res.setHeader('www-authenticate', 'Bearer');
    send(res, 401, { error: 'a bearer token is required' });
    return;
  }
  const out = await route.handle(req, url);
  send(res, out.status, out.body);
}

function hasToken(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization ?? '';
  const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
