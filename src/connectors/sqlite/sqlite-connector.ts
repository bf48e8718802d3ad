// A user's own SQLite database as an app: each object is a table. The file is opened on
// first use (building a connector for `plan` touches nothing), read-write, never created,
// and its journal mode is left as the user set it.
import { existsSync, statSync } from 'node:fs';
import { SyncctlError } from '../../errors/syncctl-error.js';
import type { SqliteConnectionOptions } from '../../config/types.generated.js';
import type {
  ChangeCursor,
  ChangePage,
  ChangesOptions,
  Connector,
  ConnectorContext,
  CreateInput,
  ListOptions,
  ObjectDescription,
  Page,
  RemoteRecord,
  UpdateInput,
  WriteResult,
} from '../types.js';
import { SqliteAssociations } from './associations.js';
import { isSqliteFailure, openExistingDatabase, quoteIdent, type SqliteDb, type SqliteStatement } from './driver.js';
import { changePages, listPages, readRecords } from './reader.js';
import { loadTableInfo, refreshUpdatedAtFormat, type TableInfo } from './table-info.js';
import { DEFAULT_WATCH_TIMINGS, type WatchTimings, watchDataVersion } from './watch.js';
import { createRecords, updateRecords, type WriteContext } from './writer.js';

/** How long a statement waits for another connection's lock before SQLITE_BUSY. */
export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

const MAX_CACHED_STATEMENTS = 256;

/** Settings that are not connection options (tests shorten the busy timeout). */
export interface SqliteConnectorSettings {
  busyTimeoutMs?: number;
  /** How watch() polls the file (tests shorten it). */
  watch?: Partial<WatchTimings>;
}

/** The SQLite connector: one database file, one table per object. */
export class SqliteConnector implements Connector {
  /** Absolute path of the database file. */
  readonly file: string;
  private readonly busyTimeoutMs: number;
  private readonly watchTimings: WatchTimings;
  private database: SqliteDb | undefined;
  private closed = false;
  private readonly tables = new Map<string, TableInfo>();
  private readonly statements = new Map<string, SqliteStatement>();
  /** Link tables of the connection's `associations` option or by convention (see link-tables.ts). */
  readonly associations: SqliteAssociations;

  constructor(
    private readonly options: SqliteConnectionOptions,
    private readonly context: ConnectorContext,
    file: string,
    settings: SqliteConnectorSettings = {},
  ) {
    this.file = file;
    this.busyTimeoutMs = settings.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
    this.watchTimings = { ...DEFAULT_WATCH_TIMINGS, ...settings.watch };
    this.associations = new SqliteAssociations({
      db: () => this.db(),
      statement: (sql) => this.statementSource(sql),
      context: { connection: context.connection, file },
      busyTimeoutMs: this.busyTimeoutMs,
      options: options.associations ?? {},
      readError: (err) => this.readError(err),
    });
  }

  /** Fields, their types and the object's identifiers (single-column UNIQUE constraints). */
  async describe(object: string): Promise<ObjectDescription> {
    const info = this.table(object);
    return {
      object,
      fields: info.columns.map((c) => ({
        name: c.property,
        type: c.kind.type,
        readOnly: c.readOnly,
        ...(c.options ? { options: [...c.options] } : {}),
      })),
      identifiers: [...info.identifiers],
      ...(info.unsupported.size > 0
        ? { unsupported: Object.fromEntries([...info.unsupported].map(([property, type]) => [property, `its column's type ${type} is not one syncctl syncs (text, numbers, booleans, dates)`])) }
        : {}),
    };
  }

  /** Every record by ascending id, page by page (keyset pagination; cursor = last id). */
  async *list(object: string, options: ListOptions): AsyncIterable<Page> {
    yield* this.guarded(() => listPages(this.statementSource, this.table(object), options));
  }

  /** The records with these ids, in the order asked for; missing ids are left out. */
  async read(object: string, ids: readonly string[], properties?: readonly string[]): Promise<RemoteRecord[]> {
    try {
      return readRecords(this.statementSource, this.table(object), ids, properties);
    } catch (err) {
      throw this.readError(err);
    }
  }

  /** Creates records in one transaction, each in its own savepoint; results in input order. */
  async create(object: string, inputs: readonly CreateInput[]): Promise<WriteResult[]> {
    if (inputs.length === 0) return [];
    return createRecords(this.writeContext(), this.table(object), inputs);
  }

  /** Updates records in one transaction, each in its own savepoint; results in input order. */
  async update(object: string, inputs: readonly UpdateInput[]): Promise<WriteResult[]> {
    if (inputs.length === 0) return [];
    return updateRecords(this.writeContext(), this.table(object), inputs);
  }

  /** Records changed after `since` (minus the overlap) in (updatedAt, id) order. */
  async *changes(object: string, since: ChangeCursor | undefined, options: ChangesOptions): AsyncIterable<ChangePage> {
    yield* this.guarded(() => changePages(this.statementSource, this.table(object, true), since, options));
  }

