// The incremental engine's contract with the runner (src/runner/incremental-adapter.ts codes
// against exactly these shapes), plus the tuning knobs tests and benchmarks turn.
import type { Sync } from '../../config/model.js';
import type { Connector } from '../../connectors/types.js';
import type { Logger } from '../../log/logger.js';
import type { AssociationIndex } from '../associations/association-index.js';
import type { AssociationReport } from '../associations/types.js';
import type { RecordIndex } from '../record-index.js';
import type { IncrementalIndex } from './incremental-index.js';

/** What starts an incremental pass. */
export type ChangeTrigger =
  /** A change pass over both sides of every object, from the stored cursors. */
  | { kind: 'poll' }
  /** Read just these records at once (object = that side's object name). */
  | { kind: 'push'; side: 'hub' | 'app'; object: string; ids: readonly string[] }
  /** Retry the records marked failing (and those left in queue). */
  | { kind: 'retry-failing' };

/** What one pass did to one object. */
export interface IncrementalObjectReport {
  /** The object's key: its hub object name. */
  object: string;
  /** Changed records processed per side (re-reads of what the index already holds are not counted). */
  seen: { hub: number; app: number };
  /** Records written (updated or created) per side. */
  written: { hub: number; app: number };
  /** Records that ended this pass failing or in queue. */
  failing: number;
  /** Set when the object is paused (mass-delete guard): why, and how to resume it. */
  paused?: string;
}

/** What one incremental pass did. */
export interface IncrementalReport {
  sync: string;
  trigger: ChangeTrigger['kind'];
  durationMs: number;
  /** False when the pass stopped early (page cap, stop request) or left records in queue. */
  caughtUp: boolean;
  /** Records that ended failing or in queue, plus records held back by a paused object. */
  failures: number;
  objects: IncrementalObjectReport[];
  /** Per association of the sync, after the objects (src/engine/associations). */
  associations: AssociationReport[];
}

/** Knobs with production defaults (see DEFAULT_TUNING); tests shorten the waits. */
export interface IncrementalTuning {
  /** Records per changes() page and per read/write batch. */
  pageSize: number;
  /** How far before the stored cursor each poll re-reads (clock skew, same-timestamp writes). */
  overlapMs: number;
  /** Processed records per object side after which a pass stops and reports not caught up. */
  maxChangesPerPass: number;
  /** Attempts per connector call or record write before a transient failure counts as failing. */
  retryAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** How long a record lease lasts when its holder dies without releasing it. */
  leaseTtlMs: number;
  /** How long a pass waits, in total, for records another sync holds before leaving them in queue. */
  leaseWaitMs: number;
  /** Mass-delete guard: pause when more than this share of an object's linked records vanish in one pass… */
  massDeleteRatio: number;
  /** …and at least this many. */
  massDeleteMin: number;
}

export const DEFAULT_TUNING: IncrementalTuning = {
  pageSize: 500,
  overlapMs: 120_000,
  maxChangesPerPass: 50_000,
  retryAttempts: 5,
  retryBaseMs: 250,
  retryMaxMs: 30_000,
  leaseTtlMs: 120_000,
  leaseWaitMs: 1_000,
  massDeleteRatio: 0.2,
  massDeleteMin: 10,
};

export interface IncrementalPassOptions {
  sync: Sync;
  hub: Connector;
  app: Connector;
  index: RecordIndex;
  logger: Logger;
  trigger: ChangeTrigger;
  signal?: AbortSignal;
  /**
   * Cursors, leases, pauses and retry lookups. Default: the SQLite implementation on the same
   * database as `index` (which must then be a SqliteRecordIndex).
   */
  incremental?: IncrementalIndex;
  /** Association state. Default: the SQLite implementation on the same database as `index`. */
  associations?: AssociationIndex;
  tuning?: Partial<IncrementalTuning>;
}
