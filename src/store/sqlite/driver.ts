// The one place that imports better-sqlite3: the rest of the store names only these types.
import BetterSqlite3 from 'better-sqlite3';

/** A better-sqlite3 connection (the engine's index works on it directly). */
export type Database = BetterSqlite3.Database;

/** The slice of a connection that a migration may use: statements only, no transactions of its own. */
export type MigrationDatabase = Pick<Database, 'exec' | 'prepare'>;

/** Opens (creating when absent) the SQLite file at `path`. */
export function openDatabaseFile(path: string): Database {
  return new BetterSqlite3(path);
}

/** A statement taking any parameters, as the state store's modules prepare them. */
export type Statement = BetterSqlite3.Statement<unknown[]>;

/** Every statement of `sql`, prepared once, by the same names. */
export function prepareAll<K extends string>(db: Database, sql: Readonly<Record<K, string>>): Record<K, Statement> {
  const out = {} as Record<K, Statement>;
  for (const name of Object.keys(sql) as K[]) out[name] = db.prepare<unknown[]>(sql[name]);
  return out;
}
