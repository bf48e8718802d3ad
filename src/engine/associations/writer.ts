// Association writes to one side with retries, as the record writer does them
// (incremental/retrying-send.ts). What still fails is kept per edge by the caller and tried
// again on the next pass.
import type { AssociationEdge, AssociationEnds, AssociationKind, AssociationWriteResult, AssociationsApi } from '../../connectors/types.js';
import type { Logger } from '../../log/logger.js';
import type { RetryPolicy } from '../incremental/retry.js';
import { sendWithRetries } from '../incremental/retrying-send.js';
import type { Side } from '../record-index.js';

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

  private send<T>(inputs: readonly T[], call: (chunk: T[]) => Promise<AssociationWriteResult[]>): Promise<AssociationWriteResult[]> {
    return sendWithRetries(inputs, call, {
      policy: this.policy,
      batch: this.batch,
      logger: this.logger,
      logContext: { side: this.side, kind: this.kind },
      noun: 'association',
      failed: (_input: T, failure): AssociationWriteResult => failure,
    });
  }
}
