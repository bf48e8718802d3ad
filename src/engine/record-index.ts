// The record index as the engine sees it: per sync, object (hub object name) and side, one row
// per record with its normalised identifiers, a copy of its mapped values, its status and the
// link to its partner. SQLite serves it now (src/store/sqlite/record-index.ts); PostgreSQL can
// serve the same interface later. Every call is batched: the engine never asks per record.
import type { Side } from '../config/model.js';
import type { Properties } from '../connectors/types.js';
import type { ExclusionReason, FailureCategory } from '../errors/categories.js';

export type { Side };

/**
 * pending: indexed in this run, outcome not decided yet; in-sync: linked and in step (or just
 * created); failing: see category; excluded: see reason; in-queue: another sync holds it;
 * skipped: unmatched and the direction does not create it on the other side.
 */
export type RecordStatus = 'pending' | 'in-sync' | 'failing' | 'excluded' | 'in-queue' | 'skipped';

/** Which sync object's index: the object is the pair's hub object name. */
export interface ObjectKey {
  sync: string;
  object: string;
}

/** One normalised identifier: position of its property in the sync object's `match`, and value. */
export interface Identifier {
  prop: number;
  value: string;
}

/** A record as a scan of its app found it, ready to be indexed. */
export interface ScannedRecord {
  id: string;
  identifiers: readonly Identifier[];
  /** Canonical values of the mapped fields, by this side's field names. */
  values: Properties;
  hash: string;
  /** Passed its side's filters. */
  filterOk: boolean;
  /** Has a valid email (true when the email rule does not apply). */
  emailOk: boolean;
  /** The record's own last-modified time at its app. */
  changedAt: string | null;
}

/** A stored row. */
export interface IndexRow extends ScannedRecord {
  side: Side;
  /** First-seen order within the index: lower was seen first. */
  seq: number;
  /** The initial-sync run that last saw the record. */
  run: number;
  status: RecordStatus;
  category: FailureCategory | null;
  reason: ExclusionReason | null;
  message: string | null;
  duplicateOf: { side: Side; id: string } | null;
  partnerId: string | null;
}

/** A decided row: what a run found out about a record. Upserts by (side, id). */
export interface RowWrite extends ScannedRecord {
  side: Side;
  status: RecordStatus;
  category?: FailureCategory | null;
  reason?: ExclusionReason | null;
  message?: string | null;
  duplicateOf?: { side: Side; id: string } | null;
  partnerId: string | null;
  /** The record was written or confirmed in step now: sets last synced. */
  synced: boolean;
  /** These identifiers are already indexed for this record in this run (saves re-inserting them). */
  identifiersIndexed?: boolean;
  /** The row's seq when the engine read it from the index this run (rewritten in place). */
  seq?: number;
  /** With seq: values, hash, identifiers and flags are as stored; only status and link change. */
  valuesUnchanged?: boolean;
  /**
   * With seq: the write may wait until settle() (a phase's writes to rows scattered over the
   * index, e.g. the partners its pages matched, are cheaper all at once, in seq order).
   */
  deferred?: boolean;
  /** A new row's identifiers may wait until settle() (their places in the identifier index are scattered too). */
  identifiersLater?: boolean;
}

/** The first record (lowest seq) holding an identifier on one side. */
export interface Holder {
  id: string;
  seq: number;
}

/**
 * A create announced before it is sent: after a crash, a rerun finds the created record (by
 * its identifiers, else by the hash of the values written) instead of creating it again.
 */
export interface CreateIntent {
  /** Intents announced together share a batch (stored as one row, dropped together). */
  batch: string;
  /** The side the record is created on. */
  target: Side;
  /** The record on the other side that it is created from. */
  sourceId: string;
  /** Identifier keys (see identifierKey) the created record will have. */
  keys: readonly string[];
  /** The target property names written, sorted. */
  fields: readonly string[];
  /** valuesHash of the canonical values written. */
  hash: string;
  run: number;
  /** The source record when it is not indexed yet: a rerun that finds the create indexes it. */
  source?: ScannedRecord;
}

export type Phase = 'index-hub' | 'sync-app' | 'sync-hub' | 'done';

/** Where a run of an object's initial sync stands; saved with the work it describes. */
export interface Checkpoint {
  run: number;
  definitionHash: string;
  phase: Phase;
  /** Resume position inside the phase: a connector cursor, or a seq in the index. */
  cursor: string | null;
  /** Outcome counts so far (the engine's ObjectCounts, stored as given). */
  counts: unknown;
  startedAt: string;
  updatedAt: string;
}

