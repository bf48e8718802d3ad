import type { Migration } from './types.js';

// The engine's record index (owned by the engine). Per-sync tables carry a `sync_name TEXT`
// column: deleting a sync clears their rows automatically (identifiers go with their scope).
//
// Sized for millions of rows per object. Each (sync, object, side) gets a small integer
// `scope`, and the big tables are keyed by it instead of by three strings: that halves the
// size of their index entries and the cost of every insert. One narrow row per record, times
// as integers, identifiers in their own WITHOUT ROWID table keyed for lookup by value, and a
// partial index holding only the rows an initial sync has yet to decide. The two big tables are
// neither STRICT nor CHECKed (status is one of the engine's RecordStatus values, side one of
// hub/app): measured, those checks cost a third of every insert, and only the engine writes here.
export const migration002: Migration = {
  version: 2,
  name: 'record-index',
  up(db) {
    db.exec(`
      CREATE TABLE record_scopes (
        -- AUTOINCREMENT: a deleted sync's scope number is never handed to another one.
        scope      INTEGER PRIMARY KEY AUTOINCREMENT,
        sync_name  TEXT NOT NULL,
        object     TEXT NOT NULL,
        side       TEXT NOT NULL CHECK (side IN ('hub', 'app')),
        UNIQUE (sync_name, object, side)
      ) STRICT;

      CREATE TABLE record_index (
        seq             INTEGER PRIMARY KEY,
        scope           INTEGER NOT NULL,
        sync_name       TEXT NOT NULL,
        record_id       TEXT NOT NULL,
        run             INTEGER NOT NULL,
        status          TEXT NOT NULL,
        category        TEXT,
        reason          TEXT,
        message         TEXT,
        duplicate_side  TEXT,
        duplicate_of    TEXT,
        partner_id      TEXT,
        hash            TEXT NOT NULL,
        vals            TEXT NOT NULL,
        idents          TEXT NOT NULL,
        flags           INTEGER NOT NULL,
        first_seen      INTEGER NOT NULL,
        last_synced     INTEGER,
        last_changed    TEXT
      );
      CREATE UNIQUE INDEX record_index_by_id ON record_index (scope, record_id);
      CREATE INDEX record_index_pending ON record_index (scope, seq) WHERE status = 'pending';

      -- Only the lookup key: the record is found by seq. Millions of entries land here at random
      -- places (by value), so every byte per entry is cache the inserts do not get; for the same
      -- reason it has no sync_name, and goes with its scope instead (trigger below).
      CREATE TABLE record_identifiers (
        scope      INTEGER NOT NULL,
        prop       INTEGER NOT NULL,
        value      TEXT NOT NULL,
        seq        INTEGER NOT NULL,
        PRIMARY KEY (scope, prop, value, seq)
      ) WITHOUT ROWID;
      CREATE TRIGGER record_scopes_drop_identifiers AFTER DELETE ON record_scopes BEGIN
        DELETE FROM record_identifiers WHERE scope = old.scope;
      END;

      -- Work an initial-sync phase leaves for its end (RecordIndex.settle): rewrites of rows that
      -- lie scattered over the index (the partners a page matched), applied then in seq order,
      -- and new rows whose identifiers are still to be indexed. Appending to a heap costs the
      -- same at any size; rewriting scattered rows page by page would rewrite most of the index
      -- every page. Columns as in record_index; status NULL: only index the identifiers.
      CREATE TABLE record_deferred (
        scope              INTEGER NOT NULL,
        sync_name          TEXT NOT NULL,
        seq                INTEGER NOT NULL,
        record_id          TEXT NOT NULL,
        index_identifiers  INTEGER NOT NULL,
        run                INTEGER,
        status             TEXT,
        category           TEXT,
        reason             TEXT,
        message            TEXT,
        duplicate_side     TEXT,
        duplicate_of       TEXT,
        partner_id         TEXT,
        last_synced        INTEGER,
        hash               TEXT,
        vals               TEXT,
        idents             TEXT,
        flags              INTEGER,
        last_changed       TEXT
      );

      -- Creates announced before they are sent, one row per batch (a page's creates).
      CREATE TABLE record_intents (
        sync_name    TEXT NOT NULL,
        object       TEXT NOT NULL,
        target_side  TEXT NOT NULL CHECK (target_side IN ('hub', 'app')),
        batch        TEXT NOT NULL,
        intents      TEXT NOT NULL,
        created_at   INTEGER NOT NULL,
        PRIMARY KEY (sync_name, object, target_side, batch)
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
