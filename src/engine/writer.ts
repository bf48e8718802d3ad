// Batched writes to one side's connector. In a dry run nothing is sent: every write "succeeds"
// (creates get made-up ids), so the rest of the engine runs the same code path unchanged.
import type { Connector, CreateInput, UpdateInput, WriteResult } from '../connectors/types.js';
import type { Side } from './record-index.js';

/** Writes per connector call: big enough to amortise a round trip, small enough for any API. */
export const WRITE_BATCH = 500;

/**
 * Writes per connector call in an initial sync: up to a whole page. Connectors split a call as
 * their API needs (HubSpot sends 100 per request, several at once), while the SQLite connector
 * makes each call one transaction, whose commit (a few fsyncs) costs more than hundreds of rows.
 */
export const PAGE_WRITE_BATCH = 20_000;

/** Creates and updates on one side, in batches of PAGE_WRITE_BATCH (or pretended, in a dry run). */
export class SideWriter {
  private fakeIds = 0;

  constructor(
    private readonly connector: Connector,
    private readonly object: string,
    readonly side: Side,
    private readonly dryRun: boolean,
    private readonly batch = PAGE_WRITE_BATCH,
  ) {}

  /** Creates records; one result per input, in order. */
  async create(inputs: readonly CreateInput[]): Promise<WriteResult[]> {
    if (this.dryRun) return inputs.map((i) => ({ ok: true, ref: i.ref, id: `dry-run-${this.side}-${++this.fakeIds}` }));
    return this.chunked(inputs, (chunk) => this.connector.create(this.object, chunk));
  }

  /** Updates records; one result per input, in order. */
  async update(inputs: readonly UpdateInput[]): Promise<WriteResult[]> {
    if (this.dryRun) return inputs.map((i) => ({ ok: true, id: i.id }));
    return this.chunked(inputs, (chunk) => this.connector.update(this.object, chunk));
  }

  private async chunked<T extends { ref?: string; id?: string }>(inputs: readonly T[], send: (chunk: T[]) => Promise<WriteResult[]>): Promise<WriteResult[]> {
    const out: WriteResult[] = [];
    for (let i = 0; i < inputs.length; i += this.batch) {
      const chunk = inputs.slice(i, i + this.batch);
      const results = await send(chunk);
      // A connector that answers fewer results than inputs breaks its contract: fail the rest, never guess.
      chunk.forEach((input, k) => {
        out.push(
          results[k] ?? {
            ok: false,
            ref: input.ref,
            id: input.id,
            category: 'unknown',
            message: `the ${this.side} connector returned no result for this record.`,
            retryable: true,
          },
        );
      });
    }
    return out;
  }
}
