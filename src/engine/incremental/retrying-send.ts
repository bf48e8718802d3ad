// The retry loop shared by the record writer and the association writer: inputs are sent in
// batches; those whose write failed transiently (or whose whole call failed transiently) are
// sent again after a backoff, alone; the rest keep their first result. Refused credentials are
// never retried. An input left unanswered (a connector breaking its contract, or a pass that is
// stopping) gets a failure result: the caller always has one result per input, in order.
import type { FailureCategory } from '../../errors/categories.js';
import type { Logger } from '../../log/logger.js';
import { type RetryPolicy, backoffMs, categoryOf, isAuthFailure, isRetryable, messageOf, retryAfterOf, sleep } from './retry.js';

/** A failure as both writers report it, before the input's own keys are added. */
export interface SendFailure {
  ok: false;
  category: FailureCategory;
  message: string;
  retryable: boolean;
}

type Result = { ok: true } | { ok: false; category: FailureCategory; retryable: boolean; retryAfterMs?: number };

export interface SendOptions<T, R> {
  policy: RetryPolicy;
  /** Inputs per call. */
  batch: number;
  logger: Logger;
  /** Added to the retry log line (side, object or kind, …). */
  logContext: Record<string, unknown>;
  /** The result of an input that failed with `failure` (e.g. with the input's ref and id added). */
  failed(input: T, failure: SendFailure): R;
  /** What a missing result is called in its message: "record", "association". */
  noun: string;
}

/** The failure a thrown error stands for. */
export function thrownFailure(err: unknown): SendFailure {
  const category = isAuthFailure(err) ? 'auth_failed' : categoryOf(err);
  return { ok: false, category, message: messageOf(err), retryable: isRetryable(err) };
}

/** Sends `inputs` through `call` in batches, with retries; one result per input, in order. */
export async function sendWithRetries<T, R extends Result>(inputs: readonly T[], call: (chunk: T[]) => Promise<R[]>, o: SendOptions<T, R>): Promise<R[]> {
  const results: R[] = [];
  for (let at = 0; at < inputs.length; at += o.batch) results.push(...(await sendChunk(inputs.slice(at, at + o.batch), call, o)));
  return results;
}

async function sendChunk<T, R extends Result>(inputs: readonly T[], call: (chunk: T[]) => Promise<R[]>, o: SendOptions<T, R>): Promise<R[]> {
  const results = new Array<R | undefined>(inputs.length);
  let pending = inputs.map((_, i) => i);
  for (let attempt = 1; pending.length > 0; attempt += 1) {
    const last = attempt >= o.policy.attempts;
    let retryAfter: number | undefined;
    try {
      const answered = await call(pending.map((i) => inputs[i] as T));
      const again: number[] = [];
      pending.forEach((i, k) => {
        // A connector that answers fewer results than inputs breaks its contract: fail the rest, never guess.
        const r = answered[k] ?? o.failed(inputs[i] as T, { ok: false, category: 'unknown', message: `the ${String(o.logContext['side'])} connector returned no result for this ${o.noun}.`, retryable: true });
        results[i] = r;
        if (!r.ok && r.retryable && r.category !== 'auth_failed' && !last) {
          again.push(i);
          // A per-input 429 may say how long to wait: the longest such wait holds for the retry.
          if (r.retryAfterMs !== undefined) retryAfter = Math.max(retryAfter ?? 0, r.retryAfterMs);
        }
      });
      pending = again;
    } catch (err) {
      if (!isRetryable(err) || last) {
        const failure = thrownFailure(err);
        for (const i of pending) results[i] = o.failed(inputs[i] as T, failure);
        break;
      }
      retryAfter = retryAfterOf(err);
    }
    if (pending.length === 0) break;
    const delay = backoffMs(o.policy, attempt, retryAfter);
    o.logger.debug({ ...o.logContext, [`${o.noun}s`]: pending.length, attempt, delayMs: Math.round(delay) }, `transient ${o.noun} write failure; retrying`);
    if (!(await sleep(delay, o.policy.signal))) break;
  }
  return results.map((r, i) => r ?? o.failed(inputs[i] as T, thrownFailure(new Error('the write was not retried: the pass is stopping.'))));
}
