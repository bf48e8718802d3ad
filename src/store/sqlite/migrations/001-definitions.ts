import type { Migration } from './types.js';

// Definitions are stored as canonical JSON exactly as the config layer normalised them:
// `${env:X}` references stay references, so no resolved secret ever reaches this file.
const LIFECYCLES = "'pending-initial-sync', 'initial-sync', 'incremental', 'off', 'orphaned', 'failed'";

/** Applied connections and syncs, the revision counter, the apply history and the apply lock. */
export const migration001: Migration = {
  version: 1,
  name: 'definitions',
  up(db) {
    db.exec(`
      CREATE TABLE connections (
        name        TEXT PRIMARY KEY,
        connector   TEXT NOT NULL,
        hash        TEXT NOT NULL,
        definition  TEXT NOT NULL CHECK (json_valid(definition)),
        applied_at  TEXT NOT NULL,
        applied_by  TEXT NOT NULL
      ) STRICT;

      CREATE TABLE syncs (
        name        TEXT PRIMARY KEY,
        hub         TEXT NOT NULL,
        app         TEXT NOT NULL,
        hash        TEXT NOT NULL,
        definition  TEXT NOT NULL CHECK (json_valid(definition)),
        lifecycle   TEXT NOT NULL CHECK (lifecycle IN (${LIFECYCLES})),
        restart     TEXT CHECK (restart IS NULL OR json_valid(restart)),
        detail      TEXT,
        generation  INTEGER NOT NULL CHECK (generation >= 1),
        applied_at  TEXT NOT NULL,
        applied_by  TEXT NOT NULL
      ) STRICT;

      CREATE TABLE state_revision (
        id          INTEGER PRIMARY KEY CHECK (id = 1),
        revision    INTEGER NOT NULL,
        changed_at  TEXT
      ) STRICT;
      INSERT INTO state_revision (id, revision, changed_at) VALUES (1, 0, NULL);

      CREATE TABLE apply_history (
        id               INTEGER PRIMARY KEY AUTOINCREMENT,
        revision         INTEGER NOT NULL,
        at               TEXT NOT NULL,
        actor            TEXT NOT NULL,
        step             TEXT NOT NULL CHECK (step IN ('create', 'change', 'turn-off', 'turn-on', 'orphan', 'delete', 'lifecycle')),
        resource         TEXT NOT NULL CHECK (resource IN ('connection', 'sync')),
        name             TEXT NOT NULL,
        hash_before      TEXT,
        hash_after       TEXT,
        lifecycle_before TEXT,
        lifecycle_after  TEXT,
        detail           TEXT
      ) STRICT;
      CREATE INDEX apply_history_by_name ON apply_history (resource, name, id);

      CREATE TABLE apply_lock (
        id            INTEGER PRIMARY KEY CHECK (id = 1),
        token         TEXT NOT NULL,
        pid           INTEGER NOT NULL,
        host          TEXT NOT NULL,
        user          TEXT NOT NULL,
        command       TEXT NOT NULL,
        acquired_at   TEXT NOT NULL,
        refreshed_at  TEXT NOT NULL
      ) STRICT;
    `);
  },
};
