// Associations of a SQLite app: rows of a link table (see link-tables.ts for where it is
// found). Reads are batched IN queries grouped by (from, to), so duplicate rows count once;
// writes are one IMMEDIATE transaction per batch with a savepoint per edge, like record
// writes, and touch only the link table (no record's updated-at moves).
import { SyncctlError } from '../../errors/syncctl-error.js';
import type { SqliteAssociationOptions } from '../../config/types.generated.js';
import type { AssociationEdge, AssociationEnds, AssociationKind, AssociationPage, AssociationsApi, AssociationWriteResult } from '../types.js';
import { isSqliteFailure, quoteIdent, type SqlValue, type SqliteDb, type SqliteFailure, type SqliteStatement } from './driver.js';
import { associationKey, conventionalColumns, resolveLinkTable, type LinkTable } from './link-tables.js';
import { CHUNK_SIZES, MAX_IDS_PER_STATEMENT, checkPageSize } from './reader.js';
import { bindIdValue, type TableContext } from './table-info.js';
import { classifyBatchError, isBatchFatal } from './write-errors.js';

/** What the associations need from their connector. */
export interface AssociationsHost {
  db(): SqliteDb;
  /** A cached statement returning raw rows with 64-bit-safe integers (SELECT or RETURNING only). */
  statement(sql: string): SqliteStatement;
  context: TableContext;
  busyTimeoutMs: number;
  /** The connection's `associations` option. */
  options: Readonly<Record<string, SqliteAssociationOptions | undefined>>;
  /** A SQLite error during a read as the connector reports it. */
  readError(err: unknown): unknown;
}

type Failure = Extract<AssociationWriteResult, { ok: false }>;

/** Carries an already classified failure out of its savepoint, so the savepoint is undone. */
class EdgeFailure extends Error {
  constructor(readonly result: Failure) {
    super('association failed');
  }
}

/** An id as the engine sees it: integers and text as strings; blobs and NULLs are no id. */
function idText(value: unknown): string | undefined {
  return typeof value === 'bigint' || typeof value === 'number' || typeof value === 'string' ? String(value) : undefined;
}

/** Raw end values of the last edge of a page, as a resumable cursor (their SQLite types kept). */
function encodeCursor(from: unknown, to: unknown): string {
  const raw = (v: unknown): unknown => (typeof v === 'bigint' ? { i: v.toString() } : v);
  return JSON.stringify([raw(from), raw(to)]);
}

function decodeCursor(cursor: string): [SqlValue, SqlValue] {
  const value = (v: unknown): SqlValue | undefined => {
    if (typeof v === 'string' || typeof v === 'number') return v;
    const i = (v as { i?: unknown } | null)?.i;
    return typeof i === 'string' && /^-?\d{1,19}$/.test(i) ? BigInt(i) : undefined;
  };
  try {
    const parsed = JSON.parse(cursor) as unknown;
    if (Array.isArray(parsed) && parsed.length === 2) {
      const from = value(parsed[0]);
      const to = value(parsed[1]);
      if (from !== undefined && to !== undefined) return [from, to];
    }
  } catch {
    // Reported below.
  }
  throw new SyncctlError('invalid_association_cursor', 'association scan cursor is not one this connector returned.', {
    hint: 'Pass the nextCursor of a previous scan page unchanged, or no cursor to start from the beginning.',
  });
}

