// The state store on one SQLite file (better-sqlite3). Methods are async to honour the
// StateStore interface; the work itself is synchronous and each call is one transaction.
import { hostname as osHostname, userInfo } from 'node:os';
import { SyncctlError } from '../../errors/syncctl-error.js';
import type {
  AppliedState,
  ApplyLock,
  CommitOptions,
  HistoryEntry,
  Lifecycle,
  LockHolder,
  StateStore,
  StoreWrite,
} from '../types.js';
import { type LockContext, type LockStatus, readLock, refreshLock, releaseLock, takeLock } from './apply-lock.js';
import { applyWrite, readRevision, setLifecycle, writeRevision } from './commit.js';
import type { Database } from './driver.js';
import { appendHistory, type HistoryChange, readHistory } from './history.js';
import { readConnectionRows, readSyncRows, toAppliedConnection, toAppliedSync } from './rows.js';

/** Tuning and test seams of a store; every field has a sensible default. */
export interface SqliteStateStoreOptions {
  /** The clock for timestamps and lock ages. */
  now?: () => Date;
  /** A lock held from another machine counts as stale after this long without a refresh (default 1 h). */
  lockTtlMs?: number;
  /** How often a held lock is refreshed (default a quarter of the TTL, at most 5 min). */
  lockRefreshMs?: number;
  /** This machine's name (default os.hostname()). */
  hostname?: string;
  /** Who or what writes when a call names nobody (default `user@host via syncctl`). */
  actor?: string;
}

export const DEFAULT_LOCK_TTL_MS = 60 * 60 * 1000;

/** A StateStore on SQLite; also exposes the connection for the engine's index. */
export class SqliteStateStore implements StateStore {
  readonly location: string;
  /** The open better-sqlite3 connection: the engine keeps its record index in the same file. */
  readonly database: Database;
  private readonly now: () => Date;
  private readonly lock: LockContext;
  private readonly refreshMs: number;
  private readonly actor: string;
  private readonly heldLocks = new Map<string, { stop(): void }>();
  private closed = false;

  /** Wraps an open, migrated database (use openStateStore). */
  constructor(database: Database, location: string, options: SqliteStateStoreOptions = {}) {
    this.database = database;
    this.location = location;
    this.now = options.now ?? (() => new Date());
    const ttlMs = options.lockTtlMs ?? DEFAULT_LOCK_TTL_MS;
    this.lock = { db: database, location, now: this.now, hostname: options.hostname ?? osHostname(), ttlMs };
    this.refreshMs = options.lockRefreshMs ?? Math.min(ttlMs / 4, 5 * 60 * 1000);
    this.actor = options.actor ?? defaultActor(this.lock.hostname);
  }

  /** Everything applied, read as one consistent snapshot. */
  async getApplied(): Promise<AppliedState> {
    const db = this.open();
    const read = db.transaction(() => ({
      connections: Object.fromEntries(readConnectionRows(db).map((row) => [row.name, toAppliedConnection(row)])),
      syncs: Object.fromEntries(readSyncRows(db).map((row) => [row.name, toAppliedSync(row)])),
      revision: readRevision(db),
    }));
    return read();
  }

  /** All writes in one transaction; the revision moves only when something changed. */
  async commit(writes: readonly StoreWrite[], expectedRevision?: number, options: CommitOptions = {}): Promise<number> {
    const db = this.open();
    const actor = options.actor ?? firstAppliedBy(writes) ?? this.actor;
    const run = db.transaction(() => {
      const current = readRevision(db);
      if (expectedRevision !== undefined && expectedRevision !== current) throw staleState(this.location, expectedRevision, current);
      const changes: HistoryChange[] = [];
      for (const write of writes) {
        const change = applyWrite(db, write, actor);
        if (change) changes.push(change);
      }
      if (changes.length === 0) return current;
      const at = this.now().toISOString();
      writeRevision(db, current + 1, at);
      appendHistory(db, changes, current + 1, at);
      return current + 1;
    });
    return run.immediate();
  }

  /** Records where a sync stands; the detail describes the new lifecycle (omitted: cleared). */
  async setLifecycle(name: string, lifecycle: Lifecycle, detail: string | null = null): Promise<void> {
    const db = this.open();
    const run = db.transaction(() => {
      const change = setLifecycle(db, name, lifecycle, undefined, detail, this.actor);
      // Progress reports are history but not new applied state: a saved plan stays valid.
      if (change) appendHistory(db, [change], readRevision(db), this.now().toISOString());
    });
    run.immediate();
  }

  /** Takes the apply lock, taking over a stale one; the lock is refreshed while held. */
  async acquireApplyLock(holder: LockHolder): Promise<ApplyLock> {
    this.open();
    const { token, tookOver } = takeLock(this.lock, holder);
    const timer = setInterval(() => this.refresh(token), this.refreshMs);
    timer.unref();
    const stop = (): void => {
      clearInterval(timer);
      this.heldLocks.delete(token);
    };
    this.heldLocks.set(token, { stop });
    const release = async (): Promise<void> => {
      stop();
      // Only the holder's token deletes the row: a lock taken over by someone else stays theirs.
      if (!this.closed) releaseLock(this.database, token);
    };
    return tookOver ? { release, tookOver } : { release };
  }

  /** Who holds the apply lock now, if anyone (for status output). */
  async lockHolder(): Promise<LockStatus | null> {
    return readLock(this.open());
  }

  /** The newest applied changes, newest first. */
  async history(limit = 100): Promise<HistoryEntry[]> {
    return readHistory(this.open(), limit);
  }

  /** Releases locks this store holds and closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    for (const [token, held] of [...this.heldLocks]) {
      held.stop();
      releaseLock(this.database, token);
    }
    this.closed = true;
    this.database.close();
  }

  private refresh(token: string): void {
    try {
      if (!refreshLock(this.database, token, this.now())) this.heldLocks.get(token)?.stop();
    } catch {
      // A busy or closing database: the next tick tries again, and the TTL is far longer than a tick.
    }
  }

  private open(): Database {
    if (this.closed) {
      throw new SyncctlError('state_closed', `The state store at ${this.location} is already closed.`, { hint: 'This is a bug in syncctl: report it.' });
    }
    return this.database;
  }
}

function staleState(location: string, expected: number, actual: number): SyncctlError {
  return new SyncctlError(
    'stale_state',
    `The state at ${location} changed since the plan was made (plan made at revision ${expected}, state is now at revision ${actual}).`,
    { hint: 'Run syncctl plan again, review it, and apply the new plan.', meta: { location, expectedRevision: expected, revision: actual } },
  );
}

function firstAppliedBy(writes: readonly StoreWrite[]): string | undefined {
  for (const w of writes) {
    if (w.kind === 'put-connection') return w.connection.appliedBy;
    if (w.kind === 'put-sync') return w.sync.appliedBy;
  }
  return undefined;
}

function defaultActor(host: string): string {
  let user = process.env['USER'] ?? 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry (containers): keep $USER or "unknown".
  }
  return `${user}@${host} via syncctl`;
}
