import { SyncctlError } from '../../errors/syncctl-error.js';
import { DAMAGED_STATE_HINT } from './state-errors.js';
import { type Database, openDatabaseFile } from './driver.js';
import { migrate } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';
import type { Migration } from './migrations/types.js';
import { ensureParentDirectory } from './state-path.js';
import { SqliteStateStore, type SqliteStateStoreOptions } from './sqlite-state-store.js';

/** How long a statement waits for another process's write transaction before giving up. */
const BUSY_TIMEOUT_MS = 5000;

export interface OpenStateStoreOptions extends SqliteStateStoreOptions {
  /** The migrations to bring the file up to (tests; default the released list). */
  migrations?: readonly Migration[];
}

/** Opens (creating and migrating when needed) the state store at `path`. */
export async function openStateStore(path: string, options: OpenStateStoreOptions = {}): Promise<SqliteStateStore> {
  ensureParentDirectory(path);
  let db: Database;
  try {
    db = openDatabaseFile(path);
  } catch (cause) {
    throw unusable(path, cause);
  }
  try {
    configure(db);
    migrate(db, options.migrations ?? MIGRATIONS, path, options.now ?? (() => new Date()));
  } catch (cause) {
    db.close();
    throw cause instanceof SyncctlError ? cause : unusable(path, cause);
  }
  return new SqliteStateStore(db, path, options);
}

function configure(db: Database): void {
  // busy_timeout first: switching to WAL itself may wait for another process.
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('journal_mode = WAL');
  // NORMAL is durable in WAL mode except for the last transactions on power loss, never corrupting.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
}

function unusable(path: string, cause: unknown): SyncctlError {
  const code = (cause as { code?: unknown } | null)?.code;
  const notDb = code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT';
  return new SyncctlError(
    notDb ? 'state_unreadable' : 'state_unavailable',
    notDb ? `${path} is not a syncctl state database (SQLite cannot read it).` : `Cannot open the state database ${path}.`,
    {
      hint: notDb
        ? `If it is the state syncctl made here: ${DAMAGED_STATE_HINT} Otherwise point --state or SYNCCTL_STATE at the state file.`
        : 'Check that the file and its directory are readable and writable, or choose another location with --state PATH.',
      meta: { location: path },
      cause,
    },
  );
}
