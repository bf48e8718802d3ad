// The runner's HTTP face (node:http, no framework): health, readiness, metrics, status and pushes.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SyncctlError } from '../../errors/syncctl-error.js';
import type { Logger } from '../../log/logger.js';
import type { RunnerMetrics, MetricsView } from '../metrics.js';
import type { Readiness, RunnerStatus } from '../status.js';
import { sendError, sendJson } from './body.js';
import { handleHook, type HookTargets } from './hooks-route.js';

export interface ServerDeps {
  logger: Logger;
  metrics: RunnerMetrics;
  status(): Promise<RunnerStatus>;
  readiness(): Promise<Readiness>;
  metricsView(): Promise<MetricsView>;
  hooks: HookTargets;
}

const GET_ROUTES = ['/healthz', '/readyz', '/metrics', '/api/syncs'];

/** Builds the server; listen with listenOn. */
export function createRunnerServer(deps: ServerDeps): Server {
  const started = Date.now();
  const server = createServer((req, res) => {
    route(req, res, deps, started).catch((err: unknown) => {
      deps.logger.error({ method: req.method, url: req.url, err: err instanceof Error ? err.message : String(err) }, 'http request failed');
      if (!res.headersSent) sendError(res, 500, 'internal_error', 'The runner failed to answer this request; see its log.');
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5000;
  return server;
}

/** A URL path segment decoded, or undefined when its %-escapes are malformed (e.g. %ZZ). */
function decodedSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

async function route(req: IncomingMessage, res: ServerResponse, deps: ServerDeps, started: number): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://runner.local');
  const path = url.pathname.replace(/\/+$/, '') || '/';
  if (path.startsWith('/hooks/')) {
    const name = decodedSegment(path.slice('/hooks/'.length));
    if (name === undefined) {
      req.resume();
      sendError(res, 400, 'bad_request', `${path} is not a valid address: it has a malformed %-escape.`, { hint: 'Send to /hooks/<connection>, with the connection name as written in its definition.' });
      deps.metrics.hook('unknown', 400);
      return;
    }
    const status = await handleHook(req, res, name, deps.hooks);
    deps.metrics.hook(deps.hooks.connection(name) ? name : 'unknown', status);
    return;
  }
  if (!GET_ROUTES.includes(path)) {
    req.resume();
    sendError(res, 404, 'not_found', `Nothing at ${path}.`, { hint: `The runner serves ${GET_ROUTES.join(', ')} and POST /hooks/<connection>.` });
    return;
  }
  req.resume();
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendError(res, 405, 'method_not_allowed', `${req.method ?? 'This method'} is not allowed on ${path}: send a GET.`, { headers: { allow: 'GET, HEAD' } });
    return;
  }
  switch (path) {
    case '/healthz':
      sendJson(res, 200, { status: 'ok', uptimeSeconds: Math.round((Date.now() - started) / 1000) });
      return;
    case '/readyz': {
      const r = await deps.readiness();
      sendJson(res, r.ready ? 200 : 503, r);
      return;
    }
    case '/metrics': {
      const text = await deps.metrics.render(await deps.metricsView());
      res.writeHead(200, { 'content-type': deps.metrics.contentType, 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
      res.end(text);
      return;
    }
    default:
      sendJson(res, 200, await deps.status());
  }
}

/** Listens on host:port (port 0 picks a free one); resolves to the URL it listens on. */
export function listenOn(server: Server, host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      const inUse = err.code === 'EADDRINUSE';
      reject(
        new SyncctlError(inUse ? 'port_in_use' : 'listen_failed', inUse ? `Port ${port} on ${host} is already in use.` : `Cannot listen on ${host}:${port}: ${err.message}`, {
          hint: inUse ? 'Stop whatever listens there (another syncctl run?), or choose another port with --port.' : 'Check --host and --port.',
          meta: { host, port },
          cause: err,
        }),
      );
    };
    const onListening = (): void => {
      server.off('error', onError);
      const address = server.address() as AddressInfo;
      const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve(`http://${shown}:${address.port}`);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/** Stops taking requests; open connections get `graceMs` to finish before they are cut. */
export async function closeServer(server: Server, graceMs = 1000): Promise<void> {
  if (!server.listening) return;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const timer = setTimeout(() => server.closeAllConnections(), graceMs);
  timer.unref();
  await closed;
  clearTimeout(timer);
}
