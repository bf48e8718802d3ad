// The record index on SQLite: the engine's RecordIndex on the state store's own database file
// (tables from migration 002), or on a throw-away file for dry runs. Every call is one
// statement or one transaction of prepared statements; nothing is held in memory per record.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  Checkpoint,
  CreateIntent,
  Holder,
  Identifier,
  IndexRow,
  IndexWork,
  ObjectKey,
  Phase,
  RecordIndex,
  Side,
  StatusCounts,
} from '../../engine/record-index.js';
import { identifierKey } from '../../engine/record-index.js';
import { type Database, openDatabaseFile } from './driver.js';
import { migration002 } from './migrations/002-record-index.js';
import { type IndexDbRow, type IntentDbRow, SQL, flagsOf, identsJson, toIndexRow, toIntent } from './record-index-rows.js';

const prepare = (db: Database, sql: string) => db.prepare<unknown[]>(sql);
type Statements = { -readonly [K in keyof typeof SQL]: ReturnType<typeof prepare> };

interface CheckpointDbRow {
  run: number;
  definition_hash: string;
  phase: Phase;
  cursor: string | null;
  counts: string;
  started_at: string;
  updated_at: string;
}

/** A RecordIndex on an open better-sqlite3 database that has migration 002's tables. */
export class SqliteRecordIndex implements RecordIndex {
  readonly location: string;
  private readonly db: Database;
  private readonly st: Statements;
  private readonly now: () => Date;

  /** Prepares the statements; `location` names the file in messages. */
  constructor(db: Database, location: string, now: () => Date = () => new Date()) {
    this.db = db;
    this.location = location;
    this.now = now;
    // The index is read by key far more than scanned: a larger page cache saves most of the I/O.
    db.pragma('cache_size = -65536');
    const st: Partial<Statements> = {};
    for (const [name, sql] of Object.entries(SQL)) st[name as keyof typeof SQL] = prepare(db, sql);
    this.st = st as Statements;
    this.st.upsertScanned.pluck();
    this.st.upsertRow.pluck();
  }

  async getCheckpoint(key: ObjectKey): Promise<Checkpoint | undefined> {
    const row = this.st.checkpoint.get(key.sync, key.object) as CheckpointDbRow | undefined;
    return row ? toCheckpoint(row) : undefined;
  }

  async startRun(key: ObjectKey, definitionHash: string, counts: unknown): Promise<Checkpoint> {
    const run = this.db.transaction((): Checkpoint => {
      const previous = this.st.checkpoint.get(key.sync, key.object) as CheckpointDbRow | undefined;
      const at = this.now().toISOString();
      const cp: Checkpoint = { run: (previous?.run ?? 0) + 1, definitionHash, phase: 'index-hub', cursor: null, counts, startedAt: at, updatedAt: at };
      // Identifiers are rebuilt by every run, so records gone from the apps stop holding theirs.
      this.st.forgetIdents.run(key.sync, key.object);
      this.saveCheckpoint(key, cp);
      return cp;
    });
    return run.immediate();
  }

  async commit(key: ObjectKey, run: number, work: IndexWork): Promise<void> {
    const tx = this.db.transaction(() => this.apply(key, run, work));
    tx.immediate();
  }

  private apply(key: ObjectKey, run: number, work: IndexWork): void {
    const nowMs = this.now().getTime();
    const { sync, object } = key;
    if (work.scanned) {
      const side = work.scanned.side;
      for (const r of work.scanned.records) {
        const seq = this.st.upsertScanned.get({
          sync, object, side, id: r.id, run, hash: r.hash, vals: JSON.stringify(r.values), idents: identsJson(r.identifiers),
          flags: flagsOf(r), now: nowMs, changed: r.changedAt,
        }) as number;
        for (const i of r.identifiers) this.st.insertIdent.run(sync, object, side, i.prop, i.value, seq, r.id);
      }
    }
    for (const r of work.rows ?? []) {
      const seq = this.st.upsertRow.get({
        sync, object, side: r.side, id: r.id, run, status: r.status, category: r.category ?? null, reason: r.reason ?? null,
        message: r.message ?? null, dupSide: r.duplicateOf?.side ?? null, dupOf: r.duplicateOf?.id ?? null, partner: r.partnerId,
        hash: r.hash, vals: JSON.stringify(r.values), idents: identsJson(r.identifiers), flags: flagsOf(r), now: nowMs,
        synced: r.synced ? nowMs : null, changed: r.changedAt,
      }) as number;
      for (const i of r.identifiers) this.st.insertIdent.run(sync, object, r.side, i.prop, i.value, seq, r.id);
    }
    for (const l of work.links ?? []) this.st.link.run(l.partnerId, nowMs, sync, object, l.side, l.id);
    for (const i of work.addIntents ?? []) {
      this.st.addIntent.run(sync, object, i.target, i.sourceId, i.run, JSON.stringify(i.keys), JSON.stringify(i.fields), i.hash, nowMs);
    }
    for (const d of work.dropIntents ?? []) this.st.dropIntent.run(sync, object, d.target, d.sourceId);
    if (work.checkpoint) this.saveCheckpoint(key, work.checkpoint);
  }

