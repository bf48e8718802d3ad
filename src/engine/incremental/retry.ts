// Transient failures (timeouts, 5xx, 429) are retried with exponential backoff and jitter,
// a bounded number of times, honouring an app's Retry-After when the failure carries one.
// Refused credentials are never retried: they stop the pass.
import { FAILURE_CATEGORIES, type FailureCategory } from '../../errors/categories.js';
import { SyncctlError, isSyncctlError } from '../../errors/syncctl-error.js';
import { redactSecrets } from '../../log/redact.js';

/** Error codes (SyncctlError codes or Node's) worth another try. */
const RETRYABLE_CODES: ReadonlySet<string> = new Set([
  'app_unavailable',
  'rate_limited',
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

export interface RetryPolicy {
  attempts: number;
  baseMs: number;
  maxMs: number;
  signal?: AbortSignal;
}

/** True when `err` is refused credentials: the pass stops and the error goes to the runner. */
export function isAuthFailure(err: unknown): boolean {
  return isSyncctlError(err) && (err.code === 'auth_failed' || err.meta.category === 'auth_failed');
}

/** True when trying again later may succeed. */
export function isRetryable(err: unknown): boolean {
  if (isAuthFailure(err)) return false;
  if (isSyncctlError(err)) return err.meta.retryable === true || RETRYABLE_CODES.has(err.code);
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RETRYABLE_CODES.has(code);
}

/** The wait an error asks for (Retry-After), when it says. */
export function retryAfterOf(err: unknown): number | undefined {
  const ms = isSyncctlError(err) ? err.meta.retryAfterMs : (err as { retryAfterMs?: unknown } | null)?.retryAfterMs;
  return typeof ms === 'number' && Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

/** The failure category a thrown error stands for, for records it leaves unwritten. */
export function categoryOf(err: unknown): FailureCategory {
  const candidates = isSyncctlError(err) ? [err.meta.category, err.code] : [(err as { code?: unknown } | null)?.code];
  for (const c of candidates) if (typeof c === 'string' && c in FAILURE_CATEGORIES) return c as FailureCategory;
  return isRetryable(err) ? 'app_unavailable' : 'unknown';
}

/** A thrown error's message, safe for state and logs. */
export function messageOf(err: unknown): string {
  return redactSecrets(err instanceof Error ? err.message : String(err));
}

/** The delay before retry number `attempt` (1-based): exponential, jittered, capped; at least `retryAfterMs`. */
export function backoffMs(policy: RetryPolicy, attempt: number, retryAfterMs?: number): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
  // "Equal jitter": never less than half the step, so backoff still grows; spreads syncs apart.
  const jittered = exp / 2 + Math.random() * (exp / 2);
  return Math.max(jittered, Math.min(retryAfterMs ?? 0, policy.maxMs * 4));
}

/** Waits `ms`, or less when `signal` aborts; resolves false when aborted. */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Calls `fn` until it succeeds, fails for good, or the attempts run out; the last error is
 * thrown. `onRetry` hears about each retry (for logs).
 */
export async function withRetry<T>(fn: () => Promise<T>, policy: RetryPolicy, onRetry?: (err: unknown, attempt: number, delayMs: number) => void): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await fn();
    } catch (err) {
      if (!isRetryable(err) || attempt >= policy.attempts) throw err;
      const delay = backoffMs(policy, attempt, retryAfterOf(err));
      onRetry?.(err, attempt, delay);
      if (!(await sleep(delay, policy.signal))) throw err;
    }
  }
}

/** The error that stops a pass when an app refuses the credentials during a write. */
export function authError(connection: string, message: string): SyncctlError {
  return new SyncctlError('auth_failed', `connection "${connection}": the app refused the credentials: ${redactSecrets(message)}`, {
    hint: FAILURE_CATEGORIES.auth_failed,
    meta: { connection, category: 'auth_failed' },
  });
}
