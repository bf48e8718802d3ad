// The state store's public face. The SQLite backend lives in ./sqlite; a PostgreSQL one would
// sit beside it behind the same StateStore interface.
//
// The store never sees resolved secrets: definitions arrive with `${env:NAME}` references as
// written, and a definition holding a registered secret value is refused (`secret_in_state`).
export type {
  AppliedConnection,
  AppliedState,
  AppliedSync,
  ApplyLock,
  CommitOptions,
  HeldLock,
  HistoryEntry,
  HistoryStep,
  Lifecycle,
  LockHolder,
  StateStore,
  StoreWrite,
} from './types.js';
export { currentStateFromApplied } from './current-state.js';
export { openStateStore, type OpenStateStoreOptions } from './sqlite/open.js';
export { SqliteStateStore, DEFAULT_LOCK_TTL_MS, type SqliteStateStoreOptions } from './sqlite/sqlite-state-store.js';
export type { LockStatus } from './sqlite/apply-lock.js';
export { DEFAULT_STATE_PATH, chooseStatePath, resolveStatePath } from './sqlite/state-path.js';
export { perSyncTables } from './sqlite/commit.js';
export { MIGRATIONS } from './sqlite/migrations/index.js';
export type { Migration } from './sqlite/migrations/types.js';
export type { Database, MigrationDatabase } from './sqlite/driver.js';
