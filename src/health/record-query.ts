// Read-only questions about the record index, for `syncctl status`, `syncctl records` and (later)
// the runner's web view. SQLite answers them now (src/store/sqlite/record-query.ts); a PostgreSQL
// state store can serve the same interface. Nothing here writes, and nothing loads a whole
// object's rows into memory: counts are grouped in the database and records arrive in pages.
import type { RecordStatus, Side } from '../engine/record-index.js';
import type { ExclusionReason, FailureCategory } from '../errors/categories.js';

export type { RecordStatus, Side };

/** Every status the index can hold, in the order health shows them. */
export const RECORD_STATUSES: readonly RecordStatus[] = ['in-sync', 'failing', 'excluded', 'in-queue', 'pending', 'skipped'];

export const SIDES: readonly Side[] = ['hub', 'app'];

/** Counts of one side of one object. */
export interface SideHealth {
  /** Rows per status (every status present, zero when none). */
  counts: Record<RecordStatus, number>;
  /** Failing rows per category (only categories that occur). */
  failing: Partial<Record<FailureCategory, number>>;
  /** Excluded rows per reason (only reasons that occur). */
  excluded: Partial<Record<ExclusionReason, number>>;
  /** The latest last-modified time the app reported for a record of this side (as the app wrote it). */
  lastChangeSeen: string | null;
}

/** Where the object's latest initial-sync run stands (its checkpoint). */
export interface RunInfo {
  run: number;
  phase: 'index-hub' | 'sync-app' | 'sync-hub' | 'done';
  startedAt: string;
  /** When the run last saved progress (the end of the run once phase is done). */
  updatedAt: string;
  /** The engine's outcome counts so far, as it stored them. */
  counts: unknown;
}

/** Health of one object of one sync. */
export interface ObjectHealth {
  object: string;
  sides: Record<Side, SideHealth>;
  lastRun: RunInfo | null;
}

/** Health of one association of one sync (its entry as `from->to` by hub object names). */
export interface AssociationHealth {
  association: string;
  /** Edges in step on both sides. */
  synced: number;
  /** Edges waiting for their other end to get linked. */
  waiting: number;
  /** Edge writes that failed (retried every pass). */
  failing: number;
  failingByCategory: Partial<Record<FailureCategory, number>>;
  /** The full reconciliation: the initial-sync runs it is for ("fromRun:toRun") and whether it completed. */
  reconciliation: { runs: string; done: boolean } | null;
}

/** Which records to list. Every given field narrows the result; absent fields do not filter. */
export interface RecordFilter {
  sync: string;
  /** Hub object names; default every object that has rows. */
  objects?: readonly string[];
  sides?: readonly Side[];
  statuses?: readonly RecordStatus[];
  /** Failure categories and exclusion reasons: a row matches when its category or its reason is listed. */
  categories?: readonly string[];
  /**
   * Time window on the row's *activity time*: when it was last synced, or, for a record that
   * never synced, when the index first saw it. `since` is inclusive, `until` exclusive.
   */
  since?: Date;
  until?: Date;
}

/** One indexed record, as stored. */
export interface RecordEntry {
  object: string;
  side: Side;
  id: string;
  /** The linked record on the other side. */
  partnerId: string | null;
  status: RecordStatus;
  category: FailureCategory | null;
  reason: ExclusionReason | null;
  message: string | null;
  /** [position in the sync object's `match`, normalised value]. */
  identifiers: readonly (readonly [number, string])[];
  duplicateOf: { side: Side; id: string } | null;
  firstSeen: string;
  lastSynced: string | null;
  /** The record's own last-modified time at its app, as the app wrote it. */
  lastChanged: string | null;
}

/**
 * A stretch of one object side's records in record-id order: the ids after `after` (exclusive;
 * '' from the start) up to `through` (inclusive; null: to the end). Ranges split an export into
 * pieces that can be read and formatted apart (by worker threads) and written in order.
 */
export interface RecordRange {
  object: string;
  side: Side;
  after: string;
  through: string | null;
}

/** Tuning for listing records. */
export interface RecordPageOptions {
  /** Rows fetched per round trip (default 1000). */
  pageSize?: number;
}

/** The record index, read-only. */
export interface RecordQuery {
  /** For messages: where the index lives. */
  readonly location: string;
  /** Hub object names of `sync` that have index rows or a checkpoint, sorted. */
  indexedObjects(sync: string): Promise<string[]>;
  /** Counts by status, category and reason per side, last change seen, and the latest run. */
  objectHealth(sync: string, object: string): Promise<ObjectHealth>;
  /** Edge counts of one association (`from->to`, hub object names) and its reconciliation checkpoint. */
  associationHealth(sync: string, association: string): Promise<AssociationHealth>;
  /**
   * The records matching `filter`: object by object (sorted), hub side then app side, by record id.
   * Fetched in keyset pages so that memory stays flat however many rows there are; each page is
   * its own short read, so a long export never holds the database's write-ahead log open.
   */
  records(filter: RecordFilter, options?: RecordPageOptions): AsyncIterable<RecordEntry>;
  /**
   * The same records, a page (never empty) at a time: an export of millions of rows hands each
   * stage a page instead of a row, one await per page rather than one per row and stage.
   */
  recordPages(filter: RecordFilter, options?: RecordPageOptions): AsyncIterable<RecordEntry[]>;
  /**
   * The records(filter) lists, cut into ranges of at most `size` indexed records each (counted
   * before the filter's status, category and time conditions, so a range may hold none of them),
   * in listing order. Together they cover everything records(filter) lists; a range has an end
   * (`through`) only when more records of its side follow, so a side of `size` records or fewer
   * is one open range. Each range is found with one short read of the index alone, as the
   * caller asks for it.
   */
  recordRanges(filter: RecordFilter, size: number): AsyncIterable<RecordRange>;
  /** The records of `filter` within `range`, in keyset pages as recordPages reads them. */
  rangePages(filter: RecordFilter, range: RecordRange, options?: RecordPageOptions): AsyncIterable<RecordEntry[]>;
}

/** Zero counts for every status. */
export function emptyCounts(): Record<RecordStatus, number> {
  return { 'in-sync': 0, failing: 0, excluded: 0, 'in-queue': 0, pending: 0, skipped: 0 };
}

/** A side with no rows. */
export function emptySide(): SideHealth {
  return { counts: emptyCounts(), failing: {}, excluded: {}, lastChangeSeen: null };
}
