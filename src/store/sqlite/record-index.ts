// The record index on SQLite: the engine's RecordIndex on the state store's own database file
// (tables from migration 002), or on a throw-away file for dry runs. Every call is one
// statement or one transaction of prepared statements, but for the steps over a whole side
// (indexIdentifiers, settle): those sort once into the connection's TEMP work tables and apply
// from there a chunk per transaction, so that the event loop runs between chunks. Nothing is
// held in memory per record. Writes keep to index order where they can: rows are appended or
// rewritten in seq order, and lookup entries are added in key order, in bulk, after a scan.
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
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
  RowWrite,
  Side,
  StatusCounts,
} from '../../engine/record-index.js';
import { identifierKey } from '../../engine/record-index.js';
import { SyncctlError } from '../../errors/syncctl-error.js';
import { type Database, type Statement, openDatabaseFile, prepareAll } from './driver.js';
import { turn } from '../../util/turn.js';
import { migration002 } from './migrations/002-record-index.js';
import { INDEX_ROW_LENGTH, type IndexDbRow, type IntentDbRow, SQL, WORK_TABLES, flagsOf, identsJson, intentsJson, toIndexRow, toIntents } from './record-index-rows.js';

type Statements = Record<keyof typeof SQL, Statement>;

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
  /** The state store's connection, for the index's other readers (incremental state, resync). */
  readonly database: Database;
  private readonly st: Statements;
  private readonly now: () => Date;

  /** Prepares the statements; `location` names the file in messages. */
  constructor(db: Database, location: string, now: () => Date = () => new Date()) {
    this.database = db;
    this.location = location;
    this.now = now;
    // Lookups land all over a big index, so SQLite's own cache hardly helps (the OS keeps the
    // file's pages): measured at 1M records per side, 16 MB is as fast as 64 MB. It also bounds
    // the sorts of the set-based steps (indexIdentifiers, settle), which may use as much again.
    db.pragma('cache_size = -16384');
    // The set-based steps' sorts (identifiers, deferred rows: millions of entries at 1M records)
    // may use helper threads: measured at 1M records per side on 2 cores, most of them hold the
    // event loop a quarter to a third less, and the initial sync's longest stall went from 2.2
    // to 1.7 s. Small sorts stay on the calling thread.
    db.pragma(`threads = ${Math.min(availableParallelism(), 4)}`);
    // An initial sync commits a page of thousands of rows at a time: checkpointing the WAL after
    // every one of them (the default, at 1,000 pages) costs its fsyncs per page. Measured at 1M
    // records per side, checkpoints at 8,192 pages (a WAL of up to 32 MB) save about 6%.
    db.pragma('wal_autocheckpoint = 8192');
    // The work tables fill up to a whole side, then are emptied: without this the connection's
    // temp file would keep its largest size (hundreds of MB after a 1M run) until it closes.
    // Only takes effect before the connection's first TEMP table.
    db.pragma('temp.auto_vacuum = FULL');
    db.exec(WORK_TABLES);
    this.st = prepareAll(db, SQL);
    for (const pluck of [this.st.upsertScanned, this.st.upsertRow, this.st.scope, this.st.addScope, this.st.workRowCount, this.st.workIdentifierCount]) pluck.pluck();
    // Rows as arrays (IndexDbRow), not objects: these hand out pages of thousands of rows.
    for (const raw of [this.st.firstHolderRows, this.st.rowsById, this.st.pendingRows]) raw.raw(true);
  }

  /**
   * The integer scope of (sync, object, side), created on first use. Looked up per call (once
   * per batch, not per record) rather than cached: deleting a sync deletes its scopes.
   */
  private scope(key: ObjectKey, side: Side): number {
    return this.existingScope(key, side) ?? (this.st.addScope.get(key.sync, key.object, side) as number);
  }

  /** The scope for reads: undefined when nothing was ever written there. */
  private existingScope(key: ObjectKey, side: Side): number | undefined {
    return this.st.scope.get(key.sync, key.object, side) as number | undefined;
  }

  async getCheckpoint(key: ObjectKey): Promise<Checkpoint | undefined> {
    const row = this.st.checkpoint.get(key.sync, key.object) as CheckpointDbRow | undefined;
    return row ? toCheckpoint(row) : undefined;
  }

  async startRun(key: ObjectKey, definitionHash: string, counts: unknown): Promise<Checkpoint> {
    const run = this.database.transaction((): Checkpoint => {
      const previous = this.st.checkpoint.get(key.sync, key.object) as CheckpointDbRow | undefined;
      const at = this.now().toISOString();
      const cp: Checkpoint = { run: (previous?.run ?? 0) + 1, definitionHash, phase: 'index-hub', cursor: null, counts, startedAt: at, updatedAt: at };
      // Identifiers are rebuilt by every run, so records gone from the apps stop holding theirs.
      for (const side of SIDES) {
        const scope = this.scope(key, side);
        this.st.forgetIdents.run(scope);
        // Left by a run that was stopped mid-phase: they belong to that run.
        this.st.dropDeferred.run(scope);
      }
      this.saveCheckpoint(key, cp);
      return cp;
    });
    return run.immediate();
  }

  async commit(key: ObjectKey, run: number, work: IndexWork): Promise<void> {
    const tx = this.database.transaction(() => this.apply(key, run, work));
    tx.immediate();
  }

  private apply(key: ObjectKey, run: number, work: IndexWork): void {
    const nowMs = this.now().getTime();
    const sync = key.sync;
    const scopes: Record<Side, number> = { hub: this.scope(key, 'hub'), app: this.scope(key, 'app') };
    if (work.scanned) {
      const scope = scopes[work.scanned.side];
      const later = work.scanned.identifiersLater === true;
      for (const r of work.scanned.records) {
        const args = [scope, sync, r.id, run, r.hash, JSON.stringify(r.values), identsJson(r.identifiers), flagsOf(r), nowMs, r.changedAt];
        if (later) {
          this.st.upsertScannedOnly.run(...args);
          continue;
        }
        const seq = this.st.upsertScanned.get(...args) as number;
        for (const i of r.identifiers) this.st.insertIdent.run(scope, i.prop, i.value, seq);
      }
    }
    for (const r of work.rows ?? []) this.writeRow(key.sync, scopes[r.side], run, r, nowMs);
    for (const l of work.links ?? []) this.st.link.run(l.partnerId, nowMs, scopes[l.side], l.id);
    const batches = new Map<string, CreateIntent[]>();
    for (const i of work.addIntents ?? []) {
      const k = `${i.target}\u0000${i.batch}`;
      const list = batches.get(k);
      if (list) list.push(i);
      else batches.set(k, [i]);
    }
    for (const list of batches.values()) {
      const first = list[0];
      if (first) this.st.addIntents.run(sync, key.object, first.target, first.batch, intentsJson(list), nowMs);
    }
    for (const b of work.dropIntentBatches ?? []) this.st.dropBatch.run(sync, key.object, b.target, b.batch);
    if (work.dropIntents && work.dropIntents.length > 0) this.dropSingleIntents(key, work.dropIntents, nowMs);
    if (work.checkpoint) this.saveCheckpoint(key, work.checkpoint);
  }

  private writeRow(sync: string, scope: number, run: number, r: RowWrite, nowMs: number): void {
    const synced = r.synced ? nowMs : null;
    const status = [r.status, r.category ?? null, r.reason ?? null, r.message ?? null, r.duplicateOf?.side ?? null, r.duplicateOf?.id ?? null, r.partnerId];
    let seq = r.seq;
    if (seq !== undefined && r.deferred) {
      const values = r.valuesUnchanged ? [null, null, null, null, null] : [r.hash, JSON.stringify(r.values), identsJson(r.identifiers), flagsOf(r), r.changedAt];
      this.st.defer.run(scope, sync, seq, r.id, r.identifiersIndexed ? 0 : 1, run, ...status, synced, ...values);
      return;
    }
    if (seq !== undefined && r.valuesUnchanged) {
      this.st.updateStatusBySeq.run(run, ...status, synced, seq);
    } else if (seq !== undefined) {
      this.st.updateRowBySeq.run(run, ...status, r.hash, JSON.stringify(r.values), identsJson(r.identifiers), flagsOf(r), synced, r.changedAt, seq);
    } else {
      seq = this.st.upsertRow.get(
        scope, sync, r.id, run, ...status, r.hash, JSON.stringify(r.values), identsJson(r.identifiers), flagsOf(r), nowMs, synced, r.changedAt,
      ) as number;
    }
    if (r.identifiersIndexed || r.identifiers.length === 0) return;
    if (r.identifiersLater) {
      this.st.defer.run(scope, sync, seq, r.id, 1, ...DEFER_NOTHING);
      return;
    }
    for (const i of r.identifiers) this.st.insertIdent.run(scope, i.prop, i.value, seq);
  }

  /** Removes single intents from their batches (crash recovery only: rare and small). */
  private dropSingleIntents(key: ObjectKey, drops: NonNullable<IndexWork['dropIntents']>, nowMs: number): void {
    const gone = new Set(drops.map((d) => `${d.target}\u0000${d.sourceId}`));
    for (const row of this.st.intents.all(key.sync, key.object) as IntentDbRow[]) {
      const all = toIntents(row);
      const kept = all.filter((i) => !gone.has(`${i.target}\u0000${i.sourceId}`));
      if (kept.length === all.length) continue;
      this.st.dropBatch.run(key.sync, key.object, row.target_side, row.batch);
      if (kept.length > 0) this.st.addIntents.run(key.sync, key.object, row.target_side, row.batch, intentsJson(kept), nowMs);
    }
  }

  private saveCheckpoint(key: ObjectKey, cp: Checkpoint): void {
    const at = this.now().toISOString();
    this.st.saveCheckpoint.run(key.sync, key.object, cp.run, cp.definitionHash, cp.phase, cp.cursor, JSON.stringify(cp.counts ?? null), cp.startedAt, at);
  }

  async indexIdentifiers(key: ObjectKey, side: Side, run: number): Promise<void> {
    const scope = this.scope(key, side);
    await withWorkTables(this.database, async () => {
      const current = (): boolean => this.stillCurrent(key, side, scope, run);
      if (!current() || !(await this.insertIdentifiersSorted(scope, () => this.st.sortScanIdentifiers.run(scope, run), current))) throw overtaken(key);
    });
  }

  /**
   * Deferred row writes in seq order, then the identifiers left for later in key order, each
   * sorted once into a work table and applied from it a chunk at a time, each chunk one
   * transaction with a turn for the event loop in between. The deferred entries go in the last
   * transaction: a stop before it leaves them all, and settling again applies the same values
   * again (each write sets what its row is to hold; identifiers are inserted or ignored).
   * A settle overtaken (a new run started, or the sync deleted, by a runner that stopped waiting
   * for it) while it waits for the work tables or between chunks writes nothing more and fails
   * with initial_sync_aborted: its run is over, and its caller must not go on as if it were not.
   */
  async settle(key: ObjectKey, side: Side): Promise<void> {
    // The run this settle belongs to is the one current when it is asked for.
    const run = (this.st.checkpoint.get(key.sync, key.object) as CheckpointDbRow | undefined)?.run;
    const scope = this.existingScope(key, side);
    if (run === undefined || scope === undefined) throw overtaken(key);
    await withWorkTables(this.database, async () => {
      const current = (): boolean => this.stillCurrent(key, side, scope, run);
      const done =
        current() &&
        (await this.throughWorkTable(this.st.clearWorkRows, this.st.workRowCount, () => this.st.sortDeferredRows.run(scope), SETTLE_CHUNK, current, (from, to) =>
          this.st.applyDeferredRows.run({ scope, from, to }),
        )) &&
        (await this.insertIdentifiersSorted(scope, () => this.st.sortDeferredIdentifiers.run(scope), current)) &&
        this.whileCurrent(current, () => this.st.dropDeferred.run(scope));
      if (!done) throw overtaken(key);
    });
  }

  /** Identifiers sorted into their work table by `sort`, then inserted in key order (see throughWorkTable). */
  private insertIdentifiersSorted(scope: number, sort: () => void, current: () => boolean): Promise<boolean> {
    return this.throughWorkTable(this.st.clearWorkIdentifiers, this.st.workIdentifierCount, sort, IDENTIFIER_CHUNK, current, (from, to) =>
      this.st.insertSortedIdentifiers.run(scope, from, to),
    );
  }

  /**
   * Fills a work table by `sort`, then applies it a range of `chunk` rows at a time, each range
   * one transaction while `current()` holds, with a turn for the event loop in between; the
   * table is emptied at the end. False when `current()` stopped holding.
   */
  private async throughWorkTable(
    clear: Statement,
    count: Statement,
    sort: () => void,
    chunk: number,
    current: () => boolean,
    applyRange: (from: number, to: number) => void,
  ): Promise<boolean> {
    clear.run();
    try {
      sort();
      const rows = count.get() as number;
      for (let from = 0; from < rows; from += chunk) {
        if (!this.whileCurrent(current, () => applyRange(from, from + chunk))) return false;
        await turn();
      }
      return true;
    } finally {
      clearQuietly(clear);
    }
  }

  /** Runs `write` in one transaction if `current()` holds there; whether it did. */
  private whileCurrent(current: () => boolean, write: () => void): boolean {
    return this.database
      .transaction((): boolean => {
        if (!current()) return false;
        write();
        return true;
      })
      .immediate();
  }

  /** The object is still in `run` and `side` still has `scope`: a step that began then may go on. */
  private stillCurrent(key: ObjectKey, side: Side, scope: number, run: number): boolean {
    const cp = this.st.checkpoint.get(key.sync, key.object) as CheckpointDbRow | undefined;
    return cp?.run === run && this.existingScope(key, side) === scope;
  }

  async deferredLinks(key: ObjectKey, side: Side): Promise<Map<string, string>> {
    const scope = this.existingScope(key, side);
    if (scope === undefined) return new Map();
    const rows = this.st.deferredLinks.all(scope) as { record_id: string; partner_id: string }[];
    return new Map(rows.map((r) => [r.record_id, r.partner_id]));
  }

  async markDuplicates(key: ObjectKey, side: Side, run: number): Promise<number> {
    const tx = this.database.transaction((): number => {
      const scope = this.scope(key, side);
      this.st.clearDuplicates.run(scope, run);
      return this.st.markDuplicates.run({ scope, side, run }).changes;
    });
    return tx.immediate();
  }

  async firstHolders(key: ObjectKey, side: Side, identifiers: readonly Identifier[]): Promise<Map<string, Holder>> {
    const out = new Map<string, Holder>();
    if (identifiers.length === 0) return out;
    const scope = this.existingScope(key, side);
    if (scope === undefined) return out;
    const rows = this.st.firstHolders.all({ scope, identifiers: sortedIdentifiers(identifiers) }) as { prop: number; value: string; seq: number; id: string }[];
    for (const r of rows) out.set(identifierKey(r), { id: r.id, seq: r.seq });
    return out;
  }

  async firstHolderRows(key: ObjectKey, side: Side, identifiers: readonly Identifier[]): Promise<{ holders: Map<string, Holder>; rows: Map<string, IndexRow> }> {
    const holders = new Map<string, Holder>();
    const rows = new Map<string, IndexRow>();
    const scope = this.existingScope(key, side);
    if (identifiers.length === 0 || scope === undefined) return { holders, rows };
    // Each row: the holder's IndexDbRow, then the identifier's prop and value.
    const found = this.st.firstHolderRows.all({ scope, identifiers: sortedIdentifiers(identifiers) }) as [...IndexDbRow, number, string][];
    for (const r of found) {
      const [seq, id] = r;
      holders.set(identifierKey({ prop: r[HOLDER_PROP] as number, value: r[HOLDER_VALUE] as string }), { id, seq });
      if (!rows.has(id)) rows.set(id, toIndexRow(r as unknown as IndexDbRow, side));
    }
    return { holders, rows };
  }

  async rowsById(key: ObjectKey, side: Side, ids: readonly string[]): Promise<Map<string, IndexRow>> {
    const out = new Map<string, IndexRow>();
    const scope = this.existingScope(key, side);
    if (ids.length === 0 || scope === undefined) return out;
    const rows = this.st.rowsById.all(JSON.stringify(ids), scope) as IndexDbRow[];
    for (const r of rows) {
      const row = toIndexRow(r, side);
      out.set(row.id, row);
    }
    return out;
  }

  async pendingRows(key: ObjectKey, side: Side, run: number, afterSeq: number, limit: number): Promise<IndexRow[]> {
    const scope = this.existingScope(key, side);
    if (scope === undefined) return [];
    const rows = this.st.pendingRows.all(scope, afterSeq, run, limit) as IndexDbRow[];
    return rows.map((r) => toIndexRow(r, side));
  }

  async pendingIntents(key: ObjectKey): Promise<CreateIntent[]> {
    return (this.st.intents.all(key.sync, key.object) as IntentDbRow[]).flatMap(toIntents);
  }

  async statusCounts(key: ObjectKey): Promise<Record<Side, StatusCounts>> {
    const out: Record<Side, StatusCounts> = { hub: {}, app: {} };
    for (const side of SIDES) {
      const scope = this.existingScope(key, side);
      if (scope === undefined) continue;
      for (const r of this.st.statusCounts.all(scope) as { status: keyof StatusCounts; n: number }[]) out[side][r.status] = r.n;
    }
    return out;
  }
}