/** The failure of one edge from the SQLite error its statement raised. */
function classifyEdgeError(err: SqliteFailure, link: LinkTable): Failure {
  const code = err.code;
  const what = `table ${link.table} refused the ${link.kind.from}→${link.kind.to} association`;
  if (code === 'SQLITE_CONSTRAINT_NOTNULL') {
    return { ok: false, category: 'missing_required_field', retryable: false, message: `${what}: ${err.message} (syncctl fills only the two id columns and the primary flag; give other columns a DEFAULT).` };
  }
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return { ok: false, category: 'conflict_at_app', retryable: false, message: `${what}: another row already holds the same unique values: ${err.message}` };
  }
  if (code === 'SQLITE_CONSTRAINT_CHECK' || code === 'SQLITE_CONSTRAINT_DATATYPE' || code === 'SQLITE_MISMATCH' || code === 'SQLITE_TOOBIG') {
    return { ok: false, category: 'invalid_value', retryable: false, message: `${what}: ${err.message}` };
  }
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return { ok: false, category: 'not_found', retryable: false, message: `${what}: one of its records does not exist: ${err.message}` };
  }
  if (code.startsWith('SQLITE_CONSTRAINT')) {
    // Triggers (RAISE) and other app-side rules.
    return { ok: false, category: 'conflict_at_app', retryable: false, message: `${what}: ${err.message}` };
  }
  return { ok: false, category: 'unknown', retryable: false, message: err.message };
}

/** The associations API of one SQLite connector. */
export class SqliteAssociations implements AssociationsApi {
  private readonly links = new Map<string, LinkTable>();

  constructor(private readonly host: AssociationsHost) {}

  /** True when an option or the convention names a link table for `kind` (either direction). */
  supports(kind: AssociationKind): boolean {
    return this.find(kind) !== undefined;
  }

  /** Every edge of each of `fromIds`, duplicate rows counted once. */
  async read(kind: AssociationKind, fromIds: readonly string[]): Promise<AssociationEdge[]> {
    return this.readBy(kind, 'from', fromIds);
  }

  /** Every edge pointing at each of `toIds`, in the kind's direction. */
  async readReverse(kind: AssociationKind, toIds: readonly string[]): Promise<AssociationEdge[]> {
    return this.readBy(kind, 'to', toIds);
  }

  /**
   * Adds edges (a row where there is none); `primary: true` first clears the flag on the from
   * record's other rows. Without a primary flag the flag asked for is ignored.
   */
  async add(kind: AssociationKind, edges: readonly AssociationEdge[]): Promise<AssociationWriteResult[]> {
    if (edges.length === 0) return [];
    const link = this.require(kind);
    const t = quoteIdent(link.table);
    const f = quoteIdent(link.fromColumn);
    const to = quoteIdent(link.toColumn);
    return this.writeBatch(link, edges.length, (i) => {
      const edge = edges[i];
      if (!edge) throw new Error('unreachable: one edge per index');
      const ends = this.bindEnds(link, edge);
      const p = link.primaryColumn === undefined ? undefined : quoteIdent(link.primaryColumn);
      if (p === undefined) {
        const present = this.host.statement(`SELECT 1 FROM ${t} WHERE ${f} = ? AND ${to} = ? LIMIT 1`).all(...ends);
        if (present.length > 0) return;
        // A table kept for the other direction: its own flag (the to record's primary) starts unset.
        const other = link.otherPrimaryColumn === undefined ? '' : `, ${quoteIdent(link.otherPrimaryColumn)}`;
        this.host.statement(`INSERT INTO ${t} (${f}, ${to}${other}) VALUES (?, ?${other === '' ? '' : ', 0'}) RETURNING 1`).all(...ends);
        return;
      }
      const want = edge.primary ? 1 : 0;
      if (edge.primary) this.host.statement(`UPDATE ${t} SET ${p} = 0 WHERE ${f} = ? AND ${to} <> ? AND ${p} <> 0 RETURNING 1`).all(...ends);
      const flags = (this.host.statement(`SELECT COALESCE(${p}, 0) <> 0 FROM ${t} WHERE ${f} = ? AND ${to} = ?`).all(...ends) as unknown[][]).map((row) => Number(row[0]));
      if (flags.length === 0) {
        this.host.statement(`INSERT INTO ${t} (${f}, ${to}, ${p}) VALUES (?, ?, ?) RETURNING 1`).all(...ends, want);
      } else if (flags.some((flag) => flag !== want)) {
        this.host.statement(`UPDATE ${t} SET ${p} = ? WHERE ${f} = ? AND ${to} = ? RETURNING 1`).all(want, ...ends);
      }
    });
  }