  private saveCheckpoint(key: ObjectKey, cp: Checkpoint): void {
    const at = this.now().toISOString();
    this.st.saveCheckpoint.run(key.sync, key.object, cp.run, cp.definitionHash, cp.phase, cp.cursor, JSON.stringify(cp.counts ?? null), cp.startedAt, at);
  }

  async markDuplicates(key: ObjectKey, side: Side, run: number): Promise<number> {
    const tx = this.db.transaction((): number => {
      this.st.clearDuplicates.run(key.sync, key.object, side, run);
      return this.st.markDuplicates.run({ sync: key.sync, object: key.object, side, run }).changes;
    });
    return tx.immediate();
  }

  async firstHolders(key: ObjectKey, side: Side, identifiers: readonly Identifier[]): Promise<Map<string, Holder>> {
    const out = new Map<string, Holder>();
    if (identifiers.length === 0) return out;
    const json = JSON.stringify(identifiers.map((i) => [i.prop, i.value]));
    const rows = this.st.firstHolders.all(json, key.sync, key.object, side) as { prop: number; value: string; seq: number; id: string }[];
    for (const r of rows) out.set(identifierKey(r), { id: r.id, seq: r.seq });
    return out;
  }

  async rowsById(key: ObjectKey, side: Side, ids: readonly string[]): Promise<Map<string, IndexRow>> {
    const out = new Map<string, IndexRow>();
    if (ids.length === 0) return out;
    const rows = this.st.rowsById.all(JSON.stringify(ids), key.sync, key.object, side) as IndexDbRow[];
    for (const r of rows) out.set(r.record_id, toIndexRow(r));
    return out;
  }

  async pendingRows(key: ObjectKey, side: Side, run: number, afterSeq: number, limit: number): Promise<IndexRow[]> {
    const rows = this.st.pendingRows.all(key.sync, key.object, side, afterSeq, run, limit) as IndexDbRow[];
    return rows.map(toIndexRow);
  }

  async pendingIntents(key: ObjectKey): Promise<CreateIntent[]> {
    return (this.st.intents.all(key.sync, key.object) as IntentDbRow[]).map(toIntent);
  }

  async statusCounts(key: ObjectKey): Promise<Record<Side, StatusCounts>> {
    const out: Record<Side, StatusCounts> = { hub: {}, app: {} };
    for (const r of this.st.statusCounts.all(key.sync, key.object) as { side: Side; status: keyof StatusCounts; n: number }[]) {
      out[r.side][r.status] = r.n;
    }
    return out;
  }
}

function toCheckpoint(r: CheckpointDbRow): Checkpoint {
  return {
    run: r.run,
    definitionHash: r.definition_hash,
    phase: r.phase,
    cursor: r.cursor,
    counts: JSON.parse(r.counts) as unknown,
    startedAt: r.started_at,
    updatedAt: r.updated_at,
  };
}

/** A record index on a throw-away SQLite file (dry runs): `dispose` closes and deletes it. */
export function openTemporaryRecordIndex(): { index: SqliteRecordIndex; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'syncctl-dry-run-'));
  const path = join(dir, 'index.db');
  const db = openDatabaseFile(path);
  // Nothing here outlives the process: durability would only cost time.
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  migration002.up(db);
  return {
    index: new SqliteRecordIndex(db, `${path} (temporary)`),
    dispose() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