  /**
   * CREATE INDEX statements that make `changes` cheap on this object's table, for the user to
   * run: syncctl never changes the schema of a database it does not own. Empty when present.
   */
  async recommendedIndexes(object: string): Promise<string[]> {
    const info = this.table(object);
    const db = this.db();
    const indexes = db.prepare(`PRAGMA index_list(${quoteIdent(info.table)})`).all() as { name: string }[];
    // Every index of a rowid table ends in the rowid, so (updated_at) alone serves an INTEGER PRIMARY KEY.
    const wanted = info.idStrategy === 'rowid' ? [info.updatedAt.column] : [info.updatedAt.column, info.id.column];
    const covered = indexes.some((index) => {
      const cols = (db.prepare(`PRAGMA index_info(${quoteIdent(index.name)})`).all() as { name: string | null }[]).map((c) => c.name?.toLowerCase());
      return wanted.every((w, i) => cols[i] === w.toLowerCase());
    });
    if (covered) return [];
    const name = `${info.table}_${info.updatedAt.column}_${info.id.column}_idx`;
    return [`CREATE INDEX IF NOT EXISTS ${quoteIdent(name)} ON ${quoteIdent(info.table)} (${quoteIdent(info.updatedAt.column)}, ${quoteIdent(info.id.column)});`];
  }

  /**
   * Calls `onChange(object)` for each of `objects` when another connection or process commits
   * to the file (see watch.ts); the connector's own writes do not fire it. Opens the file now,
   * so a missing file fails here. Returns the unsubscribe; close() ends it too.
   */
  watch(objects: readonly string[], onChange: (object: string) => void): () => void {
    const db = this.db();
    return watchDataVersion(() => (this.closed || this.database !== db ? undefined : (db.pragma('data_version', { simple: true }) as number)), objects, onChange, this.watchTimings);
  }

  /** Closes the database file; later calls fail with `connector_closed`. */
  async close(): Promise<void> {
    this.closed = true;
    this.statements.clear();
    this.tables.clear();
    this.database?.close();
    this.database = undefined;
  }

  // Every cached statement returns rows (SELECT or RETURNING), as raw arrays with exact 64-bit integers.
  private readonly statementSource = (sql: string): SqliteStatement => {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db().prepare(sql).safeIntegers(true).raw(true);
      // Bounded: a long-running runner must not grow one statement per distinct batch shape forever.
      if (this.statements.size >= MAX_CACHED_STATEMENTS) {
        const oldest = this.statements.keys().next().value;
        if (oldest !== undefined) this.statements.delete(oldest);
      }
      this.statements.set(sql, statement);
    }
    return statement;
  };

  /** Runs a paged read; SQLite's own errors come out as SyncctlErrors (see readError). */
  private *guarded<T>(read: () => Iterable<T>): Generator<T> {
    try {
      yield* read();
    } catch (err) {
      throw this.readError(err);
    }
  }

  /**
   * A SQLite error during a read as a SyncctlError naming the connection and file; a lock
   * held past busy_timeout is `app_unavailable` (retryable). Other errors pass unchanged.
   */
  private readError(err: unknown): unknown {
    if (!isSqliteFailure(err)) return err;
    const busy = /^SQLITE_(BUSY|LOCKED)/.test(err.code);
    return new SyncctlError(busy ? 'app_unavailable' : 'sqlite_error', `connection "${this.context.connection}": reading ${this.file} failed: ${err.message}`, {
      hint: busy ? 'Another program holds a lock on the database; try again when it is done.' : 'Check that the file is a healthy SQLite database (sqlite3 FILE "PRAGMA integrity_check").',
      meta: { connection: this.context.connection, file: this.file, sqliteCode: err.code, retryable: busy },
      cause: err,
    });
  }

  private writeContext(): WriteContext {
    return { db: this.db(), statement: this.statementSource, file: this.file, busyTimeoutMs: this.busyTimeoutMs };
  }

  private table(object: string, forChanges = false): TableInfo {
    let info = this.tables.get(object);
    if (!info) {
      info = loadTableInfo(this.db(), { connection: this.context.connection, file: this.file }, object, this.options.objects?.[object]);
    } else if (forChanges) {
      info = refreshUpdatedAtFormat(this.db(), info);
    }
    this.tables.set(object, info);
    return info;
  }

  private db(): SqliteDb {
    if (this.closed) {
      throw new SyncctlError('connector_closed', `connection "${this.context.connection}": the SQLite connector for ${this.file} was closed.`);
    }
    this.database ??= this.open();
    return this.database;
  }

  private open(): SqliteDb {
    const meta = { connection: this.context.connection, file: this.file };
    if (!existsSync(this.file)) {
      throw new SyncctlError('sqlite_file_missing', `connection "${this.context.connection}": database file ${this.file} does not exist.`, {
        hint: `Check options.path (relative to ${this.context.baseDir}); syncctl never creates a database of yours.`,
        meta,
      });
    }
    if (statSync(this.file).isDirectory()) {
      throw new SyncctlError('sqlite_open_failed', `connection "${this.context.connection}": ${this.file} is a directory, not a SQLite database file.`, {
        hint: 'Point options.path at the database file itself.',
        meta,
      });
    }
    let db: SqliteDb | undefined;
    try {
      db = openExistingDatabase(this.file, this.busyTimeoutMs);
      // Reading the schema is the first access: a file that is not a database fails here, not later.
      db.prepare('SELECT count(*) FROM sqlite_schema').get();
      return db;
    } catch (err) {
      db?.close();
      const notDb = isSqliteFailure(err) && err.code === 'SQLITE_NOTADB';
      throw new SyncctlError(notDb ? 'sqlite_not_a_database' : 'sqlite_open_failed', `connection "${this.context.connection}": ${this.file} ${notDb ? 'is not a SQLite database' : 'could not be opened'}${err instanceof Error ? `: ${err.message}` : ''}.`, {
        hint: notDb ? 'Point options.path at a SQLite database file.' : 'Check that the file is readable and not locked exclusively by another program.',
        meta,
        cause: err,
      });
    }
  }
}
