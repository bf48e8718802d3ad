// Rows of the record index tables <-> the engine's types, and the SQL that moves them.
import type { Properties } from '../../connectors/types.js';
import type { CreateIntent, Identifier, IndexRow, RecordStatus, Side } from '../../engine/record-index.js';
import type { ExclusionReason, FailureCategory } from '../../errors/categories.js';

const FILTER_OK = 1;
const EMAIL_OK = 2;

/** flags column from the record's booleans. */
export function flagsOf(r: { filterOk: boolean; emailOk: boolean }): number {
  return (r.filterOk ? FILTER_OK : 0) | (r.emailOk ? EMAIL_OK : 0);
}

/** idents column: a compact JSON array of [prop, value] pairs. */
export function identsJson(ids: readonly Identifier[]): string {
  return JSON.stringify(ids.map((i) => [i.prop, i.value]));
}

/**
 * A record_index row as the index's row reads return it: the values of COLUMNS, in order, as an
 * array (better-sqlite3's raw mode). Measured with these 15 columns, an array per row costs less
 * than half of what an object per row does, and these reads hand out pages of 10,000 rows.
 */
export type IndexDbRow = [
  seq: number,
  record_id: string,
  run: number,
  status: RecordStatus,
  category: string | null,
  reason: string | null,
  message: string | null,
  duplicate_side: Side | null,
  duplicate_of: string | null,
  partner_id: string | null,
  hash: string,
  vals: string,
  idents: string,
  flags: number,
  last_changed: string | null,
];

/** The engine's view of a stored row of `side`. */
export function toIndexRow(r: IndexDbRow, side: Side): IndexRow {
  const [seq, id, run, status, category, reason, message, duplicateSide, duplicateOf, partnerId, hash, vals, idents, flags, changedAt] = r;
  const pairs = JSON.parse(idents) as [number, string][];
  return {
    side,
    seq,
    id,
    run,
    status,
    category: category as FailureCategory | null,
    reason: reason as ExclusionReason | null,
    message,
    duplicateOf: duplicateOf !== null && duplicateSide !== null ? { side: duplicateSide, id: duplicateOf } : null,
    partnerId,
    identifiers: pairs.map(([prop, value]) => ({ prop, value })),
    values: JSON.parse(vals) as Properties,
    hash,
    filterOk: (flags & FILTER_OK) !== 0,
    emailOk: (flags & EMAIL_OK) !== 0,
    changedAt,
  };
}

/** A record_intents row as SQLite returns it: one batch. */
export interface IntentDbRow {
  target_side: Side;
  batch: string;
  intents: string;
}

type StoredIntent = Omit<CreateIntent, 'batch' | 'target'>;

/**
 * A batch whose intents share their fields and run (a page's creates always do) keeps those
 * once: a page announces thousands of creates, and each batch is written and deleted again.
 */
interface CompactBatch {
  fields: string[];
  run: number;
  /** [sourceId, hash, keys] */
  intents: [string, string, string[]][];
}

/** The engine's view of a stored batch of intents. */
export function toIntents(r: IntentDbRow): CreateIntent[] {
  const stored = JSON.parse(r.intents) as StoredIntent[] | CompactBatch;
  const own = { batch: r.batch, target: r.target_side };
  if (Array.isArray(stored)) return stored.map((i) => ({ ...i, ...own }));
  return stored.intents.map(([sourceId, hash, keys]) => ({ sourceId, keys, fields: stored.fields, hash, run: stored.run, ...own }));
}

/** The intents column of a batch (batch and target are the row's key). */
export function intentsJson(intents: readonly CreateIntent[]): string {
  const first = intents[0];
  const fields = first ? first.fields.join('\u0000') : '';
  const compact = first !== undefined && intents.every((i) => i.source === undefined && i.run === first.run && i.fields.join('\u0000') === fields);
  if (!compact) return JSON.stringify(intents.map(({ batch: _b, target: _t, ...rest }) => rest));
  const batch: CompactBatch = { fields: [...first.fields], run: first.run, intents: intents.map((i) => [i.sourceId, i.hash, [...i.keys]]) };
  return JSON.stringify(batch);
}

/** The columns of IndexDbRow, in its order. */
const COLUMNS = 'seq, record_id, run, status, category, reason, message, duplicate_side, duplicate_of, partner_id, hash, vals, idents, flags, last_changed';