const SIDES: readonly Side[] = ['hub', 'app'];

/** Where firstHolderRows puts the identifier after the holder's row. */
const HOLDER_PROP = INDEX_ROW_LENGTH;
const HOLDER_VALUE = INDEX_ROW_LENGTH + 1;

/** Identifiers as the lookups' JSON parameter, in key order: neighbouring lookups share the pages of the identifier tree. */
function sortedIdentifiers(identifiers: readonly Identifier[]): string {
  const pairs = identifiers.map((i): [number, string] => [i.prop, i.value]);
  pairs.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return JSON.stringify(pairs);
}

/** Deferred row writes applied per transaction by settle(). */
const SETTLE_CHUNK = 50_000;

/** Sorted identifiers inserted per transaction (indexIdentifiers, settle). */
const IDENTIFIER_CHUNK = 100_000;

/**
 * The work tables belong to the connection, and a step keeps them across its turns for the
 * event loop: syncs running side by side (a runner's workers) take them one step at a time.
 */
const workTablesBusy = new WeakMap<Database, Promise<void>>();

async function withWorkTables(db: Database, step: () => Promise<void>): Promise<void> {
  const before = workTablesBusy.get(db) ?? Promise.resolve();
  const mine = before.then(step);
  const done = mine.catch(() => undefined);
  workTablesBusy.set(db, done);
  try {
    await mine;
  } finally {
    if (workTablesBusy.get(db) === done) workTablesBusy.delete(db);
  }
}

