// What the incremental engine keeps besides the record index: change cursors, pauses, the
// hashes of records that ended failing, leases on records, and the lookups that make retries
// cheap. SQLite serves it now (src/store/sqlite/record-index-incremental.ts) on the state
// store's own database; every call is batched and answered through an index.
import type { ChangeCursor } from '../../connectors/types.js';
import type { Identifier, ObjectKey, RecordStatus, Side } from '../record-index.js';

/** A change cursor and the initial-sync run it belongs to (a new run starts from its own start time). */
export interface StoredCursor {
  run: number;
  cursor: ChangeCursor;
  /**
   * Start time (ms since the epoch, this machine's clock) of the last poll that read the feed to
   * its end: every record changed before it, less the overlap, has been seen.
   */
  caughtUpFrom?: number;
}

/** A paused object: the run it was paused in (a restarted initial sync resumes it) and why. */
export interface ObjectPause {
  run: number;
  detail: string;
  pausedAt: string;
}

/** One record of one connection, as a lease names it. */
export interface LeaseTarget {
  connection: string;
  object: string;
  id: string;
}

/** What the index holds of a record, enough to tell whether a fresh read of it changed anything. */
export interface Fingerprint {
  hash: string;
  filterOk: boolean;
  emailOk: boolean;
  status: RecordStatus;
  /** The hash the record had when it last ended failing, if it did. */
  failedHash: string | null;
}

/** A record to retry: its first-seen order (the paging key) and id. */
export interface RetryCandidate {
  seq: number;
  id: string;
}

export interface IncrementalIndex {
  getCursor(key: ObjectKey, side: Side): Promise<StoredCursor | undefined>;
  saveCursor(key: ObjectKey, side: Side, value: StoredCursor): Promise<void>;
  getPause(key: ObjectKey): Promise<ObjectPause | undefined>;
  setPause(key: ObjectKey, pause: ObjectPause): Promise<void>;
  clearPause(key: ObjectKey): Promise<void>;
  /**
   * Rows of `side` that are failing (except deleted_in_*) or in queue, by ascending seq after
   * `afterSeq`; `onlyInQueue` leaves failing ones out.
   */
  retryCandidates(key: ObjectKey, side: Side, afterSeq: number, limit: number, onlyInQueue: boolean): Promise<RetryCandidate[]>;
  /** Fingerprints of the indexed records among `ids` (one cheap lookup per batch; absent ids are not indexed). */
  fingerprints(key: ObjectKey, side: Side, ids: readonly string[]): Promise<Map<string, Fingerprint>>;
  /** Remembers (`hash` set) or forgets (`hash` null) the hash a record ended failing with. */
  setFailedHashes(key: ObjectKey, side: Side, entries: readonly { id: string; hash: string | null }[]): Promise<void>;
  /** Forgets identifiers a record held before a change (its row's seq names it). */
  dropIdentifiers(key: ObjectKey, side: Side, entries: readonly { seq: number; identifiers: readonly Identifier[] }[]): Promise<void>;
  /** Linked records (rows with a partner) of one side. */
  linkedCount(key: ObjectKey, side: Side): Promise<number>;
  /**
   * Takes leases for `sync` (holder names this pass) on every target that no other sync holds
   * (expired leases are taken over); returns the targets it could NOT take.
   */
  acquireLeases(sync: string, holder: string, targets: readonly LeaseTarget[], ttlMs: number): Promise<LeaseTarget[]>;
  releaseLeases(holder: string, targets: readonly LeaseTarget[]): Promise<void>;
}

/** The map key of a lease target. */
export function leaseKey(t: LeaseTarget): string {
  return `${t.connection}\u0000${t.object}\u0000${t.id}`;
}
