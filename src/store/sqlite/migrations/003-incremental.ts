import type { Migration } from './types.js';

// The incremental engine's state beside the record index (owned by src/engine/incremental).
// Per-sync tables carry `sync_name`, so deleting a sync clears them with its index.
//
// - incremental_cursors: the change-feed position per (sync, object, side), with the
//   initial-sync run it belongs to (a restarted initial sync starts a new feed).
// - incremental_pauses: objects paused by the mass-delete guard, until their next initial sync.
// - incremental_failed: the hash a record had when it ended failing, so re-reading the same
//   version (the poll overlap) does not retry it on every pass; keyed like the index by scope.
// - record_leases: one sync at a time per record of a connection; a crashed holder's lease
//   expires. Keyed by connection, not sync: two syncs sharing an app meet here.
// - record_index_retry: a partial index holding only failing and queued rows, so a retry
//   pass costs what it retries, not the size of the index.
export const migration003: Migration = {
  version: 3,
  name: 'incremental',
  up(db) {
    db.exec(`
      CREATE TABLE incremental_cursors (
        sync_name   TEXT NOT NULL,
        object      TEXT NOT NULL,
        side        TEXT NOT NULL CHECK (side IN ('hub', 'app')),
        run         INTEGER NOT NULL,
        updated_at  TEXT NOT NULL,
        record_id   TEXT NOT NULL,
        saved_at    INTEGER NOT NULL,
        PRIMARY KEY (sync_name, object, side)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE incremental_pauses (
        sync_name  TEXT NOT NULL,
        object     TEXT NOT NULL,
        run        INTEGER NOT NULL,
        detail     TEXT NOT NULL,
        paused_at  TEXT NOT NULL,
        PRIMARY KEY (sync_name, object)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE incremental_failed (
        scope      INTEGER NOT NULL,
        record_id  TEXT NOT NULL,
        hash       TEXT NOT NULL,
        sync_name  TEXT NOT NULL,
        PRIMARY KEY (scope, record_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE record_leases (
        connection  TEXT NOT NULL,
        object      TEXT NOT NULL,
        record_id   TEXT NOT NULL,
        sync_name   TEXT NOT NULL,
        holder      TEXT NOT NULL,
        expires_at  INTEGER NOT NULL,
        PRIMARY KEY (connection, object, record_id)
      ) STRICT, WITHOUT ROWID;

      CREATE INDEX record_index_retry ON record_index (scope, seq) WHERE status IN ('failing', 'in-queue');
    `);
  },
};
