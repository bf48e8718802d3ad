// The HTTP pipeline: route → token → injected faults → rate limits → handler → JSON answer,
// every error in HubSpot's body shape, every answer counted in the stats.
import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { HubspotApiError, authenticationError, rateLimitError, serverError } from '../errors.js';
import type { FaultInjector } from '../limits/faults.js';
import type { RateLimiter } from '../limits/rate-limiter.js';
import type { StatsCollector } from '../stats.js';
import { parseJsonBody, readBody } from './body.js';
import { createRouter } from './router.js';
import type { ApiRequest, ApiResponse, Route } from './types.js';

/** One request and its answer, as recorded for contract tests. */
export interface RecordedExchange {
  method: string;
  path: string;
  /** The matched route template, e.g. `/crm/v3/objects/:objectType/search`; undefined when none matched. */
  route?: string;
  query: string;
  requestBody: unknown;
  status: number;
  responseBody: unknown;
}

/** What the pipeline is made of. */
export interface ServerDeps {
  routes: readonly Route[];
  /** The one accepted token, asked per request (it may change while running); any non-empty bearer token when it answers undefined. */
  token?: () => string | undefined;
  limiter: RateLimiter;
  faults: FaultInjector;
  stats: StatsCollector;
  logger?: Logger;
  onExchange?: (exchange: RecordedExchange) => void;
}

function bearerToken(header: string | undefined): string {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  return match?.[1]?.trim() ?? '';
}

function toResponse(err: unknown, correlationId: string, logger: Logger | undefined): ApiResponse & { body: unknown } {
  if (err instanceof HubspotApiError) return { status: err.status, body: err.body(correlationId), headers: err.extras.headers };
  logger?.error({ err, correlationId }, 'emulator request failed');
  return { status: 500, body: serverError(500).body(correlationId) };
}

/** Builds the emulator's HTTP server (not yet listening). */
export function createApiServer(deps: ServerDeps): Server {
  const match = createRouter(deps.routes);

  async function runRoute(route: Route, request: ApiRequest): Promise<ApiResponse> {
    if (route.open) return route.handler(request);
    const fault = deps.faults.decide();
    if (fault.latencyMs > 0) await sleep(fault.latencyMs);
    if (fault.throttle) {
      deps.stats.faultThrottle();
      throw rateLimitError('TEN_SECONDLY_ROLLING');
    }
    const rate = route.limit === 'none' ? { ok: true as const, headers: {} } : deps.limiter.check(request.token, route.limit);
    if (!rate.ok) {
      deps.stats.rateLimited(rate.policy);
      throw rateLimitError(rate.policy, rate.headers);
    }
    const injected = fault.errorStatus;
    if (injected !== undefined && fault.errorTiming === 'before') {
      deps.stats.faultError();
      throw serverError(injected, rate.headers);
    }
    const response = await route.handler(request);
    if (injected !== undefined) {
      // The write went through; only the answer is lost, as when a gateway times out.
      deps.stats.faultError();
      throw serverError(injected, rate.headers);
    }
    return { ...response, headers: { ...rate.headers, ...response.headers } };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const arrivedAt = Date.now();
    let open = false;
    const correlationId = randomUUID();
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    let routeTemplate: string | undefined;
    let requestBody: unknown;
    let response: ApiResponse;
    try {
      const text = await readBody(req);
      const found = match(method, url.pathname);
      if (found.kind === 'not_found') {
        throw new HubspotApiError(404, 'OBJECT_NOT_FOUND', `${method} ${url.pathname} is not an endpoint this HubSpot emulator implements.`);
      }
      if (found.kind === 'method_not_allowed') {
        throw new HubspotApiError(405, 'VALIDATION_ERROR', `${method} is not supported on ${url.pathname}; use ${found.allowed.join(' or ')}.`, {
          headers: { Allow: found.allowed.join(', ') },
        });
      }
      const { route, params } = found.match;
      routeTemplate = route.path;
      open = route.open === true;
      const token = route.open ? '' : bearerToken(req.headers.authorization);
      const accepted = deps.token?.();
      if (!route.open && (token === '' || (accepted !== undefined && token !== accepted))) throw authenticationError();
      requestBody = parseJsonBody(text);
      response = await runRoute(route, {
        method,
        path: url.pathname,
        route: route.path,
        params,
        query: url.searchParams,
        body: requestBody,
        token,
        baseUrl: `http://${req.headers.host ?? 'localhost'}`,
      });
    } catch (err) {
      response = toResponse(err, correlationId, deps.logger);
    }
    const payload = response.body === undefined ? '' : JSON.stringify(response.body);
    res.writeHead(response.status, {
      ...(payload === '' ? {} : { 'Content-Type': 'application/json;charset=utf-8' }),
      'X-HubSpot-Correlation-Id': correlationId,
      ...response.headers,
    });
    res.end(payload);
    deps.stats.request(`${method} ${routeTemplate ?? '(no route)'}`, response.status, !open, arrivedAt);
    deps.onExchange?.({
      method,
      path: url.pathname,
      ...(routeTemplate === undefined ? {} : { route: routeTemplate }),
      query: url.search,
      requestBody,
      status: response.status,
      responseBody: response.body,
    });
    deps.logger?.debug({ method, path: url.pathname, status: response.status, ms: Math.round(performance.now() - started) }, 'request');
  }

  return createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      deps.logger?.error({ err }, 'emulator could not answer a request');
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
}
