// The incremental engine's extra state on SQLite (tables from migration 003), on the same
// database and the same scopes as the record index (migration 002). Every call is one
// statement or one transaction of prepared statements, each answered through a key or index.
import type { Fingerprint, IncrementalIndex, LeaseTarget, ObjectPause, RetryCandidate, StoredCursor } from '../../engine/incremental/incremental-index.js';
import type { Identifier, ObjectKey, RecordIndex, RecordStatus, Side } from '../../engine/record-index.js';
import { type Database, type Statement, prepareAll } from './driver.js';
import { flagsOf } from './record-index-rows.js';
import { besideRecordIndex, perDatabase } from './companion.js';

// The flags column's bits, taken from the index's own encoder rather than restated here.
const FILTER_OK = flagsOf({ filterOk: true, emailOk: false });
const EMAIL_OK = flagsOf({ filterOk: false, emailOk: true });

const SQL = {
  scope: `SELECT scope FROM record_scopes WHERE sync_name = ? AND object = ? AND side = ?`,
  getCursor: `SELECT run, updated_at, record_id, caught_up_from FROM incremental_cursors WHERE sync_name = ? AND object = ? AND side = ?`,
  saveCursor: `
    INSERT OR REPLACE INTO incremental_cursors (sync_name, object, side, run, updated_at, record_id, saved_at, caught_up_from)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  getPause: `SELECT run, detail, paused_at FROM incremental_pauses WHERE sync_name = ? AND object = ?`,
  setPause: `INSERT OR REPLACE INTO incremental_pauses (sync_name, object, run, detail, paused_at) VALUES (?, ?, ?, ?, ?)`,
  clearPause: `DELETE FROM incremental_pauses WHERE sync_name = ? AND object = ?`,
  // The IN list is written exactly as in record_index_retry's WHERE, so SQLite uses that partial index.
  retry: `
    SELECT seq, record_id AS id FROM record_index
    WHERE scope = ? AND status IN ('failing', 'in-queue') AND seq > ?
      AND (? = 0 OR status = 'in-queue') AND coalesce(category, '') NOT IN ('deleted_in_hub', 'deleted_in_app')
    ORDER BY seq LIMIT ?`,
  // Raw arrays, five columns: most records of a feed page are re-reads, and this is all they need.
  fingerprints: `
    SELECT r.record_id, r.hash, r.flags, r.status, f.hash
    FROM json_each(?) AS j CROSS JOIN record_index AS r ON r.scope = ? AND r.record_id = j.value
    LEFT JOIN incremental_failed AS f ON f.scope = r.scope AND f.record_id = r.record_id`,
  setFailed: `INSERT OR REPLACE INTO incremental_failed (scope, record_id, hash, sync_name) VALUES (?, ?, ?, ?)`,
  clearFailed: `DELETE FROM incremental_failed WHERE scope = ? AND record_id = ?`,
  dropIdent: `DELETE FROM record_identifiers WHERE scope = ? AND prop = ? AND value = ? AND seq = ?`,
  linked: `SELECT count(*) FROM record_index WHERE scope = ? AND partner_id IS NOT NULL`,
  // Taken when free, expired, or held by the same sync (its passes never overlap: a lease of its
  // own is one a crashed pass of it left behind).
  lease: `
    INSERT INTO record_leases (connection, object, record_id, sync_name, holder, expires_at) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (connection, object, record_id) DO UPDATE SET
      sync_name = excluded.sync_name, holder = excluded.holder, expires_at = excluded.expires_at
    WHERE record_leases.expires_at <= ? OR record_leases.sync_name = excluded.sync_name`,
  release: `DELETE FROM record_leases WHERE connection = ? AND object = ? AND record_id = ? AND holder = ?`,
} as const;

type Statements = Record<keyof typeof SQL, Statement>;

/** The incremental engine's extra index operations on a state database that has migration 003. */
export class SqliteIncrementalIndex implements IncrementalIndex {
  private readonly st: Statements;

  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.st = prepareAll(db, SQL);
    this.st.scope.pluck();
    this.st.linked.pluck();
    this.st.fingerprints.raw(true);
  }

  private scope(key: ObjectKey, side: Side): number | undefined {
    return this.st.scope.get(key.sync, key.object, side) as number | undefined;
  }

  async getCursor(key: ObjectKey, side: Side): Promise<StoredCursor | undefined> {
    const row = this.st.getCursor.get(key.sync, key.object, side) as { run: number; updated_at: string; record_id: string; caught_up_from: number | null } | undefined;
    if (!row) return undefined;
    return { run: row.run, cursor: { updatedAt: row.updated_at, id: row.record_id }, ...(row.caught_up_from === null ? {} : { caughtUpFrom: row.caught_up_from }) };
  }

  async saveCursor(key: ObjectKey, side: Side, value: StoredCursor): Promise<void> {
    this.st.saveCursor.run(key.sync, key.object, side, value.run, value.cursor.updatedAt, value.cursor.id, this.now().getTime(), value.caughtUpFrom ?? null);
  }

  async getPause(key: ObjectKey): Promise<ObjectPause | undefined> {
    const row = this.st.getPause.get(key.sync, key.object) as { run: number; detail: string; paused_at: string } | undefined;
    return row ? { run: row.run, detail: row.detail, pausedAt: row.paused_at } : undefined;
  }

  async setPause(key: ObjectKey, pause: ObjectPause): Promise<void> {
    this.st.setPause.run(key.sync, key.object, pause.run, pause.detail, pause.pausedAt);
  }

  async clearPause(key: ObjectKey): Promise<void> {
    this.st.clearPause.run(key.sync, key.object);
  }

  async retryCandidates(key: ObjectKey, side: Side, afterSeq: number, limit: number, onlyInQueue: boolean): Promise<RetryCandidate[]> {
    const scope = this.scope(key, side);
    if (scope === undefined) return [];
    return this.st.retry.all(scope, afterSeq, onlyInQueue ? 1 : 0, limit) as RetryCandidate[];
  }

  async fingerprints(key: ObjectKey, side: Side, ids: readonly string[]): Promise<Map<string, Fingerprint>> {
    const out = new Map<string, Fingerprint>();
    const scope = this.scope(key, side);
    if (scope === undefined || ids.length === 0) return out;
    for (const [id, hash, flags, status, failedHash] of this.st.fingerprints.all(JSON.stringify(ids), scope) as [string, string, number, RecordStatus, string | null][]) {
      out.set(id, { hash, filterOk: (flags & FILTER_OK) !== 0, emailOk: (flags & EMAIL_OK) !== 0, status, failedHash });
    }
    return out;
  }

  async setFailedHashes(key: ObjectKey, side: Side, entries: readonly { id: string; hash: string | null }[]): Promise<void> {
    const scope = this.scope(key, side);
    if (scope === undefined || entries.length === 0) return;
    this.db.transaction(() => {
      for (const e of entries) {
        if (e.hash === null) this.st.clearFailed.run(scope, e.id);
        else this.st.setFailed.run(scope, e.id, e.hash, key.sync);
      }
    })();
  }

  async dropIdentifiers(key: ObjectKey, side: Side, entries: readonly { seq: number; identifiers: readonly Identifier[] }[]): Promise<void> {
    const scope = this.scope(key, side);
    if (scope === undefined || entries.length === 0) return;
    this.db.transaction(() => {
      for (const e of entries) for (const i of e.identifiers) this.st.dropIdent.run(scope, i.prop, i.value, e.seq);
    })();
  }

  async linkedCount(key: ObjectKey, side: Side): Promise<number> {
    const scope = this.scope(key, side);
    return scope === undefined ? 0 : (this.st.linked.get(scope) as number);
  }

  async acquireLeases(sync: string, holder: string, targets: readonly LeaseTarget[], ttlMs: number): Promise<LeaseTarget[]> {
    if (targets.length === 0) return [];
    const nowMs = this.now().getTime();
    const denied: LeaseTarget[] = [];
    this.db.transaction(() => {
      for (const t of targets) {
        const r = this.st.lease.run(t.connection, t.object, t.id, sync, holder, nowMs + ttlMs, nowMs);
        if (r.changes === 0) denied.push(t);
      }
    }).immediate();
    return denied;
  }

  async releaseLeases(holder: string, targets: readonly LeaseTarget[]): Promise<void> {
    if (targets.length === 0) return;
    this.db.transaction(() => {
      for (const t of targets) this.st.release.run(t.connection, t.object, t.id, holder);
    })();
  }
}

/** The incremental index on `db` (created once per connection). */
export const sqliteIncrementalIndex = perDatabase((db) => new SqliteIncrementalIndex(db));

/** The incremental index beside a SqliteRecordIndex, on the same database connection. */
export function sqliteIncrementalIndexFor(index: RecordIndex): SqliteIncrementalIndex {
  return besideRecordIndex(index, sqliteIncrementalIndex, { code: 'incremental_index_missing', state: 'incremental state', option: 'incremental', type: 'IncrementalIndex' });
}