/** How many values an IndexDbRow has: a statement's own columns may follow them. */
export const INDEX_ROW_LENGTH = COLUMNS.split(', ').length;

// A scanned record: its outcome this run is still open, unless this run already decided it
// (a rescan while resuming must not undo decisions).
const UPSERT_SCANNED = `
    INSERT INTO record_index (scope, sync_name, record_id, run, status, hash, vals, idents, flags, first_seen, last_changed)
    VALUES (?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?)
    ON CONFLICT (scope, record_id) DO UPDATE SET
      status = CASE WHEN record_index.run = excluded.run THEN record_index.status ELSE 'pending' END,
      category = CASE WHEN record_index.run = excluded.run THEN record_index.category END,
      reason = CASE WHEN record_index.run = excluded.run THEN record_index.reason END,
      message = CASE WHEN record_index.run = excluded.run THEN record_index.message END,
      duplicate_side = CASE WHEN record_index.run = excluded.run THEN record_index.duplicate_side END,
      duplicate_of = CASE WHEN record_index.run = excluded.run THEN record_index.duplicate_of END,
      run = excluded.run, hash = excluded.hash, vals = excluded.vals, idents = excluded.idents,
      flags = excluded.flags, last_changed = excluded.last_changed`;

/**
 * The connection's own work tables (TEMP: never in the state file, gone with the connection)
 * for the index's set-based steps over a whole side: what they write is sorted into these once,
 * then copied out a range at a time, each range one short transaction with a turn for the event
 * loop in between. Sorting per range instead would sort or scan everything once per range.
 */
export const WORK_TABLES = `
  CREATE TEMP TABLE IF NOT EXISTS index_work_rows (
    n INTEGER PRIMARY KEY, seq INTEGER NOT NULL, run INTEGER, status TEXT, category TEXT, reason TEXT, message TEXT,
    duplicate_side TEXT, duplicate_of TEXT, partner_id TEXT, last_synced INTEGER, hash TEXT, vals TEXT, idents TEXT,
    flags INTEGER, last_changed TEXT
  );
  CREATE TEMP TABLE IF NOT EXISTS index_work_identifiers (n INTEGER PRIMARY KEY, prop INTEGER NOT NULL, value TEXT NOT NULL, seq INTEGER NOT NULL);`;

