// Reads that never hold a table in memory: every page is its own keyset query (no open
// cursor between pages, so the caller may write to the same file while it pages through).
import { SyncctlError } from '../../errors/syncctl-error.js';
import type { ChangeCursor, ChangePage, ChangesOptions, ListOptions, Page, RemoteRecord } from '../types.js';
import { quoteIdent, type SqlValue, type SqliteStatement } from './driver.js';
import { bindId, type ColumnInfo, type TableInfo } from './table-info.js';
import { EPOCH_ISO, normalizeTimestamp, timestampBound } from './timestamps.js';
import { readValue } from './values.js';

/** SQLite's default limit is 32,766 parameters; 500 keeps statements small and cacheable. */
export const MAX_IDS_PER_STATEMENT = 500;

/** The few IN-list sizes a batch is padded to, so distinct prepared statements stay few. */
export const CHUNK_SIZES = [1, 10, 50, 100, 250, MAX_IDS_PER_STATEMENT];

/** What the reader needs from its connector. */
export type StatementSource = (sql: string) => SqliteStatement;

/** Columns selected for a read: id and updated-at first, then the requested properties. */
interface Selection {
  columns: readonly ColumnInfo[];
  sql: string;
}

function selection(info: TableInfo, properties: readonly string[] | undefined): Selection {
  let columns: ColumnInfo[];
  if (properties === undefined) {
    columns = [...info.columns];
  } else {
    columns = [];
    for (const property of new Set(properties)) {
      const col = info.byProperty.get(property);
      if (!col) {
        throw new SyncctlError('unknown_property', `${info.object} has no property "${property}".`, {
          hint: `Properties of ${info.object}: ${info.columns.map((c) => c.property).join(', ')}.`,
          meta: { object: info.object, property },
        });
      }
      columns.push(col);
    }
  }
  const keys = [info.id.column, info.updatedAt.column];
  return { columns, sql: [...keys, ...columns.map((c) => c.column)].map(quoteIdent).join(', ') };
}

const CANONICAL_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** normalizeTimestamp, short-cut for the value that most tables hold: already canonical ISO-8601 (and a real time). */
function updatedAtOf(raw: unknown): string | undefined {
  if (typeof raw === 'string' && CANONICAL_ISO.test(raw)) {
    const ms = Date.parse(raw);
    if (!Number.isNaN(ms) && new Date(ms).toISOString() === raw) return raw;
  }
  return normalizeTimestamp(raw);
}

function toRecord(selected: Selection, row: unknown[]): RemoteRecord {
  const properties: RemoteRecord['properties'] = {};
  const columns = selected.columns;
  for (let i = 0; i < columns.length; i += 1) {
    const col = columns[i] as ColumnInfo;
    properties[col.property] = readValue(col, row[i + 2]);
  }
  const id = row[0];
  return {
    id: typeof id === 'bigint' || typeof id === 'number' || typeof id === 'string' ? String(id) : '',
    properties,
    // A row with no (readable) updated-at is reported as never changed, never dropped.
    updatedAt: updatedAtOf(row[1]) ?? EPOCH_ISO,
  };
}

/** The page size, or `invalid_page_size` when it is not a whole number of at least 1. */
export function checkPageSize(pageSize: number): number {
  if (!Number.isInteger(pageSize) || pageSize < 1) {
    throw new SyncctlError('invalid_page_size', `page size must be a whole number of at least 1, got ${String(pageSize)}.`, {
      hint: 'Pass a pageSize such as 500.',
    });
  }
  return pageSize;
}

/** Every record of the table by ascending id, `pageSize` at a time, resuming after `cursor`. */
export function* listPages(statement: StatementSource, info: TableInfo, options: ListOptions): Generator<Page> {
  const size = checkPageSize(options.pageSize);
  const selected = selection(info, options.properties);
  const id = quoteIdent(info.id.column);
  const from = `SELECT ${selected.sql} FROM ${quoteIdent(info.table)}`;
  const first = statement(`${from} ORDER BY ${id} LIMIT ?`);
  const next = statement(`${from} WHERE ${id} > ? ORDER BY ${id} LIMIT ?`);
  let after: SqlValue | undefined = options.cursor === undefined ? undefined : bindId(info, options.cursor);
  for (;;) {
    // One row more than a page tells whether another page follows, without an empty last page.
    const rows = (after === undefined ? first.all(size + 1) : next.all(after, size + 1)) as unknown[][];
    const more = rows.length > size;
    const page = rows.slice(0, size);
    const records = page.map((row) => toRecord(selected, row));
    const last = page[page.length - 1];
    if (!more || last === undefined) {
      yield { records };
      return;
    }
    after = last[0] as SqlValue;
    yield { records, nextCursor: String(after) };
  }
}