  /** Deletes the rows linking each pair; absent edges succeed. */
  async remove(kind: AssociationKind, ends: readonly AssociationEnds[]): Promise<AssociationWriteResult[]> {
    if (ends.length === 0) return [];
    const link = this.require(kind);
    const sql = `DELETE FROM ${quoteIdent(link.table)} WHERE ${quoteIdent(link.fromColumn)} = ? AND ${quoteIdent(link.toColumn)} = ? RETURNING 1`;
    return this.writeBatch(link, ends.length, (i) => {
      const edge = ends[i];
      if (!edge) throw new Error('unreachable: one edge per index');
      this.host.statement(sql).all(...this.bindEnds(link, edge));
    });
  }

  /**
   * Every edge of the kind in (from, to) order, `pageSize` at a time; each page is its own
   * keyset query, so the caller may write to the file between pages.
   */
  async *scan(kind: AssociationKind, options: { cursor?: string; pageSize: number }): AsyncIterable<AssociationPage> {
    const size = checkPageSize(options.pageSize);
    const link = this.require(kind);
    const f = quoteIdent(link.fromColumn);
    const to = quoteIdent(link.toColumn);
    const select = this.selectSql(link);
    const first = `${select} ${this.usable(link)} GROUP BY ${f}, ${to} ORDER BY ${f}, ${to} LIMIT ?`;
    const next = `${select} ${this.usable(link)} AND (${f}, ${to}) > (?, ?) GROUP BY ${f}, ${to} ORDER BY ${f}, ${to} LIMIT ?`;
    let after = options.cursor === undefined ? undefined : decodeCursor(options.cursor);
    for (;;) {
      let rows: unknown[][];
      try {
        // One row more than a page tells whether another page follows.
        rows = (after === undefined ? this.host.statement(first).all(size + 1) : this.host.statement(next).all(...after, size + 1)) as unknown[][];
      } catch (err) {
        throw this.host.readError(err);
      }
      const more = rows.length > size;
      const page = rows.slice(0, size);
      const edges = page.flatMap((row) => this.edgeOf(row));
      const last = page[page.length - 1];
      if (!more || last === undefined) {
        yield { edges };
        return;
      }
      after = [last[0] as SqlValue, last[1] as SqlValue];
      yield { edges, nextCursor: encodeCursor(last[0], last[1]) };
    }
  }

  private readBy(kind: AssociationKind, side: 'from' | 'to', ids: readonly string[]): AssociationEdge[] {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const link = this.require(kind);
    const column = quoteIdent(side === 'from' ? link.fromColumn : link.toColumn);
    const integer = side === 'from' ? link.fromInteger : link.toInteger;
    const f = quoteIdent(link.fromColumn);
    const to = quoteIdent(link.toColumn);
    const out: AssociationEdge[] = [];
    try {
      for (let at = 0; at < unique.length; at += MAX_IDS_PER_STATEMENT) {
        const chunk = unique.slice(at, at + MAX_IDS_PER_STATEMENT);
        // Padded to a few fixed sizes (a repeated id changes nothing in IN): few distinct statements.
        const size = CHUNK_SIZES.find((n) => n >= chunk.length) ?? MAX_IDS_PER_STATEMENT;
        const binds: SqlValue[] = chunk.map((id) => bindIdValue(integer, id));
        while (binds.length < size) binds.push(binds[0] ?? null);
        const sql = `${this.selectSql(link)} ${this.usable(link)} AND ${column} IN (${binds.map(() => '?').join(', ')}) GROUP BY ${f}, ${to} ORDER BY ${f}, ${to}`;
        for (const row of this.host.statement(sql).all(...binds) as unknown[][]) out.push(...this.edgeOf(row));
      }
    } catch (err) {
      throw this.host.readError(err);
    }
    return out;
  }

