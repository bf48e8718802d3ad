// The one place the SQLite connector imports better-sqlite3: the rest of the folder names
// only these types, so the client library can be swapped or upgraded in one file.
import BetterSqlite3 from 'better-sqlite3';

export type SqliteDb = BetterSqlite3.Database;
export type SqliteStatement = BetterSqlite3.Statement<unknown[], unknown>;

/** A value better-sqlite3 binds to a `?` parameter. */
export type SqlValue = string | number | bigint | null;

/**
 * Opens an existing database file read-write. `fileMustExist` makes SQLite refuse to create
 * a missing file: a user's database is theirs, a typo in a path must not make an empty one.
 */
export function openExistingDatabase(file: string, busyTimeoutMs: number): SqliteDb {
  return new BetterSqlite3(file, { fileMustExist: true, timeout: busyTimeoutMs });
}

/** An error raised by SQLite itself, with its extended result code (e.g. SQLITE_CONSTRAINT_UNIQUE). */
export interface SqliteFailure {
  code: string;
  message: string;
}

/** True when `err` came from SQLite (better-sqlite3's SqliteError). */
export function isSqliteFailure(err: unknown): err is SqliteFailure {
  return err instanceof BetterSqlite3.SqliteError;
}

/** Quotes an identifier for SQL ("" doubled inside), so any table or column name is safe. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
