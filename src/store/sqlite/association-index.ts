// The association engine's state on SQLite (tables from migration 004), on the same database
// and scopes as the record index (migration 002), whose tables it reads for the links. Every
// call is one statement or one transaction of prepared statements, answered through a key or
// an index; the scan diff and the pass's work set live in TEMP tables of this connection.
import type {
  AssociationCheckpoint,
  AssociationCounts,
  AssociationIndex,
  AssociationKey,
  AssociationRole,
  AssociationWorkSet,
  FromOutcome,
  Link,
} from '../../engine/associations/association-index.js';
import type { RecordIndex, Side } from '../../engine/record-index.js';
import type { FailureCategory } from '../../errors/categories.js';
import { SqliteWorkSet } from './association-work-set.js';
import { type Database, type Statement, prepareAll } from './driver.js';
import { besideRecordIndex, perDatabase } from './companion.js';

/** Tables of migration 004 keyed by (sync_name, association). */
const TABLES = ['association_base', 'association_waiting', 'association_failing', 'association_checkpoints', 'association_touched'] as const;

const SQL = {
  scope: `SELECT scope FROM record_scopes WHERE sync_name = ? AND object = ? AND side = ?`,
  links: `
    SELECT r.record_id AS id, r.status, r.partner_id AS partnerId
    FROM json_each(?) AS j CROSS JOIN record_index AS r ON r.scope = ? AND r.record_id = j.value`,
  linkedPage: `
    SELECT record_id FROM record_index
    WHERE scope = ? AND record_id > ? AND status = 'in-sync' AND partner_id IS NOT NULL
    ORDER BY record_id LIMIT ?`,
  base: `
    SELECT b.from_id AS fromId, b.to_id AS toId
    FROM json_each(?) AS j CROSS JOIN association_base AS b ON b.sync_name = ? AND b.association = ? AND b.from_id = j.value`,
  basePointingAt: `
    SELECT DISTINCT b.from_id
    FROM json_each(?) AS j CROSS JOIN association_base AS b ON b.sync_name = ? AND b.association = ? AND b.to_id = j.value`,
  dropBaseFrom: `DELETE FROM association_base WHERE sync_name = ? AND association = ? AND from_id = ?`,
  dropBaseTo: `DELETE FROM association_base WHERE sync_name = ? AND association = ? AND to_id = ?`,
  addBase: `INSERT OR IGNORE INTO association_base (sync_name, association, from_id, to_id) VALUES (?, ?, ?, ?)`,
  waitingOf: `SELECT side, from_id, to_id, since FROM association_waiting WHERE sync_name = ? AND association = ? AND hub_from_id = ?`,
  dropWaiting: `DELETE FROM association_waiting WHERE sync_name = ? AND association = ? AND hub_from_id = ?`,
  addWaiting: `
    INSERT OR REPLACE INTO association_waiting (sync_name, association, side, from_id, to_id, hub_from_id, since)
    VALUES (?, ?, ?, ?, ?, ?, ?)`,
  failingOf: `SELECT side, from_id, to_id, attempts, first_failed FROM association_failing WHERE sync_name = ? AND association = ? AND hub_from_id = ?`,
  dropFailing: `DELETE FROM association_failing WHERE sync_name = ? AND association = ? AND hub_from_id = ?`,
  addFailing: `
    INSERT OR REPLACE INTO association_failing
      (sync_name, association, side, from_id, to_id, hub_from_id, op, category, message, attempts, first_failed, last_failed)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  checkpoint: `SELECT runs, done, resume_after, started_at, updated_at FROM association_checkpoints WHERE sync_name = ? AND association = ?`,
  saveCheckpoint: `
    INSERT OR REPLACE INTO association_checkpoints (sync_name, association, runs, done, resume_after, started_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)`,
  touch: `INSERT OR IGNORE INTO association_touched (sync_name, association, role, side, record_id) VALUES (?, ?, ?, ?, ?)`,
  knownAssociations: `
    SELECT association FROM association_checkpoints WHERE sync_name = ?
    UNION SELECT DISTINCT association FROM association_touched WHERE sync_name = ?`,
  countBase: `SELECT count(*) FROM association_base WHERE sync_name = ? AND association = ?`,
  countWaiting: `SELECT count(*) FROM association_waiting WHERE sync_name = ? AND association = ?`,
  countFailing: `SELECT category, count(*) AS n FROM association_failing WHERE sync_name = ? AND association = ? GROUP BY category`,
} as const;

type Statements = Record<keyof typeof SQL, Statement>;

interface CheckpointRow {
  runs: string;
  done: number;
  resume_after: string;
  started_at: string;
  updated_at: string;
}

const edgeKey = (side: string, fromId: string, toId: string): string => `${side}\u0000${fromId}\u0000${toId}`;

/** The association state on a state database that has migrations 002 and 004. */
export class SqliteAssociationIndex implements AssociationIndex {
  private readonly st: Statements;

  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.st = prepareAll(db, SQL);
    for (const s of [this.st.scope, this.st.linkedPage, this.st.basePointingAt, this.st.knownAssociations, this.st.countBase, this.st.countWaiting]) s.pluck();
  }

  private scope(sync: string, object: string, side: Side): number | undefined {
    return this.st.scope.get(sync, object, side) as number | undefined;
  }

  async links(sync: string, object: string, side: Side, ids: readonly string[]): Promise<Map<string, Link>> {
    const out = new Map<string, Link>();
    const scope = this.scope(sync, object, side);
    if (scope === undefined || ids.length === 0) return out;
    for (const r of this.st.links.all(JSON.stringify(ids), scope) as { id: string; status: string; partnerId: string | null }[]) {
      const state = r.partnerId === null ? 'unlinked' : r.status === 'in-sync' ? 'linked' : 'frozen';
      out.set(r.id, { state, partnerId: r.partnerId });
    }
    return out;
  }

  async linkedPage(sync: string, object: string, after: string, limit: number): Promise<string[]> {
    const scope = this.scope(sync, object, 'hub');
    return scope === undefined ? [] : (this.st.linkedPage.all(scope, after, limit) as string[]);
  }

  async base(key: AssociationKey, hubFromIds: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (hubFromIds.length === 0) return out;
    for (const r of this.st.base.all(JSON.stringify(hubFromIds), key.sync, key.name) as { fromId: string; toId: string }[]) {
      const list = out.get(r.fromId);
      if (list) list.push(r.toId);
      else out.set(r.fromId, [r.toId]);
    }
    return out;
  }

  async basePointingAt(key: AssociationKey, hubToIds: readonly string[]): Promise<string[]> {
    if (hubToIds.length === 0) return [];
    return this.st.basePointingAt.all(JSON.stringify(hubToIds), key.sync, key.name) as string[];
  }

  async save(key: AssociationKey, outcomes: readonly FromOutcome[], checkpoint?: AssociationCheckpoint): Promise<void> {
    const at = this.now().toISOString();
    const { sync, name } = key;
    this.db.transaction(() => {
      for (const o of outcomes) {
        this.st.dropBaseFrom.run(sync, name, o.hubFromId);
        for (const to of o.base) this.st.addBase.run(sync, name, o.hubFromId, to);
        // A waiting edge keeps the time it started waiting; a failing one counts its attempts.
        const since = new Map((this.st.waitingOf.all(sync, name, o.hubFromId) as { side: string; from_id: string; to_id: string; since: string }[]).map((r) => [edgeKey(r.side, r.from_id, r.to_id), r.since]));
        this.st.dropWaiting.run(sync, name, o.hubFromId);
        for (const w of o.waiting) this.st.addWaiting.run(sync, name, w.side, w.fromId, w.toId, o.hubFromId, since.get(edgeKey(w.side, w.fromId, w.toId)) ?? at);
        const before = new Map(
          (this.st.failingOf.all(sync, name, o.hubFromId) as { side: string; from_id: string; to_id: string; attempts: number; first_failed: string }[]).map((r) => [edgeKey(r.side, r.from_id, r.to_id), r]),
        );
        this.st.dropFailing.run(sync, name, o.hubFromId);
        for (const f of o.failing) {
          const prev = before.get(edgeKey(f.side, f.fromId, f.toId));
          this.st.addFailing.run(sync, name, f.side, f.fromId, f.toId, o.hubFromId, f.op, f.category, f.message, (prev?.attempts ?? 0) + 1, prev?.first_failed ?? at, at);
        }
      }
      if (checkpoint) this.writeCheckpoint(key, checkpoint, at);
    }).immediate();
  }

  async forgetPending(key: AssociationKey, hubFromIds: readonly string[]): Promise<void> {
    if (hubFromIds.length === 0) return;
    this.db.transaction(() => {
      for (const id of hubFromIds) {
        this.st.dropWaiting.run(key.sync, key.name, id);
        this.st.dropFailing.run(key.sync, key.name, id);
      }
    })();
  }

  private writeCheckpoint(key: AssociationKey, cp: AssociationCheckpoint, at: string): void {
    this.st.saveCheckpoint.run(key.sync, key.name, cp.runs, cp.done ? 1 : 0, cp.resumeAfter, cp.startedAt, at);
  }

  async getCheckpoint(key: AssociationKey): Promise<AssociationCheckpoint | undefined> {
    const r = this.st.checkpoint.get(key.sync, key.name) as CheckpointRow | undefined;
    return r ? { runs: r.runs, done: r.done === 1, resumeAfter: r.resume_after, startedAt: r.started_at, updatedAt: r.updated_at } : undefined;
  }

  async startFull(key: AssociationKey, runs: string): Promise<AssociationCheckpoint> {
    const at = this.now().toISOString();
    const cp: AssociationCheckpoint = { runs, done: false, resumeAfter: '', startedAt: at, updatedAt: at };
    this.db.transaction(() => {
      for (const table of ['association_base', 'association_waiting', 'association_failing'] as const) {
        this.db.prepare(`DELETE FROM ${table} WHERE sync_name = ? AND association = ?`).run(key.sync, key.name);
      }
      this.writeCheckpoint(key, cp, at);
    }).immediate();
    return cp;
  }

  async forgetOthers(sync: string, keep: readonly string[]): Promise<void> {
    // Every association with state has a checkpoint (or, before its first pass, touched rows):
    // the stale ones are found there, then deleted by key, never by scanning the big tables.
    const kept = new Set(keep);
    const stale = (this.st.knownAssociations.all(sync, sync) as string[]).filter((a) => !kept.has(a));
    if (stale.length === 0) return;
    this.db.transaction(() => {
      for (const name of stale) {
        for (const table of TABLES) this.db.prepare(`DELETE FROM ${table} WHERE sync_name = ? AND association = ?`).run(sync, name);
      }
    })();
  }

  async dropBase(key: AssociationKey, role: AssociationRole, hubIds: readonly string[]): Promise<void> {
    const drop = role === 'from' ? this.st.dropBaseFrom : this.st.dropBaseTo;
    this.db.transaction(() => {
      for (const id of hubIds) drop.run(key.sync, key.name, id);
    })();
  }

  async touch(key: AssociationKey, role: AssociationRole, side: Side, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    this.db.transaction(() => {
      for (const id of ids) this.st.touch.run(key.sync, key.name, role, side, id);
    })();
  }

  async workSet(key: AssociationKey): Promise<AssociationWorkSet> {
    return new SqliteWorkSet(this.db, key, (object, side) => this.scope(key.sync, object, side));
  }

  async counts(key: AssociationKey): Promise<AssociationCounts> {
    const failingByCategory: Partial<Record<FailureCategory, number>> = {};
    let failing = 0;
    for (const r of this.st.countFailing.all(key.sync, key.name) as { category: FailureCategory; n: number }[]) {
      failingByCategory[r.category] = r.n;
      failing += r.n;
    }
    return {
      synced: this.st.countBase.get(key.sync, key.name) as number,
      waiting: this.st.countWaiting.get(key.sync, key.name) as number,
      failing,
      failingByCategory,
    };
  }
}

/** The association index on `db` (created once per connection). */
export const sqliteAssociationIndex = perDatabase((db) => new SqliteAssociationIndex(db));

/** The association index beside a SqliteRecordIndex, on the same database connection. */
export function sqliteAssociationIndexFor(index: RecordIndex): SqliteAssociationIndex {
  return besideRecordIndex(index, sqliteAssociationIndex, { code: 'association_index_missing', state: 'association state', option: 'associations', type: 'AssociationIndex' });
}
