import type { Migration } from './types.js';

// The association engine's state (owned by src/engine/associations). Every table carries
// `sync_name`, so deleting a sync clears them; `association` is the sync's entry as
// `from->to` (hub object names). Ids are strings as the apps give them.
//
// - association_base: the last synced state, one row per edge, in HUB id space (the from
//   record's hub id, the to record's hub id). The three-way merge compares both apps with it.
// - association_waiting: edges whose other end has no partner yet, in the id space of the side
//   that holds them, with the from record's hub id (to find them per from record). Shown as
//   "in queue"; retried every pass.
// - association_failing: edges whose write failed, in the id space of the side written, with
//   the operation, category and message. Retried every pass.
// - association_checkpoints: whether the full reconciliation ran for the current initial-sync
//   runs of the two objects (`runs` = "fromRun:toRun"), and where to resume it (a hub record id
//   of the from object: the reconciliation pages through the index by record id).
// - association_touched: records the incremental engine saw change (or a webhook named), per
//   association and role, not handled yet. Written before the records are written, so a pass
//   that stops early leaves them for the next one.
export const migration004: Migration = {
  version: 4,
  name: 'associations',
  up(db) {
    db.exec(`
      CREATE TABLE association_base (
        sync_name    TEXT NOT NULL,
        association  TEXT NOT NULL,
        from_id      TEXT NOT NULL,
        to_id        TEXT NOT NULL,
        PRIMARY KEY (sync_name, association, from_id, to_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX association_base_by_to ON association_base (sync_name, association, to_id);

      CREATE TABLE association_waiting (
        sync_name    TEXT NOT NULL,
        association  TEXT NOT NULL,
        side         TEXT NOT NULL CHECK (side IN ('hub', 'app')),
        from_id      TEXT NOT NULL,
        to_id        TEXT NOT NULL,
        hub_from_id  TEXT NOT NULL,
        since        TEXT NOT NULL,
        PRIMARY KEY (sync_name, association, side, from_id, to_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX association_waiting_by_from ON association_waiting (sync_name, association, hub_from_id);

      CREATE TABLE association_failing (
        sync_name     TEXT NOT NULL,
        association   TEXT NOT NULL,
        side          TEXT NOT NULL CHECK (side IN ('hub', 'app')),
        from_id       TEXT NOT NULL,
        to_id         TEXT NOT NULL,
        hub_from_id   TEXT NOT NULL,
        op            TEXT NOT NULL CHECK (op IN ('add', 'remove')),
        category      TEXT NOT NULL,
        message       TEXT NOT NULL,
        attempts      INTEGER NOT NULL,
        first_failed  TEXT NOT NULL,
        last_failed   TEXT NOT NULL,
        PRIMARY KEY (sync_name, association, side, from_id, to_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX association_failing_by_from ON association_failing (sync_name, association, hub_from_id);

      CREATE TABLE association_checkpoints (
        sync_name     TEXT NOT NULL,
        association   TEXT NOT NULL,
        runs          TEXT NOT NULL,
        done          INTEGER NOT NULL CHECK (done IN (0, 1)),
        resume_after  TEXT NOT NULL,
        started_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL,
        PRIMARY KEY (sync_name, association)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE association_touched (
        sync_name    TEXT NOT NULL,
        association  TEXT NOT NULL,
        role         TEXT NOT NULL CHECK (role IN ('from', 'to')),
        side         TEXT NOT NULL CHECK (side IN ('hub', 'app')),
        record_id    TEXT NOT NULL,
        PRIMARY KEY (sync_name, association, role, side, record_id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
