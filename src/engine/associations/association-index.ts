// What the association engine keeps, and the lookups it needs in the record index, as the
// engine sees them. SQLite serves it now (src/store/sqlite/association-index.ts) on the state
// store's own database; PostgreSQL can serve the same interface later. Every call is batched,
// and the set-based work (which from records to look at) happens in the store, not in memory.
import type { AssociationEdge, AssociationKind } from '../../connectors/types.js';
import type { FailureCategory } from '../../errors/categories.js';
import type { Side } from '../record-index.js';

/** One association of one sync: `name` is its entry as `from->to` (hub object names). */
export interface AssociationKey {
  sync: string;
  name: string;
}

/**
 * What the index says about a record, for translating association ends between the apps:
 * linked: in sync with a partner (the only links associations cross);
 * frozen: has a partner but is not in sync (deleted on the other side, failing, in queue):
 *   its associations are left alone until the link is healthy (or resync-deleted restores it);
 * unlinked: no partner (not indexed yet, excluded, not created on the other side yet).
 */
export type LinkState = 'linked' | 'frozen' | 'unlinked';

export interface Link {
  state: LinkState;
  partnerId: string | null;
}

/** An edge kept in the id space of the side that holds it, with the from record's hub id. */
export interface SideEdge {
  side: Side;
  fromId: string;
  toId: string;
  hubFromId: string;
}

/** An edge write that failed (retried on the next pass). */
export interface FailedEdge extends SideEdge {
  op: 'add' | 'remove';
  category: FailureCategory;
  message: string;
}

/** What one from record ended with: its new base, its waiting and its failing edges. */
export interface FromOutcome {
  /** The from record's hub id. */
  hubFromId: string;
  /** The hub to ids of its base (the last synced state). */
  base: readonly string[];
  waiting: readonly SideEdge[];
  failing: readonly FailedEdge[];
}

/** Where an association's full reconciliation stands. */
export interface AssociationCheckpoint {
  /** The initial-sync runs of the two objects it reconciles: "fromRun:toRun". */
  runs: string;
  done: boolean;
  /** Hub record id of the from object after which the reconciliation resumes ('' from the start). */
  resumeAfter: string;
  startedAt: string;
  updatedAt: string;
}

/** Counts of one association (status). */
export interface AssociationCounts {
  /** Edges in step on both sides (base rows). */
  synced: number;
  /** Edges waiting for their other end to get linked. */
  waiting: number;
  /** Edge writes that failed. */
  failing: number;
  failingByCategory: Partial<Record<FailureCategory, number>>;
}

export type AssociationRole = 'from' | 'to';

/**
 * A pass's set of from records (hub ids) to re-read, deduplicated in the store; dropped with
 * `close`. Each source adds to it set-based, then the pass reads it back page by page.
 */
export interface AssociationWorkSet {
  add(hubFromIds: readonly string[]): Promise<void>;
  /**
   * Takes the records touched so far (see AssociationIndex.touch) into this pass and adds the
   * touched from records (their hub ids, through the links of `fromObject`). Touches noted
   * after this call wait for the next pass.
   */
  claimTouched(fromObject: string): Promise<void>;
  /** The claimed touched `to` records of `side` after `after` (ascending), at most `limit`. */
  touchedTo(side: Side, after: string, limit: number): Promise<string[]>;
  /** Forgets the claimed touches: call once the work set has been worked through. */
  releaseTouched(): Promise<void>;
  /** Adds the from records with waiting or failing edges. */
  addWaitingAndFailing(): Promise<void>;
  /** Adds the from records whose base points at one of `hubToIds`. */
  addBasePointingAt(hubToIds: readonly string[]): Promise<void>;
  /**
   * Diffs every current edge of `side` (as its connector's scan pages them) with the base and
   * adds each linked from record whose edges differ, or that has an edge to a record not linked
   * yet that is not known as waiting. Edges are staged in the store (memory stays flat).
   */
  addScanDiff(side: Side, scan: AsyncIterable<{ edges: readonly AssociationEdge[] }>, options: ScanDiffOptions): Promise<void>;
  /** The next `limit` from records after `after` (ascending). */
  page(after: string, limit: number): Promise<string[]>;
  close(): Promise<void>;
}

export interface ScanDiffOptions {
  /** Hub object names of the association's two objects (their index scopes). */
  fromObject: string;
  toObject: string;
  /** Only each from record's primary edge counts (lowest to id among its primaries). */
  primaryOnly: boolean;
}

/** The engine's only view of association state. */
export interface AssociationIndex {
  /** How the index links each of `ids` (records of `object`, a hub object name, on `side`); unknown ids are absent. */
  links(sync: string, object: string, side: Side, ids: readonly string[]): Promise<Map<string, Link>>;
  /** Linked hub records of `object` after `after` by record id, at most `limit` (the full reconciliation's pages). */
  linkedPage(sync: string, object: string, after: string, limit: number): Promise<string[]>;
  /** Base rows of the given from records: hub from id -> hub to ids. */
  base(key: AssociationKey, hubFromIds: readonly string[]): Promise<Map<string, string[]>>;
  /** The hub from ids whose base points at one of `hubToIds`. */
  basePointingAt(key: AssociationKey, hubToIds: readonly string[]): Promise<string[]>;
  /**
   * Replaces, in one transaction, everything kept for each outcome's from record (base,
   * waiting, failing: attempts count up for an edge that fails again), and saves `checkpoint`.
   */
  save(key: AssociationKey, outcomes: readonly FromOutcome[], checkpoint?: AssociationCheckpoint): Promise<void>;
  /** Forgets the waiting and failing edges of from records that are no longer linked (their base stays). */
  forgetPending(key: AssociationKey, hubFromIds: readonly string[]): Promise<void>;
  getCheckpoint(key: AssociationKey): Promise<AssociationCheckpoint | undefined>;
  /** Starts a full reconciliation: base, waiting and failing edges forgotten, checkpoint at the start. */
  startFull(key: AssociationKey, runs: string): Promise<AssociationCheckpoint>;
  /** Drops everything kept for associations of `sync` other than `keep` (entries removed from the definition). */
  forgetOthers(sync: string, keep: readonly string[]): Promise<void>;
  /** Drops base rows naming any of `hubIds` as from (role from) or to (role to). */
  dropBase(key: AssociationKey, role: AssociationRole, hubIds: readonly string[]): Promise<void>;
  /** Notes records that changed (ids of `side`), for the next association pass. */
  touch(key: AssociationKey, role: AssociationRole, side: Side, ids: readonly string[]): Promise<void>;
  /** A fresh work set for one pass of one association. */
  workSet(key: AssociationKey): Promise<AssociationWorkSet>;
  counts(key: AssociationKey): Promise<AssociationCounts>;
}

/** The connector kinds of an association, by side. */
export type SideKinds = Record<Side, AssociationKind>;
