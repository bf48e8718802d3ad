// What the connector knows about one object's table: read once from SQLite's own catalogue
// (PRAGMA table_xinfo, index_list, the CREATE statement) and joined with the connection's
// per-object options (table name, id and updated-at columns, property renames).
import { closest, distance } from 'fastest-levenshtein';
import { SyncctlError } from '../../errors/syncctl-error.js';
import type { SqliteObjectOptions } from '../../config/types.generated.js';
import { enumOptionsFromCheck, hasIntegerAffinity, kindOfDeclaredType, type ColumnKind } from './column-types.js';
import { quoteIdent, type SqliteDb } from './driver.js';
import { detectTimestampFormat, type TimestampFormat } from './timestamps.js';

/** One column of an object's table, as a property. */
export interface ColumnInfo {
  column: string;
  property: string;
  declaredType: string;
  kind: ColumnKind;
  notNull: boolean;
  hasDefault: boolean;
  readOnly: boolean;
  /** Allowed values when a CHECK (col IN (...)) makes it an enum. */
  options?: string[];
}

/** How a created record gets its id. */
export type IdStrategy = 'rowid' | 'default' | 'next-integer' | 'uuid';

/** Everything the connector needs to read and write one object. */
export interface TableInfo {
  object: string;
  table: string;
  columns: readonly ColumnInfo[];
  byProperty: ReadonlyMap<string, ColumnInfo>;
  id: ColumnInfo;
  updatedAt: ColumnInfo;
  idStrategy: IdStrategy;
  /** Ids compare as integers (INTEGER affinity): cursors and lookups bind them as numbers. */
  idIsInteger: boolean;
  identifiers: readonly string[];
  updatedAtFormat: TimestampFormat;
  /** False while the format is only a guess from the declared type (the table had no rows). */
  updatedAtSampled: boolean;
  /** Columns left out because syncctl cannot sync their type: property -> declared type. */
  unsupported: ReadonlyMap<string, string>;
}

/** Where messages say the table lives. */
export interface TableContext {
  connection: string;
  file: string;
}

interface XInfoRow {
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
  hidden: number;
}

/** " Did you mean "x"?" for a near miss among `candidates`, or ''. */
export function suggestion(name: string, candidates: readonly string[]): string {
  if (candidates.length === 0) return '';
  const best = closest(name, candidates);
  return distance(name.toLowerCase(), best.toLowerCase()) <= Math.max(2, Math.floor(name.length / 3)) ? ` Did you mean "${best}"?` : '';
}

function findTable(db: SqliteDb, ctx: TableContext, object: string, table: string): { name: string; sql: string } {
  const rows = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'").all() as { name: string; sql: string | null }[];
  const found = rows.find((r) => r.name.toLowerCase() === table.toLowerCase());
  if (found) return { name: found.name, sql: found.sql ?? '' };
  const names = rows.map((r) => r.name);
  throw new SyncctlError('sqlite_table_missing', `connection "${ctx.connection}": table "${table}" (object "${object}") does not exist in ${ctx.file}.`, {
    hint: `${suggestion(table, names).trim()} Tables in this file: ${names.length > 0 ? names.join(', ') : '(none)'}. Set objects.${object}.table in the connection's options to the table that holds ${object}.`.trim(),
    meta: { connection: ctx.connection, file: ctx.file, object, table },
  });
}

function columnMissing(ctx: TableContext, object: string, table: string, column: string, option: string, all: readonly string[]): SyncctlError {
  return new SyncctlError('sqlite_column_missing', `connection "${ctx.connection}": table "${table}" (object "${object}") in ${ctx.file} has no column "${column}" (from ${option}).`, {
    hint: `${suggestion(column, all).trim()} Columns of ${table}: ${all.join(', ')}. Correct ${option} in the connection's options.`.trim(),
    meta: { connection: ctx.connection, file: ctx.file, object, table, column },
  });
}

function uniqueColumns(db: SqliteDb, table: string): string[] {
  const indexes = db.prepare(`PRAGMA index_list(${quoteIdent(table)})`).all() as { name: string; unique: number; partial: number }[];
  const out: string[] = [];
  for (const index of indexes) {
    // A partial unique index holds only for some rows, so it does not identify records.
    if (index.unique !== 1 || index.partial === 1) continue;
    const parts = db.prepare(`PRAGMA index_info(${quoteIdent(index.name)})`).all() as { name: string | null }[];
    const only = parts[0]?.name;
    if (parts.length === 1 && typeof only === 'string') out.push(only.toLowerCase());
  }
  return out;
}

