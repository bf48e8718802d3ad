// What one object's incremental pass works with, and the counts it reports.
import type { Connector, RemoteRecord } from '../../connectors/types.js';
import type { Logger } from '../../log/logger.js';
import type { ResolvedObject } from '../mappings.js';
import type { Checkpoint, IndexRow, ObjectKey, RecordIndex, ScannedRecord, Side } from '../record-index.js';
import type { IncrementalIndex } from './incremental-index.js';
import type { RetryPolicy } from './retry.js';
import type { IncrementalObjectReport, IncrementalTuning } from './types.js';

/** A linked record whose partner (or itself) is gone; marked at the end of the object's pass. */
export interface Vanished {
  /** The side the record disappeared from. */
  side: Side;
  /** Its index row, when known. */
  row: IndexRow | undefined;
  id: string;
  /** The partner that still exists: its row, and its fresh read when there is one. */
  survivor: { row: IndexRow | undefined; id: string; rec?: ScannedRecord } | undefined;
}

export interface ObjectRun {
  ro: ResolvedObject;
  key: ObjectKey;
  /** The object's completed initial-sync checkpoint: its run tags every row written. */
  cp: Checkpoint;
  connectors: Record<Side, Connector>;
  /** Connection names, for leases and messages. */
  connections: Record<Side, string>;
  index: RecordIndex;
  inc: IncrementalIndex;
  logger: Logger;
  tuning: IncrementalTuning;
  retry: RetryPolicy;
  signal: AbortSignal | undefined;
  /** Names this pass in leases. */
  holder: string;
  /** Records of each side matched by a new record during this pass (id -> the record that took it). */
  claimed: Record<Side, Map<string, string>>;
  /** Ids left in queue (another sync holds them), per side. */
  queued: Record<Side, Set<string>>;
  vanished: Vanished[];
  /** New records whose create waits until the other side's feed of this pass is read (twins match instead). */
  deferred: Record<Side, RemoteRecord[]>;
  report: IncrementalObjectReport;
  /** The pass stopped before the feeds ran dry (page cap or stop request). */
  incomplete: boolean;
  /**
   * Told the ids of `side` that changed, before they are written (the association pass re-reads
   * the associations around them); absent when the object takes part in no association.
   */
  onChanged?: (side: Side, ids: readonly string[]) => Promise<void>;
}

/** The other side. */
export { otherSide as other } from '../mappings.js';

/** The object name on `side`. */
export function objectOn(run: ObjectRun, side: Side): string {
  return side === 'hub' ? run.ro.hubObject : run.ro.appObject;
}

/** An empty report for one object. */
export function emptyReport(object: string): IncrementalObjectReport {
  return { object, seen: { hub: 0, app: 0 }, written: { hub: 0, app: 0 }, failing: 0 };
}

/** True when the pass was asked to stop. */
export function stopping(run: ObjectRun): boolean {
  return run.signal?.aborted === true;
}
