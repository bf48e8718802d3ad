// Every request to HubSpot goes through here: the bearer token, the request budget, a timeout
// per attempt, and retries. 5xx answers, timeouts and network errors are retried with
// exponential backoff and jitter, a bounded number of times; 429 pauses and resumes; a 401 is
// never retried (a wrong token stays wrong, and a retry storm helps nobody).
import type { Logger } from 'pino';
import { SyncctlError } from '../../errors/syncctl-error.js';
import { redactSecrets } from '../../log/redact.js';
import { failureError, failureFrom, parseErrorBody } from './errors.js';
import { type Clock, type RequestBudget, type RequestKind, systemClock } from './rate-limiter.js';

/** Tuning of timeouts and retries; the defaults suit HubSpot itself. */
export interface HttpSettings {
  /** Per attempt, including reading the answer (default 30 s). */
  timeoutMs?: number;
  /** Attempts for 5xx, timeouts and network errors before `app_unavailable` (default 5). */
  maxAttempts?: number;
  /** First retry delay; doubled per attempt, with full jitter (default 500 ms). */
  backoffBaseMs?: number;
  /** Largest retry delay (default 10 s). */
  backoffMaxMs?: number;
  /** 429 answers one request may get before it fails with `rate_limited` (default 12). */
  maxThrottleRetries?: number;
  logger?: Logger;
}

/** One request. */
export interface HubspotRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path below the base URL, starting with a slash. */
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  /** Search has its own limit (default standard). */
  kind?: RequestKind;
  /** What is being done, for messages ("read contacts"). */
  action: string;
}

/** An answer that is not retried: 2xx, 207, or a 4xx other than 401 and 429. */
export interface HubspotAnswer {
  status: number;
  body: unknown;
  headers: Headers;
  /** An earlier attempt may have been carried out although its answer was lost (5xx, timeout). */
  ambiguous?: boolean;
}