  /** SELECT of (from, to, primary) over the grouped rows: a pair is primary when any of its rows is. */
  private selectSql(link: LinkTable): string {
    const primary = link.primaryColumn === undefined ? '1' : `MAX(COALESCE(${quoteIdent(link.primaryColumn)}, 0) <> 0)`;
    return `SELECT ${quoteIdent(link.fromColumn)}, ${quoteIdent(link.toColumn)}, ${primary} FROM ${quoteIdent(link.table)}`;
  }

  /** Rows whose two ends are ids (not NULL, not binary). */
  private usable(link: LinkTable): string {
    return `WHERE ${[link.fromColumn, link.toColumn].map((c) => `typeof(${quoteIdent(c)}) IN ('integer', 'text', 'real')`).join(' AND ')}`;
  }

  private edgeOf(row: unknown[]): AssociationEdge[] {
    const fromId = idText(row[0]);
    const toId = idText(row[1]);
    if (fromId === undefined || toId === undefined) return [];
    return [{ fromId, toId, primary: Number(row[2]) !== 0 }];
  }

  private bindEnds(link: LinkTable, edge: AssociationEnds): [SqlValue, SqlValue] {
    return [bindIdValue(link.fromInteger, edge.fromId), bindIdValue(link.toInteger, edge.toId)];
  }

  /**
   * Runs `writeOne` for each edge in one IMMEDIATE transaction, each in its own savepoint; a
   * refused edge is rolled back alone, a batch-level failure (locked, read-only) fails them all.
   */
  private writeBatch(link: LinkTable, count: number, writeOne: (i: number) => void): AssociationWriteResult[] {
    const db = this.host.db();
    const results: (AssociationWriteResult | undefined)[] = new Array<AssociationWriteResult | undefined>(count).fill(undefined);
    const inSavepoint = db.transaction((i: number) => {
      try {
        writeOne(i);
      } catch (err) {
        if (!isSqliteFailure(err) || isBatchFatal(err)) throw err;
        throw new EdgeFailure(classifyEdgeError(err, link));
      }
    });
    const batch = db.transaction(() => {
      for (let i = 0; i < count; i += 1) {
        try {
          inSavepoint(i);
          results[i] = { ok: true };
        } catch (err) {
          if (err instanceof EdgeFailure) results[i] = err.result;
          else if (isSqliteFailure(err) && isBatchFatal(err)) throw err;
          else results[i] = { ok: false, category: 'unknown', retryable: false, message: err instanceof Error ? err.message : String(err) };
        }
      }
    });
    try {
      batch.immediate();
    } catch (err) {
      const { category, message, retryable } = classifyBatchError(err, this.host.context.file, this.host.busyTimeoutMs);
      return results.map(() => ({ ok: false, category, message, retryable }));
    }
    return results.map((r) => r ?? { ok: false, category: 'unknown', retryable: false, message: 'association was not written' });
  }

  private find(kind: AssociationKind): LinkTable | undefined {
    const key = `${kind.from}\u0000${kind.to}`;
    const cached = this.links.get(key);
    if (cached) return cached;
    let link: LinkTable | undefined;
    try {
      link = resolveLinkTable(this.host.db(), this.host.context, this.host.options, kind);
    } catch (err) {
      throw this.host.readError(err);
    }
    // Only a table found is remembered: one created later is found on the next call.
    if (link) this.links.set(key, link);
    return link;
  }

  private require(kind: AssociationKind): LinkTable {
    const link = this.find(kind);
    if (link) return link;
    const { connection, file } = this.host.context;
    const key = associationKey(kind);
    throw new SyncctlError('sqlite_association_missing', `connection "${connection}": ${file} holds no ${kind.from}→${kind.to} associations: no option associations.${key} and no table ${kind.from}_${kind.to} or ${kind.to}_${kind.from}.`, {
      hint: `Create a link table ${kind.from}_${kind.to} with columns ${conventionalColumns(kind.from)[0] ?? ''} and ${conventionalColumns(kind.to)[0] ?? ''}, or name yours under options.associations.${key} (table, fromColumn, toColumn, primaryColumn).`,
      meta: { connection, file, from: kind.from, to: kind.to },
    });
  }
}
