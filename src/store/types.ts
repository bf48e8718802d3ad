// The state store, behind an interface that SQLite serves now and PostgreSQL can serve later.
// Every method is async for that reason, even where better-sqlite3 answers synchronously.
import type { Connection, Sync } from '../config/model.js';

/** Where a sync stands. */
export type Lifecycle =
  /** Applied; its initial sync (of the whole sync or of some objects) has yet to run. */
  | 'pending-initial-sync'
  /** Initial sync running. */
  | 'initial-sync'
  /** Initial sync done; changes are picked up incrementally. */
  | 'incremental'
  /** Turned off (enabled: false): nothing moves, the index is kept. */
  | 'off'
  /** Its definition file was removed without --allow-delete: off, and reported. */
  | 'orphaned'
  /** Stopped by an error that needs a person (e.g. auth failed). */
  | 'failed';

export interface AppliedConnection {
  name: string;
  hash: string;
  definition: Connection;
  appliedAt: string;
  appliedBy: string;
}

export interface AppliedSync {
  name: string;
  hash: string;
  definition: Sync;
  lifecycle: Lifecycle;
  /** When lifecycle is pending-initial-sync: the objects to restart (hub names), or 'all'. */
  restart: 'all' | readonly string[] | null;
  /** Free-form detail for status output (e.g. the error that stopped it). */
  detail: string | null;
  appliedAt: string;
  appliedBy: string;
  /** Increments each time the definition changes. */
  generation: number;
}

export interface AppliedState {
  connections: Readonly<Record<string, AppliedConnection>>;
  syncs: Readonly<Record<string, AppliedSync>>;
  /** Increments on every apply that changed anything: a saved plan made at another revision is stale. */
  revision: number;
}

/** Who holds (or asks for) the apply lock. */
export interface LockHolder {
  pid: number;
  host: string;
  user: string;
  command: string;
}

export interface HeldLock extends LockHolder {
  acquiredAt: string;
}

/** One write of an apply, carried out inside a single transaction with the others. */
export type StoreWrite =
  | { kind: 'put-connection'; connection: AppliedConnection }
  | { kind: 'delete-connection'; name: string }
  | { kind: 'put-sync'; sync: AppliedSync }
  | { kind: 'set-lifecycle'; name: string; lifecycle: Lifecycle; restart?: AppliedSync['restart']; detail?: string | null }
  /** Deletes the sync's definition and drops its whole index. */
  | { kind: 'delete-sync'; name: string };

export interface StateStore {
  /** Where the state lives, for messages (a file path; never a connection string's password). */
  readonly location: string;
  getApplied(): Promise<AppliedState>;
  /**
   * Carries out all writes in one transaction and bumps the revision.
   * Fails with code `stale_state` when `expectedRevision` is given and no longer current.
   */
  commit(writes: readonly StoreWrite[], expectedRevision?: number): Promise<number>;
  /** Sets one sync's lifecycle outside an apply (the engine and runner report progress this way). */
  setLifecycle(name: string, lifecycle: Lifecycle, detail?: string | null): Promise<void>;
  /**
   * Takes the apply lock or fails with code `apply_locked` naming the holder.
   * A lock whose holder process is gone (same host, dead pid) is taken over.
   */
  acquireApplyLock(holder: LockHolder): Promise<{ release(): Promise<void> }>;
  close(): Promise<void>;
}