// Errors raised before a request left this machine: retrying them can never repeat a write.
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Parses Retry-After (seconds or an HTTP date) into ms. */
function retryAfterMs(headers: Headers, now: number): number | undefined {
  const raw = headers.get('retry-after');
  if (raw === null || raw.trim() === '') return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function describeFetchError(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  const cause = e.cause?.code ?? e.cause?.message;
  return `${e.message ?? String(err)}${cause ? ` (${cause})` : ''}`;
}

/** The HTTP client of one HubSpot connection. */
export class HubspotHttpClient {
  private readonly closing = new AbortController();
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly backoffBaseMs: number;
  private readonly backoffMaxMs: number;
  private readonly maxThrottleRetries: number;
  private readonly logger: Logger | undefined;

  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly connection: string,
    readonly budget: RequestBudget,
    settings: HttpSettings = {},
    private readonly clock: Clock = systemClock,
  ) {
    this.timeoutMs = settings.timeoutMs ?? 30_000;
    this.maxAttempts = Math.max(1, settings.maxAttempts ?? 5);
    this.backoffBaseMs = settings.backoffBaseMs ?? 500;
    this.backoffMaxMs = settings.backoffMaxMs ?? 10_000;
    this.maxThrottleRetries = settings.maxThrottleRetries ?? 12;
    this.logger = settings.logger;
  }

  /** Aborts requests in flight; later requests fail with `connector_closed`. */
  close(): void {
    this.closing.abort();
  }

  /** Sends a request, waiting for the budget and retrying what may succeed later. */
  async send(request: HubspotRequest): Promise<HubspotAnswer> {
    const kind = request.kind ?? 'standard';
    const url = this.url(request);
    let failedAttempts = 0;
    let throttles = 0;
    let ambiguous = false;
    for (;;) {
      this.checkOpen(request);
      const answered = await this.budget.acquire(kind, this.closing.signal).catch((err: unknown) => this.rethrow(err, request));
      let answer: HubspotAnswer;
      try {
        answer = await this.attempt(url, request).finally(answered);
      } catch (err) {
        this.checkOpen(request);
        failedAttempts += 1;
        const code = (err as { cause?: { code?: string } }).cause?.code;
        if (code === undefined || !NOT_SENT.has(code)) ambiguous = true;
        const reason = describeFetchError(err, this.timeoutMs);
        if (failedAttempts >= this.maxAttempts) throw this.unavailable(request, `${reason}; gave up after ${failedAttempts} attempts`);
        await this.backoff(request, failedAttempts, reason);
        continue;
      }
      this.budget.observe(answer.headers);
      const { status } = answer;
      if (status === 429) {
        const info = parseErrorBody(answer.body, answer.headers.get('x-hubspot-correlation-id'));
        throttles += 1;
        if (info.policyName === 'DAILY') this.budget.throttled(kind, 'DAILY', undefined);
        if (throttles > this.maxThrottleRetries) {
          throw failureError(failureFrom(429, { ...info, message: `${info.message} Still rate-limited after ${throttles} tries.` }), this.connection, request.action);
        }
        const pause = this.budget.throttled(kind, info.policyName, retryAfterMs(answer.headers, this.clock.now()));
        this.logger?.info({ connection: this.connection, action: request.action, policy: info.policyName, pauseMs: pause }, 'HubSpot rate limit reached; pausing');
        continue;
      }
      this.budget.succeeded();
      if (status >= 500) {
        failedAttempts += 1;
        ambiguous = true;
        const failure = failureFrom(status, parseErrorBody(answer.body, answer.headers.get('x-hubspot-correlation-id')));
        if (failedAttempts >= this.maxAttempts) {
          throw failureError({ ...failure, message: `${failure.message}; gave up after ${failedAttempts} attempts` }, this.connection, request.action);
        }
        await this.backoff(request, failedAttempts, `HTTP ${status}`);
        continue;
      }
      if (status === 401) {
        throw failureError(failureFrom(401, parseErrorBody(answer.body, answer.headers.get('x-hubspot-correlation-id'))), this.connection, request.action);
      }
      return ambiguous ? { ...answer, ambiguous } : answer;
    }
  }

  private url(request: HubspotRequest): string {
    const url = new URL(`${this.baseUrl}${request.path}`);
    for (const [key, value] of Object.entries(request.query ?? {})) if (value !== undefined) url.searchParams.set(key, value);
    return url.toString();
  }

  private async attempt(url: string, request: HubspotRequest): Promise<HubspotAnswer> {
    const signal = AbortSignal.any([this.closing.signal, AbortSignal.timeout(this.timeoutMs)]);
    const headers: Record<string, string> = { Authorization: `Bearer ${this.token}`, Accept: 'application/json', 'User-Agent': 'syncctl' };
    if (request.body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(url, {
      method: request.method,
      headers,
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      signal,
    });
    const raw = await response.text();
    let body: unknown = raw === '' ? undefined : raw;
    if (raw !== '') {
      try {
        body = JSON.parse(raw) as unknown;
      } catch {
        // A gateway's HTML error page: kept as text for the message.
      }
    }
    return { status: response.status, body, headers: response.headers };
  }

  private async backoff(request: HubspotRequest, attempt: number, reason: string): Promise<void> {
    const ceiling = Math.min(this.backoffMaxMs, this.backoffBaseMs * 2 ** (attempt - 1));
    const delay = Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
    this.logger?.warn({ connection: this.connection, action: request.action, attempt, delayMs: delay, reason: redactSecrets(reason) }, 'HubSpot request failed; retrying');
    await this.clock.sleep(delay, this.closing.signal).catch((err: unknown) => this.rethrow(err, request));
  }

  private unavailable(request: HubspotRequest, reason: string): SyncctlError {
    return failureError(
      { category: 'app_unavailable', message: redactSecrets(`HubSpot at ${this.baseUrl} could not be reached: ${reason}`), retryable: true, status: 0 },
      this.connection,
      request.action,
    );
  }

  private checkOpen(request: HubspotRequest): void {
    if (!this.closing.signal.aborted) return;
    throw new SyncctlError('connector_closed', `connection "${this.connection}": ${request.action} after the connector was closed.`, {
      hint: 'This is a bug in syncctl: a connector was used after close().',
      meta: { connection: this.connection },
    });
  }

  private rethrow(err: unknown, request: HubspotRequest): never {
    this.checkOpen(request);
    throw err;
  }
}