/** Reads a table's catalogue and applies the object's options; throws a SyncctlError naming what is wrong. */
export function loadTableInfo(db: SqliteDb, ctx: TableContext, object: string, options: SqliteObjectOptions = {}): TableInfo {
  const { name: table, sql } = findTable(db, ctx, object, options.table ?? object);
  const xinfo = db.prepare(`PRAGMA table_xinfo(${quoteIdent(table)})`).all() as XInfoRow[];
  // hidden 1 = hidden column of a virtual table: not part of the record.
  const rows = xinfo.filter((c) => c.hidden !== 1);
  const allNames = rows.map((r) => r.name);
  const actual = (column: string): string | undefined => allNames.find((n) => n.toLowerCase() === column.toLowerCase());

  const propertyOf = new Map<string, string>();
  for (const [property, column] of Object.entries(options.columns ?? {})) {
    if (column === undefined) continue;
    const real = actual(column);
    if (real === undefined) throw columnMissing(ctx, object, table, column, `objects.${object}.columns.${property}`, allNames);
    const taken = propertyOf.get(real.toLowerCase());
    if (taken !== undefined) {
      throw new SyncctlError('sqlite_column_conflict', `connection "${ctx.connection}": properties "${taken}" and "${property}" of object "${object}" both name column "${real}".`, {
        hint: `Give each property its own column in objects.${object}.columns.`,
        meta: { connection: ctx.connection, file: ctx.file, object, table, column: real },
      });
    }
    propertyOf.set(real.toLowerCase(), property);
  }
  const idColumn = actual(options.id ?? 'id');
  if (idColumn === undefined) throw columnMissing(ctx, object, table, options.id ?? 'id', `objects.${object}.id`, allNames);
  const updatedColumn = actual(options.updatedAt ?? 'updated_at');
  if (updatedColumn === undefined) throw columnMissing(ctx, object, table, options.updatedAt ?? 'updated_at', `objects.${object}.updatedAt`, allNames);

  const unique = new Set(uniqueColumns(db, table));
  const pkCount = rows.filter((r) => r.pk > 0).length;
  const columns: ColumnInfo[] = [];
  const byProperty = new Map<string, ColumnInfo>();
  const unsupported = new Map<string, string>();
  for (const row of rows) {
    const isKey = row.name === idColumn || row.name === updatedColumn;
    const kind = kindOfDeclaredType(row.type) ?? (isKey ? { type: 'string' as const, integer: false } : undefined);
    const property = propertyOf.get(row.name.toLowerCase()) ?? row.name;
    if (kind === undefined) {
      unsupported.set(property, row.type);
      continue;
    }
    const clash = byProperty.get(property);
    if (clash) {
      throw new SyncctlError('sqlite_column_conflict', `connection "${ctx.connection}": property "${property}" of object "${object}" would mean both column "${clash.column}" and column "${row.name}".`, {
        hint: `Rename one of them in objects.${object}.columns, e.g. ${row.name}: ${row.name}.`,
        meta: { connection: ctx.connection, file: ctx.file, object, table, property },
      });
    }
    const options = kind.type === 'string' ? enumOptionsFromCheck(sql, row.name) : undefined;
    const info: ColumnInfo = {
      column: row.name,
      property,
      declaredType: row.type,
      kind: options ? { type: 'enum', integer: false } : kind,
      notNull: row.notnull === 1,
      hasDefault: row.dflt_value !== null,
      // hidden 2/3 = generated (virtual/stored): SQLite computes them, nobody writes them.
      readOnly: isKey || row.hidden === 2 || row.hidden === 3,
      ...(options ? { options } : {}),
    };
    columns.push(info);
    byProperty.set(property, info);
  }
  const id = columns.find((c) => c.column === idColumn);
  const updatedAt = columns.find((c) => c.column === updatedColumn);
  if (!id || !updatedAt) throw new Error('unreachable: key columns are always kept');

  // Table options (WITHOUT ROWID, STRICT) follow the closing parenthesis of the column list.
  const withoutRowid = /WITHOUT\s+ROWID/i.test(sql.slice(sql.lastIndexOf(')')));
  const idRow = rows.find((r) => r.name === idColumn);
  const rowidAlias = !withoutRowid && pkCount === 1 && idRow?.pk === 1 && idRow.type.trim().toUpperCase() === 'INTEGER';
  const idIsInteger = hasIntegerAffinity(id.declaredType);
  const idStrategy: IdStrategy = rowidAlias ? 'rowid' : id.hasDefault ? 'default' : idIsInteger ? 'next-integer' : 'uuid';

  const sample = sampleUpdatedAt(db, table, updatedColumn);
  return {
    object,
    table,
    columns,
    byProperty,
    id,
    updatedAt,
    idStrategy,
    idIsInteger,
    identifiers: columns.filter((c) => c.column !== idColumn && unique.has(c.column.toLowerCase())).map((c) => c.property),
    updatedAtFormat: detectTimestampFormat(sample, hasIntegerAffinity(updatedAt.declaredType)),
    updatedAtSampled: sample !== undefined,
    unsupported,
  };
}

function sampleUpdatedAt(db: SqliteDb, table: string, column: string): unknown {
  return db.prepare(`SELECT ${quoteIdent(column)} FROM ${quoteIdent(table)} WHERE ${quoteIdent(column)} IS NOT NULL LIMIT 1`).safeIntegers(true).pluck().get();
}

/**
 * Judges the updated-at format again while the table had no row to judge it by: another
 * program may since have written the first rows in its own format, and comparing a cursor
 * in the wrong format could skip changes.
 */
export function refreshUpdatedAtFormat(db: SqliteDb, info: TableInfo): TableInfo {
  if (info.updatedAtSampled) return info;
  const sample = sampleUpdatedAt(db, info.table, info.updatedAt.column);
  if (sample === undefined) return info;
  return { ...info, updatedAtFormat: detectTimestampFormat(sample, hasIntegerAffinity(info.updatedAt.declaredType)), updatedAtSampled: true };
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** The value to bind for an id given as a string: integer ids compare as numbers. */
export function bindId(info: TableInfo, id: string): bigint | string {
  return bindIdValue(info.idIsInteger, id);
}

/** The value to bind for an id given as a string in a column with (`integer`) or without INTEGER affinity. */
export function bindIdValue(integer: boolean, id: string): bigint | string {
  if (!integer || !/^-?\d{1,19}$/.test(id)) return id;
  const n = BigInt(id);
  // Beyond 64 bits it cannot be an integer id; as text it simply matches nothing.
  return n >= INT64_MIN && n <= INT64_MAX ? n : id;
}