/** Every statement of the index, prepared once per connection. Big tables are addressed by scope. */
export const SQL = {
  scope: `SELECT scope FROM record_scopes WHERE sync_name = ? AND object = ? AND side = ?`,
  addScope: `INSERT INTO record_scopes (sync_name, object, side) VALUES (?, ?, ?) RETURNING scope`,
  upsertScanned: `${UPSERT_SCANNED} RETURNING seq`,
  /** The same without the seq, for a scan whose identifiers are indexed later. */
  upsertScannedOnly: UPSERT_SCANNED,
  upsertRow: `
    INSERT INTO record_index (scope, sync_name, record_id, run, status, category, reason, message, duplicate_side,
      duplicate_of, partner_id, hash, vals, idents, flags, first_seen, last_synced, last_changed)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (scope, record_id) DO UPDATE SET
      run = excluded.run, status = excluded.status, category = excluded.category, reason = excluded.reason,
      message = excluded.message, duplicate_side = excluded.duplicate_side, duplicate_of = excluded.duplicate_of,
      partner_id = excluded.partner_id, hash = excluded.hash, vals = excluded.vals, idents = excluded.idents,
      flags = excluded.flags, last_synced = coalesce(excluded.last_synced, record_index.last_synced),
      last_changed = coalesce(excluded.last_changed, record_index.last_changed)
    RETURNING seq`,
  // Rows the engine read from the index are rewritten by seq: no unique-index probe, and values
  // only when they changed.
  updateRowBySeq: `
    UPDATE record_index SET run = ?, status = ?, category = ?, reason = ?, message = ?, duplicate_side = ?, duplicate_of = ?,
      partner_id = ?, hash = ?, vals = ?, idents = ?, flags = ?, last_synced = coalesce(?, last_synced),
      last_changed = coalesce(?, last_changed)
    WHERE seq = ?`,
  updateStatusBySeq: `
    UPDATE record_index SET run = ?, status = ?, category = ?, reason = ?, message = ?, duplicate_side = ?, duplicate_of = ?,
      partner_id = ?, last_synced = coalesce(?, last_synced)
    WHERE seq = ?`,
  insertIdent: `INSERT OR IGNORE INTO record_identifiers (scope, prop, value, seq) VALUES (?, ?, ?, ?)`,
  // After a scan that left identifiers for later: all of them, sorted once into the work table
  // (see WORK_TABLES), then inserted from it in key order a chunk at a time, so that each page
  // of the identifier tree is filled once instead of being revisited per record. The scan's
  // rows are pending (read in seq order through the pending index); rows a run decides are
  // written with their identifiers, or leave them to settle().
  sortScanIdentifiers: `
    INSERT INTO temp.index_work_identifiers (prop, value, seq)
    SELECT j.value ->> 0, j.value ->> 1, r.seq
    FROM record_index AS r, json_each(r.idents) AS j
    WHERE r.scope = ? AND r.status = 'pending' AND r.run = ?
    ORDER BY 1, 2, 3`,
  defer: `
    INSERT INTO record_deferred (scope, sync_name, seq, record_id, index_identifiers, run, status, category, reason, message,
      duplicate_side, duplicate_of, partner_id, last_synced, hash, vals, idents, flags, last_changed)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  // settle(): the last deferred write of each row, sorted once by seq into the work table ...
  sortDeferredRows: `
    INSERT INTO temp.index_work_rows (seq, run, status, category, reason, message, duplicate_side, duplicate_of, partner_id,
      last_synced, hash, vals, idents, flags, last_changed)
    SELECT seq, run, status, category, reason, message, duplicate_side, duplicate_of, partner_id,
      last_synced, hash, vals, idents, flags, last_changed
    FROM (
      SELECT *, row_number() OVER (PARTITION BY seq ORDER BY rowid DESC) AS latest
      FROM record_deferred WHERE scope = ? AND status IS NOT NULL
    ) WHERE latest = 1 ORDER BY seq`,
  // ... and applied from it a range of the work table at a time: the rows are rewritten front to back.
  applyDeferredRows: `
    UPDATE record_index SET run = d.run, status = d.status, category = d.category, reason = d.reason, message = d.message,
      duplicate_side = d.duplicate_side, duplicate_of = d.duplicate_of, partner_id = d.partner_id,
      last_synced = coalesce(d.last_synced, record_index.last_synced), hash = coalesce(d.hash, record_index.hash),
      vals = coalesce(d.vals, record_index.vals), idents = coalesce(d.idents, record_index.idents),
      flags = coalesce(d.flags, record_index.flags), last_changed = coalesce(d.last_changed, record_index.last_changed)
    FROM (SELECT * FROM temp.index_work_rows WHERE n > @from AND n <= @to ORDER BY n) AS d
    WHERE record_index.seq = d.seq AND record_index.scope = @scope`,
  // Then the identifiers of the rows that wait for them (read after the rows were rewritten).
  sortDeferredIdentifiers: `
    INSERT INTO temp.index_work_identifiers (prop, value, seq)
    SELECT j.value ->> 0, j.value ->> 1, r.seq
    FROM (SELECT DISTINCT seq FROM record_deferred WHERE scope = ? AND index_identifiers = 1) AS d
      CROSS JOIN record_index AS r ON r.seq = d.seq, json_each(r.idents) AS j
    ORDER BY 1, 2, 3`,
  // A range of the sorted identifiers into the identifier index.
  insertSortedIdentifiers: `
    INSERT OR IGNORE INTO record_identifiers (scope, prop, value, seq)
    SELECT ?, prop, value, seq FROM temp.index_work_identifiers WHERE n > ? AND n <= ? ORDER BY n`,
  workRowCount: `SELECT coalesce(max(n), 0) FROM temp.index_work_rows`,
  workIdentifierCount: `SELECT coalesce(max(n), 0) FROM temp.index_work_identifiers`,
  clearWorkRows: `DELETE FROM temp.index_work_rows`,
  clearWorkIdentifiers: `DELETE FROM temp.index_work_identifiers`,
  dropDeferred: `DELETE FROM record_deferred WHERE scope = ?`,
  deferredLinks: `
    SELECT record_id, partner_id FROM record_deferred WHERE scope = ? AND status IS NOT NULL AND partner_id IS NOT NULL ORDER BY rowid`,
  link: `
    UPDATE record_index SET partner_id = ?, status = 'in-sync', category = NULL, reason = NULL, message = NULL,
      duplicate_side = NULL, duplicate_of = NULL, last_synced = ?
    WHERE scope = ? AND record_id = ?`,
  addIntents: `INSERT OR REPLACE INTO record_intents (sync_name, object, target_side, batch, intents, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
  dropBatch: `DELETE FROM record_intents WHERE sync_name = ? AND object = ? AND target_side = ? AND batch = ?`,
  intents: `SELECT target_side, batch, intents FROM record_intents WHERE sync_name = ? AND object = ? ORDER BY target_side, batch`,
  saveCheckpoint: `
    INSERT OR REPLACE INTO record_checkpoints (sync_name, object, run, definition_hash, phase, cursor, counts, started_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  checkpoint: `SELECT run, definition_hash, phase, cursor, counts, started_at, updated_at FROM record_checkpoints WHERE sync_name = ? AND object = ?`,
  forgetIdents: `DELETE FROM record_identifiers WHERE scope = ?`,
  // CROSS JOIN keeps the small JSON list as the outer loop: one index probe per id.
  rowsById: `
    SELECT ${COLUMNS.split(', ').map((c) => `r.${c}`).join(', ')}
    FROM json_each(?) AS j CROSS JOIN record_index AS r ON r.scope = ? AND r.record_id = j.value`,
  pendingRows: `
    SELECT ${COLUMNS} FROM record_index
    WHERE scope = ? AND status = 'pending' AND seq > ? AND run = ?
    ORDER BY seq LIMIT ?`,
  // Per identifier, the first entry of its key range is its first holder (lowest seq).
  // (Materialized: otherwise SQLite evaluates the subquery twice per identifier.)
  firstHolders: `
    WITH h AS MATERIALIZED (
      SELECT j.value ->> 0 AS prop, j.value ->> 1 AS value, (
        SELECT i.seq FROM record_identifiers AS i
        WHERE i.scope = @scope AND i.prop = j.value ->> 0 AND i.value = j.value ->> 1
        ORDER BY i.seq LIMIT 1) AS seq
      FROM json_each(@identifiers) AS j
    )
    SELECT h.prop AS prop, h.value AS value, h.seq AS seq, r.record_id AS id
    FROM h CROSS JOIN record_index AS r ON r.seq = h.seq`,
  // The same, with each holder's whole row: matching a page needs the rows it matched.
  firstHolderRows: `
    WITH h AS MATERIALIZED (
      SELECT j.value ->> 0 AS prop, j.value ->> 1 AS value, (
        SELECT i.seq FROM record_identifiers AS i
        WHERE i.scope = @scope AND i.prop = j.value ->> 0 AND i.value = j.value ->> 1
        ORDER BY i.seq LIMIT 1) AS seq
      FROM json_each(@identifiers) AS j
    )
    SELECT ${COLUMNS.split(', ').map((c) => `r.${c}`).join(', ')}, h.prop AS prop, h.value AS value
    FROM h CROSS JOIN record_index AS r ON r.seq = h.seq`,
  clearDuplicates: `
    UPDATE record_index SET duplicate_side = NULL, duplicate_of = NULL
    WHERE scope = ? AND status = 'pending' AND run = ? AND duplicate_of IS NOT NULL`,
  markDuplicates: `
    WITH firsts AS (
      SELECT prop, value, min(seq) AS first_seq FROM record_identifiers
      WHERE scope = @scope GROUP BY prop, value HAVING count(*) > 1
    ), dups AS (
      SELECT i.seq AS seq, min(f.first_seq) AS first_seq
      FROM firsts AS f JOIN record_identifiers AS i
        ON i.scope = @scope AND i.prop = f.prop AND i.value = f.value AND i.seq > f.first_seq
      GROUP BY i.seq
    )
    UPDATE record_index SET duplicate_side = @side, duplicate_of = (SELECT o.record_id FROM record_index AS o WHERE o.seq = dups.first_seq)
    FROM dups
    WHERE record_index.seq = dups.seq AND record_index.status = 'pending' AND record_index.run = @run AND record_index.partner_id IS NULL`,
  statusCounts: `SELECT status, count(*) AS n FROM record_index WHERE scope = ? GROUP BY status`,
} as const;
