import type { Migration } from './types.js';

// The engine's record index (owned by the engine). Per-sync tables carry a `sync_name TEXT`
// column: deleting a sync clears their rows automatically.
//
// Sized for millions of rows per object: one narrow row per record, times as integers, the
// identifiers in their own WITHOUT ROWID table keyed for lookup by value, and a partial index
// that holds only the rows an initial sync has yet to decide.
export const migration002: Migration = {
  version: 2,
  name: 'record-index',
  up(db) {
    db.exec(`
      CREATE TABLE record_index (
        seq             INTEGER PRIMARY KEY,
        sync_name       TEXT NOT NULL,
        object          TEXT NOT NULL,
        side            TEXT NOT NULL CHECK (side IN ('hub', 'app')),
        record_id       TEXT NOT NULL,
        run             INTEGER NOT NULL,
        status          TEXT NOT NULL CHECK (status IN ('pending', 'in-sync', 'failing', 'excluded', 'in-queue', 'skipped')),
        category        TEXT,
        reason          TEXT,
        message         TEXT,
        duplicate_side  TEXT CHECK (duplicate_side IS NULL OR duplicate_side IN ('hub', 'app')),
        duplicate_of    TEXT,
        partner_id      TEXT,
        hash            TEXT NOT NULL,
        vals            TEXT NOT NULL,
        idents          TEXT NOT NULL,
        flags           INTEGER NOT NULL,
        first_seen      INTEGER NOT NULL,
        last_synced     INTEGER,
        last_changed    TEXT
      ) STRICT;
      CREATE UNIQUE INDEX record_index_by_id ON record_index (sync_name, object, side, record_id);
      CREATE INDEX record_index_pending ON record_index (sync_name, object, side, seq) WHERE status = 'pending';

      CREATE TABLE record_identifiers (
        sync_name  TEXT NOT NULL,
        object     TEXT NOT NULL,
        side       TEXT NOT NULL,
        prop       INTEGER NOT NULL,
        value      TEXT NOT NULL,
        seq        INTEGER NOT NULL,
        record_id  TEXT NOT NULL,
        PRIMARY KEY (sync_name, object, side, prop, value, seq)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE record_intents (
        sync_name    TEXT NOT NULL,
        object       TEXT NOT NULL,
        target_side  TEXT NOT NULL CHECK (target_side IN ('hub', 'app')),
        source_id    TEXT NOT NULL,
        run          INTEGER NOT NULL,
        keys         TEXT NOT NULL,
        fields       TEXT NOT NULL,
        hash         TEXT NOT NULL,
        created_at   INTEGER NOT NULL,
        PRIMARY KEY (sync_name, object, target_side, source_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE record_checkpoints (
        sync_name        TEXT NOT NULL,
        object           TEXT NOT NULL,
        run              INTEGER NOT NULL,
        definition_hash  TEXT NOT NULL,
        phase            TEXT NOT NULL CHECK (phase IN ('index-hub', 'sync-app', 'sync-hub', 'done')),
        cursor           TEXT,
        counts           TEXT NOT NULL,
        started_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL,
        PRIMARY KEY (sync_name, object)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
