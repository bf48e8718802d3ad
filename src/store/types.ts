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

/** A held apply lock. */
export interface ApplyLock {
  release(): Promise<void>;
  /** Set when a stale lock was taken over (worth a log line): whose it was and why it counted as stale. */
  readonly tookOver?: { readonly holder: HeldLock; readonly reason: 'holder-gone' | 'expired' };
}

/** Options of one commit. */
export interface CommitOptions {
  /** Who or what applies, for the history (e.g. `ana@build-1 via syncctl apply`); put-writes carry their own appliedBy. */
  actor?: string;
}

/** What a history row says the change was; the plan's step kinds plus lifecycle-only changes. */
export type HistoryStep = 'create' | 'change' | 'turn-off' | 'turn-on' | 'orphan' | 'delete' | 'lifecycle';

/** One applied change, as the audit history records it. */
export interface HistoryEntry {
  id: number;
  /** The state revision the change produced (lifecycle reports outside an apply keep the revision). */
  revision: number;
  at: string;
  actor: string;
  step: HistoryStep;
  resource: 'connection' | 'sync';
  name: string;
  hashBefore: string | null;
  hashAfter: string | null;
  lifecycleBefore: Lifecycle | null;
  lifecycleAfter: Lifecycle | null;
  detail: string | null;
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
  commit(writes: readonly StoreWrite[], expectedRevision?: number, options?: CommitOptions): Promise<number>;
  /** Sets one sync's lifecycle outside an apply (the engine and runner report progress this way). */
  setLifecycle(name: string, lifecycle: Lifecycle, detail?: string | null): Promise<void>;
  /**
   * Takes the apply lock or fails with code `apply_locked` naming the holder.
   * A lock whose holder process is gone (same host, dead pid) is taken over.
   */
  acquireApplyLock(holder: LockHolder): Promise<ApplyLock>;
  close(): Promise<void>;
}
