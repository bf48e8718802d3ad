// Writes to one side with retries: records whose write failed transiently (or whose whole call
// failed transiently) are sent again after a backoff, alone; the rest keep their first result.
// Refused credentials become per-record results here, so the batch can save what it did
// before the pass stops.
import type { Connector, CreateInput, UpdateInput, WriteResult } from '../../connectors/types.js';
import type { Logger } from '../../log/logger.js';
import type { Side } from '../record-index.js';
import { type RetryPolicy, backoffMs, categoryOf, isAuthFailure, isRetryable, messageOf, retryAfterOf, sleep } from './retry.js';

type Failed = Extract<WriteResult, { ok: false }>;

export class RetryingWriter {
  constructor(
    private readonly connector: Connector,
    private readonly object: string,
    readonly side: Side,
    private readonly policy: RetryPolicy,
    private readonly logger: Logger,
    private readonly batch: number,
  ) {}

  /** Updates records; one result per input, in order. */
  update(inputs: readonly UpdateInput[]): Promise<WriteResult[]> {
    return this.send(inputs, (chunk) => this.connector.update(this.object, chunk));
  }

  /** Creates records; one result per input, in order. */
  create(inputs: readonly CreateInput[]): Promise<WriteResult[]> {
    return this.send(inputs, (chunk) => this.connector.create(this.object, chunk));
  }

  private async send<T extends { ref?: string; id?: string }>(inputs: readonly T[], call: (chunk: T[]) => Promise<WriteResult[]>): Promise<WriteResult[]> {
    const results: WriteResult[] = [];
    for (let at = 0; at < inputs.length; at += this.batch) results.push(...(await this.sendChunk(inputs.slice(at, at + this.batch), call)));
    return results;
  }

  private async sendChunk<T extends { ref?: string; id?: string }>(inputs: readonly T[], call: (chunk: T[]) => Promise<WriteResult[]>): Promise<WriteResult[]> {
    const results = new Array<WriteResult | undefined>(inputs.length);
    let pending = inputs.map((_, i) => i);
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      const last = attempt >= this.policy.attempts;
      let retryAfter: number | undefined;
      try {
        const answered = await call(pending.map((i) => inputs[i] as T));
        const again: number[] = [];
        pending.forEach((i, k) => {
          const r = answered[k] ?? this.noResult(inputs[i] as T);
          results[i] = r;
          if (!r.ok && r.retryable && r.category !== 'auth_failed' && !last) {
            again.push(i);
            // A per-record 429 may say how long to wait: the longest such wait holds for the retry.
            if (r.retryAfterMs !== undefined) retryAfter = Math.max(retryAfter ?? 0, r.retryAfterMs);
          }
        });
        pending = again;
      } catch (err) {
        const retry = isRetryable(err) && !last;
        if (!retry) {
          const failure = this.thrown(err);
          for (const i of pending) results[i] = { ...failure, ...this.keyOf(inputs[i] as T) };
          break;
        }
        retryAfter = retryAfterOf(err);
      }
      if (pending.length === 0) break;
      const delay = backoffMs(this.policy, attempt, retryAfter);
      this.logger.debug({ side: this.side, object: this.object, records: pending.length, attempt, delayMs: Math.round(delay) }, 'transient write failure; retrying');
      if (!(await sleep(delay, this.policy.signal))) break;
    }
    return results.map((r, i) => r ?? { ...this.thrown(new Error('the write was not retried: the pass is stopping.')), ...this.keyOf(inputs[i] as T) });
  }

  private keyOf(input: { ref?: string; id?: string }): { ref?: string; id?: string } {
    return { ...(input.ref !== undefined ? { ref: input.ref } : {}), ...(input.id !== undefined ? { id: input.id } : {}) };
  }

  private thrown(err: unknown): Failed {
    const category = isAuthFailure(err) ? 'auth_failed' : categoryOf(err);
    return { ok: false, category, message: messageOf(err), retryable: isRetryable(err) };
  }

  // A connector that answers fewer results than inputs breaks its contract: fail the rest, never guess.
  private noResult(input: { ref?: string; id?: string }): WriteResult {
    return { ok: false, ...this.keyOf(input), category: 'unknown', message: `the ${this.side} connector returned no result for this record.`, retryable: true };
  }
}
