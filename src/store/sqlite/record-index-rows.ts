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

/** A record_index row as SQLite returns it. */
export interface IndexDbRow {
  seq: number;
  record_id: string;
  run: number;
  status: RecordStatus;
  category: string | null;
  reason: string | null;
  message: string | null;
  duplicate_side: Side | null;
  duplicate_of: string | null;
  partner_id: string | null;
  hash: string;
  vals: string;
  idents: string;
  flags: number;
  first_seen: number;
  last_synced: number | null;
  last_changed: string | null;
}

/** The engine's view of a stored row of `side`. */
export function toIndexRow(r: IndexDbRow, side: Side): IndexRow {
  const pairs = JSON.parse(r.idents) as [number, string][];
  return {
    side,
    seq: r.seq,
    id: r.record_id,
    run: r.run,
    status: r.status,
    category: r.category as FailureCategory | null,
    reason: r.reason as ExclusionReason | null,
    message: r.message,
    duplicateOf: r.duplicate_of !== null && r.duplicate_side !== null ? { side: r.duplicate_side, id: r.duplicate_of } : null,
    partnerId: r.partner_id,
    identifiers: pairs.map(([prop, value]) => ({ prop, value })),
    values: JSON.parse(r.vals) as Properties,
    hash: r.hash,
    filterOk: (r.flags & FILTER_OK) !== 0,
    emailOk: (r.flags & EMAIL_OK) !== 0,
    changedAt: r.last_changed,
    firstSeen: new Date(r.first_seen).toISOString(),
    lastSynced: r.last_synced === null ? null : new Date(r.last_synced).toISOString(),
  };
}

/** A record_intents row as SQLite returns it: one batch. */
export interface IntentDbRow {
  target_side: Side;
  batch: string;
  intents: string;
}

/** The engine's view of a stored batch of intents. */
export function toIntents(r: IntentDbRow): CreateIntent[] {
  return (JSON.parse(r.intents) as Omit<CreateIntent, 'batch' | 'target'>[]).map((i) => ({ ...i, batch: r.batch, target: r.target_side }));
}

/** The intents column of a batch (batch and target are the row's key). */
export function intentsJson(intents: readonly CreateIntent[]): string {
  return JSON.stringify(intents.map(({ batch: _b, target: _t, ...rest }) => rest));
}

const COLUMNS = 'seq, record_id, run, status, category, reason, message, duplicate_side, duplicate_of, partner_id, hash, vals, idents, flags, first_seen, last_synced, last_changed';

/** Every statement of the index, prepared once per connection. Big tables are addressed by scope. */
export const SQL = {
  scope: `SELECT scope FROM record_scopes WHERE sync_name = ? AND object = ? AND side = ?`,
  addScope: `INSERT INTO record_scopes (sync_name, object, side) VALUES (?, ?, ?) RETURNING scope`,
  // A scanned record: its outcome this run is still open, unless this run already decided it
  // (a rescan while resuming must not undo decisions).
  upsertScanned: `
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
      flags = excluded.flags, last_changed = excluded.last_changed
    RETURNING seq`,
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
  insertIdent: `INSERT OR IGNORE INTO record_identifiers (scope, prop, value, seq, record_id, sync_name) VALUES (?, ?, ?, ?, ?, ?)`,
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
  // SQLite returns the bare column (record_id) from the row that holds min(seq).
  firstHolders: `
    SELECT i.prop AS prop, i.value AS value, min(i.seq) AS seq, i.record_id AS id
    FROM json_each(?) AS j CROSS JOIN record_identifiers AS i
      ON i.scope = ? AND i.prop = (j.value ->> 0) AND i.value = (j.value ->> 1)
    GROUP BY i.prop, i.value`,
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
