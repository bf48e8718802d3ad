import { SyncctlError } from '../../errors/syncctl-error.js';
import { isLockedError, stateLockedError } from './state-errors.js';
import type { Database } from './driver.js';
import type { Migration } from './migrations/types.js';

/**
 * Brings the database at `location` up to the newest of `migrations`, one transaction per
 * migration, and returns the resulting schema version. Safe when several processes open the
 * same file at once: each migration re-checks, under the write lock, whether it already ran.
 */
export function migrate(db: Database, migrations: readonly Migration[], location: string, now: () => Date): number {
  checkList(migrations);
  const latest = migrations.at(-1)?.version ?? 0;
  const tables = refuseForeignDatabase(db, location);
  // Up to date (the everyday case): nothing to write, so no write lock to wait for. Read-only
  // commands then work while another process holds the state's write lock.
  if (tables.includes('schema_migrations')) {
    refuseNewer(db, latest, location);
    const applied = new Set(db.prepare<[], { version: number }>('SELECT version FROM schema_migrations').all().map((r) => r.version));
    if (migrations.every((m) => applied.has(m.version))) return currentVersion(db);
  }
  try {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at TEXT NOT NULL
    ) STRICT`);
  } catch (cause) {
    if (isLockedError(cause)) throw stateLockedError(location, cause);
    throw cause;
  }
  refuseNewer(db, latest, location);

  const isApplied = db.prepare<[number], { version: number }>('SELECT version FROM schema_migrations WHERE version = ?');
  const record = db.prepare<[number, string, string]>('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of migrations) {
    const run = db.transaction(() => {
      if (isApplied.get(migration.version)) return;
      migration.up(db);
      record.run(migration.version, migration.name, now().toISOString());
    });
    try {
      run.immediate();
    } catch (cause) {
      if (isLockedError(cause)) throw stateLockedError(location, cause);
      throw new SyncctlError(
        'migration_failed',
        `Could not upgrade the state at ${location} to version ${migration.version} (${migration.name}); nothing of that step was kept.`,
        { hint: 'Check that the file is writable and not damaged; the message below says what SQLite refused.', meta: { location, version: migration.version }, cause },
      );
    }
  }
  return currentVersion(db);
}

/** The highest migration version recorded in the database (0 when none). */
export function currentVersion(db: Database): number {
  const row = db.prepare<[], { version: number | null }>('SELECT max(version) AS version FROM schema_migrations').get();
  return row?.version ?? 0;
}

function refuseNewer(db: Database, latest: number, location: string): void {
  const version = currentVersion(db);
  if (version <= latest) return;
  throw new SyncctlError(
    'state_too_new',
    `The state at ${location} was written by a newer syncctl (schema version ${version}; this syncctl knows up to ${latest}).`,
    {
      hint: 'Upgrade syncctl to the version that last wrote this state, or point --state at another file. Older syncctl never rewrites a newer state.',
      meta: { location, version, supported: latest },
    },
  );
}

/** The database's tables; refuses a database with tables that is not a syncctl state. */
function refuseForeignDatabase(db: Database, location: string): string[] {
  // A --state that points at someone's own database must not get our tables added to it.
  const tables = db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .all()
    .map((row) => row.name);
  if (tables.length === 0 || tables.includes('schema_migrations')) return tables;
  throw new SyncctlError('state_not_syncctl', `${location} is an SQLite database, but not a syncctl state store (it has tables such as ${tables.slice(0, 3).join(', ')}).`, {
    hint: 'Point --state or SYNCCTL_STATE at a new or existing syncctl state file, e.g. ./.syncctl/state.db.',
    meta: { location },
  });
}

function checkList(migrations: readonly Migration[]): void {
  let previous = 0;
  for (const migration of migrations) {
    if (!Number.isInteger(migration.version) || migration.version <= previous) {
      throw new SyncctlError('migration_list_invalid', `Migration ${migration.name} has version ${migration.version}, which is not above ${previous}.`, {
        hint: 'Migration versions are integers that strictly increase down the list in src/store/sqlite/migrations/index.ts.',
      });
    }
    previous = migration.version;
  }
}
