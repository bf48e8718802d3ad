// Writes records to one side with retries (retrying-send.ts). Refused credentials become
// per-record results here, so the batch can save what it did before the pass stops.
import type { Connector, CreateInput, UpdateInput, WriteResult } from '../../connectors/types.js';
import type { Logger } from '../../log/logger.js';
import type { Side } from '../record-index.js';
import type { RetryPolicy } from './retry.js';
import { type SendFailure, sendWithRetries } from './retrying-send.js';

type Keyed = { ref?: string; id?: string };

function keyOf(input: Keyed): Keyed {
  return { ...(input.ref !== undefined ? { ref: input.ref } : {}), ...(input.id !== undefined ? { id: input.id } : {}) };
}

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

  private send<T extends Keyed>(inputs: readonly T[], call: (chunk: T[]) => Promise<WriteResult[]>): Promise<WriteResult[]> {
    return sendWithRetries(inputs, call, {
      policy: this.policy,
      batch: this.batch,
      logger: this.logger,
      logContext: { side: this.side, object: this.object },
      noun: 'record',
      failed: (input: T, failure: SendFailure): WriteResult => ({ ...failure, ...keyOf(input) }),
    });
  }
}