/** The records with these ids, in the order asked for; ids that do not exist are left out. */
export function readRecords(statement: StatementSource, info: TableInfo, ids: readonly string[], properties?: readonly string[]): RemoteRecord[] {
  const selected = selection(info, properties);
  const unique = [...new Set(ids)];
  const found = new Map<string, RemoteRecord>();
  for (let at = 0; at < unique.length; at += MAX_IDS_PER_STATEMENT) {
    const chunk = unique.slice(at, at + MAX_IDS_PER_STATEMENT);
    // Padding to a few fixed sizes (repeating an id changes nothing in IN) keeps the number
    // of distinct prepared statements small however many ids callers pass.
    const size = CHUNK_SIZES.find((n) => n >= chunk.length) ?? MAX_IDS_PER_STATEMENT;
    const binds: SqlValue[] = chunk.map((id) => bindId(info, id));
    while (binds.length < size) binds.push(binds[0] ?? null);
    const sql = `SELECT ${selected.sql} FROM ${quoteIdent(info.table)} WHERE ${quoteIdent(info.id.column)} IN (${binds.map(() => '?').join(', ')})`;
    for (const row of statement(sql).all(...binds) as unknown[][]) {
      const record = toRecord(selected, row);
      found.set(record.id, record);
    }
  }
  return unique.flatMap((id) => found.get(id) ?? []);
}

function sinceMs(since: ChangeCursor): number {
  const ms = Date.parse(since.updatedAt);
  if (Number.isNaN(ms)) {
    throw new SyncctlError('invalid_change_cursor', `change cursor updatedAt "${since.updatedAt}" is not an ISO-8601 time.`, {
      hint: 'Pass the cursor of a previous changes() page unchanged, or undefined to read every change.',
    });
  }
  return ms;
}

/**
 * Records changed after `since` in (updated-at, id) order. The id tie-break makes thousands
 * of rows sharing one timestamp page through exactly once; pages after the first continue
 * from the last row's stored values, so a page boundary never depends on time parsing.
 */
export function* changePages(statement: StatementSource, info: TableInfo, since: ChangeCursor | undefined, options: ChangesOptions): Generator<ChangePage> {
  const size = checkPageSize(options.pageSize);
  const overlap = Math.max(0, options.overlapMs ?? 0);
  const selected = selection(info, options.properties);
  const ts = quoteIdent(info.updatedAt.column);
  const id = quoteIdent(info.id.column);
  const from = `SELECT ${selected.sql} FROM ${quoteIdent(info.table)}`;
  const order = `ORDER BY ${ts}, ${id} LIMIT ?`;
  const after = statement(`${from} WHERE (${ts}, ${id}) > (?, ?) ${order}`);
  let rows: unknown[][];
  if (since === undefined) {
    rows = statement(`${from} WHERE ${ts} IS NOT NULL ${order}`).all(size + 1) as unknown[][];
  } else if (overlap > 0) {
    rows = statement(`${from} WHERE ${ts} >= ? ${order}`).all(timestampBound(sinceMs(since) - overlap, info.updatedAtFormat), size + 1) as unknown[][];
  } else {
    rows = after.all(timestampBound(sinceMs(since), info.updatedAtFormat), bindId(info, since.id), size + 1) as unknown[][];
  }
  let cursor = since;
  for (;;) {
    const more = rows.length > size;
    const page = rows.slice(0, size);
    const records = page.map((row) => toRecord(selected, row));
    const last = page[page.length - 1];
    const lastRecord = records[records.length - 1];
    if (lastRecord) cursor = { updatedAt: lastRecord.updatedAt, id: lastRecord.id };
    yield { records, cursor };
    if (!more || last === undefined) return;
    rows = after.all(last[1] as SqlValue, last[0] as SqlValue, size + 1) as unknown[][];
  }
}