/** One unit of work, applied in a single transaction. */
export interface IndexWork {
  /**
   * Scanned records to index (status becomes pending unless already decided in this run).
   * `identifiersLater`: their identifiers are left out, for indexIdentifiers to add after the
   * whole scan (a full scan's identifiers are cheaper to index all at once, in key order).
   */
  scanned?: { side: Side; records: readonly ScannedRecord[]; identifiersLater?: boolean };
  rows?: readonly RowWrite[];
  /** Links a pair found by intent resolution: both rows in-sync, last synced now. */
  links?: readonly { side: Side; id: string; partnerId: string }[];
  addIntents?: readonly CreateIntent[];
  /** Drops single intents (crash recovery). */
  dropIntents?: readonly { target: Side; sourceId: string }[];
  /** Drops whole batches of intents (the normal path, once their results are saved). */
  dropIntentBatches?: readonly { target: Side; batch: string }[];
  checkpoint?: Checkpoint;
}

/** Status counts of one side of an object (health). */
export type StatusCounts = Partial<Record<RecordStatus, number>>;

/** The engine's only view of stored index state. */
export interface RecordIndex {
  /** For messages: where the index lives. */
  readonly location: string;
  getCheckpoint(key: ObjectKey): Promise<Checkpoint | undefined>;
  /** Starts a new run of an object: run number + 1, identifiers forgotten, checkpoint at index-hub. */
  startRun(key: ObjectKey, definitionHash: string, counts: unknown): Promise<Checkpoint>;
  /** Applies `work` in one transaction for run `run`. */
  commit(key: ObjectKey, run: number, work: IndexWork): Promise<void>;
  /**
   * Carries out what `side`'s writes left for later (deferred rows in seq order, identifiers
   * left for later), in chunks, each its own transaction, letting the event loop run in between.
   * A phase calls it before it ends; a resumed phase whose pages were already done but not
   * settled calls it again, which carries out the same writes again.
   */
  settle(key: ObjectKey, side: Side): Promise<void>;
  /** Record id -> partner id of the deferred writes of `side` not settled yet (links a resumed phase made before). */
  deferredLinks(key: ObjectKey, side: Side): Promise<Map<string, string>>;
  /**
   * Indexes the identifiers of every pending row of `side` in `run` (after a scan that left them
   * for later), in chunks letting the event loop run in between; done again after a stop, it
   * adds what is missing.
   */
  indexIdentifiers(key: ObjectKey, side: Side, run: number): Promise<void>;
  /**
   * Sets duplicateOf on every pending row of `side` in `run` that holds an identifier a row with
   * a lower seq holds too (naming the lowest), clears it on the others; returns how many are duplicates.
   */
  markDuplicates(key: ObjectKey, side: Side, run: number): Promise<number>;
  /** The first holder of each identifier (by identifierKey); identifiers nobody holds are absent. */
  firstHolders(key: ObjectKey, side: Side, identifiers: readonly Identifier[]): Promise<Map<string, Holder>>;
  /** firstHolders, with the holders' rows (by record id) found in the same lookup. */
  firstHolderRows(key: ObjectKey, side: Side, identifiers: readonly Identifier[]): Promise<{ holders: Map<string, Holder>; rows: Map<string, IndexRow> }>;
  /** Rows of `side` by record id; ids not indexed are absent. */
  rowsById(key: ObjectKey, side: Side, ids: readonly string[]): Promise<Map<string, IndexRow>>;
  /** Pending rows of `side` in `run` with seq above `afterSeq`, ascending, at most `limit`. */
  pendingRows(key: ObjectKey, side: Side, run: number, afterSeq: number, limit: number): Promise<IndexRow[]>;
  /** Creates announced and not yet confirmed. */
  pendingIntents(key: ObjectKey): Promise<CreateIntent[]>;
  /** Row counts by status per side. */
  statusCounts(key: ObjectKey): Promise<Record<Side, StatusCounts>>;
}

/** The string form of an identifier, for maps and intents. */
export function identifierKey(id: Identifier): string {
  return `${id.prop}\u0001${id.value}`;
}

/** Parses identifierKey's output. */
export function parseIdentifierKey(key: string): Identifier {
  const at = key.indexOf('\u0001');
  return { prop: Number(key.slice(0, at)), value: key.slice(at + 1) };
}