/** A step of a run that another run (or the sync's deletion) overtook: it stopped, as a stopped initial sync does. */
function overtaken(key: ObjectKey): SyncctlError {
  return new SyncctlError('initial_sync_aborted', `The initial sync of ${key.sync} (${key.object}) was overtaken by a newer run of it and stopped.`, {
    hint: 'Nothing to do: the newer run goes on.',
    meta: { sync: key.sync, object: key.object },
  });
}

/** Empties a work table; a connection closed meanwhile took it along (and the error that closed it is the one to report). */
function clearQuietly(clear: Statement): void {
  try {
    clear.run();
  } catch {
    // Nothing left to clear.
  }
}

/** A deferred entry's row columns (run … last_changed) when only its identifiers are to be indexed. */
const DEFER_NOTHING = Array.from({ length: 14 }, () => null);

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

/** Tables of migration 002, copied in this order when a dry run starts from a sync's index. */
const INDEX_TABLES = ['record_scopes', 'record_index', 'record_identifiers', 'record_deferred', 'record_intents', 'record_checkpoints'] as const;

/**
 * A record index on a throw-away SQLite file (dry runs): `dispose` closes and deletes it. With
 * `seed`, it starts as a copy of one sync's index in a state database (a restart's dry run must
 * see the links the real run will see); the state database is only read.
 */
export function openTemporaryRecordIndex(seed?: { database: Database; sync: string }): { index: SqliteRecordIndex; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'syncctl-dry-run-'));
  const path = join(dir, 'index.db');
  const db = openDatabaseFile(path);
  // Nothing here outlives the process: durability would only cost time.
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  migration002.up(db);
  if (seed) copySync(seed.database, path, seed.sync);
  return {
    index: new SqliteRecordIndex(db, `${path} (temporary)`),
    dispose() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function copySync(source: Database, target: string, sync: string): void {
  // Set-based copy inside SQLite: the state connection reads, only the temporary file is written.
  source.prepare('ATTACH DATABASE ? AS dry_run_copy').run(target);
  try {
    for (const table of INDEX_TABLES) {
      // Identifiers belong to a sync through their scope.
      const where = table === 'record_identifiers' ? 'WHERE scope IN (SELECT scope FROM main.record_scopes WHERE sync_name = ?)' : 'WHERE sync_name = ?';
      source.prepare(`INSERT INTO dry_run_copy.${table} SELECT * FROM main.${table} ${where}`).run(sync);
    }
  } finally {
    source.exec('DETACH DATABASE dry_run_copy');
  }
}
