// Association writes to one side with retries, as the record writer does them: edges whose
// write failed transiently (or whose whole call failed transiently) are sent again after a
// backoff; the rest keep their first result. What still fails is kept per edge by the caller
// and tried again on the next pass.
import type { AssociationEdge, AssociationEnds, AssociationKind, AssociationWriteResult, AssociationsApi } from '../../connectors/types.js';
import type { Logger } from '../../log/logger.js';
import { type RetryPolicy, backoffMs, categoryOf, isAuthFailure, isRetryable, messageOf, retryAfterOf, sleep } from '../incremental/retry.js';
import type { Side } from '../record-index.js';

type Failed = Extract<AssociationWriteResult, { ok: false }>;

export class AssociationWriter {
  constructor(
    private readonly api: AssociationsApi,
    private readonly kind: AssociationKind,
    readonly side: Side,
    private readonly policy: RetryPolicy,
    private readonly logger: Logger,
    private readonly batch: number,
  ) {}

  /** Adds edges; one result per input, in order. */
  add(edges: readonly AssociationEdge[]): Promise<AssociationWriteResult[]> {
    return this.send(edges, (chunk) => this.api.add(this.kind, chunk));
  }

  /** Removes edges; one result per input, in order. */
  remove(ends: readonly AssociationEnds[]): Promise<AssociationWriteResult[]> {
    return this.send(ends, (chunk) => this.api.remove(this.kind, chunk));
  }

  private async send<T>(inputs: readonly T[], call: (chunk: T[]) => Promise<AssociationWriteResult[]>): Promise<AssociationWriteResult[]> {
    const results: AssociationWriteResult[] = [];
    for (let at = 0; at < inputs.length; at += this.batch) results.push(...(await this.sendChunk(inputs.slice(at, at + this.batch), call)));
    return results;
  }

  private async sendChunk<T>(inputs: readonly T[], call: (chunk: T[]) => Promise<AssociationWriteResult[]>): Promise<AssociationWriteResult[]> {
    const results = new Array<AssociationWriteResult | undefined>(inputs.length);
    let pending = inputs.map((_, i) => i);
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      const last = attempt >= this.policy.attempts;
      let retryAfter: number | undefined;
      try {
        const answered = await call(pending.map((i) => inputs[i] as T));
        const again: number[] = [];
        pending.forEach((i, k) => {
          const r = answered[k] ?? this.noResult();
          results[i] = r;
          if (!r.ok && r.retryable && r.category !== 'auth_failed' && !last) {
            again.push(i);
            if (r.retryAfterMs !== undefined) retryAfter = Math.max(retryAfter ?? 0, r.retryAfterMs);
          }
        });
        pending = again;
      } catch (err) {
        if (!isRetryable(err) || last) {
          const failure = this.thrown(err);
          for (const i of pending) results[i] = failure;
          break;
        }
        retryAfter = retryAfterOf(err);
      }
      if (pending.length === 0) break;
      const delay = backoffMs(this.policy, attempt, retryAfter);
      this.logger.debug({ side: this.side, kind: this.kind, edges: pending.length, attempt, delayMs: Math.round(delay) }, 'transient association write failure; retrying');
      if (!(await sleep(delay, this.policy.signal))) break;
    }
    return results.map((r) => r ?? this.thrown(new Error('the write was not retried: the pass is stopping.')));
  }

  private thrown(err: unknown): Failed {
    const category = isAuthFailure(err) ? 'auth_failed' : categoryOf(err);
    return { ok: false, category, message: messageOf(err), retryable: isRetryable(err) };
  }

  // A connector that answers fewer results than inputs breaks its contract: fail the rest, never guess.
  private noResult(): AssociationWriteResult {
    return { ok: false, category: 'unknown', message: `the ${this.side} connector returned no result for this association.`, retryable: true };
  }
}
