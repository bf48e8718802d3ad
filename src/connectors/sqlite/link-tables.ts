// Where an association kind lives in a SQLite file: a link table with one column per end and
// an optional primary flag. Configured under the connection's `associations` option, keyed
// `<from>-<to>` (object names never hold a dash, so the key splits one way only), or found by
// convention: a table `<from>_<to>` with columns `<from>_id` and `<to>_id` (singular or as
// named) and an optional `is_primary`. A table kept for to→from serves from→to, columns swapped.
import { SyncctlError } from '../../errors/syncctl-error.js';
import type { SqliteAssociationOptions } from '../../config/types.generated.js';
import type { AssociationKind } from '../types.js';
import { hasIntegerAffinity } from './column-types.js';
import { quoteIdent, type SqliteDb } from './driver.js';
import { suggestion, type TableContext } from './table-info.js';

/** The column conventionally flagging a from record's primary association. */
export const CONVENTIONAL_PRIMARY_COLUMN = 'is_primary';

/** One association kind's link table, columns already oriented to the kind's direction. */
export interface LinkTable {
  kind: AssociationKind;
  table: string;
  fromColumn: string;
  toColumn: string;
  /** Ids that look like integers are bound as integers (the column has no TEXT affinity). */
  fromInteger: boolean;
  toInteger: boolean;
  /**
   * The flag marking the from record's primary edge. Absent when the table has none, or when
   * the table is kept for the other direction (its flag then marks the to record's primary).
   */
  primaryColumn?: string;
  /** The table's own flag when the table is used reversed: new rows get 0 there (a NOT NULL flag still gets a value). */
  otherPrimaryColumn?: string;
  /** The option (key) that names this table, or undefined when found by convention. */
  option?: string;
}

/** `<from>-<to>`: the key of a kind in the connection's `associations` option. */
export function associationKey(kind: AssociationKind): string {
  return `${kind.from}-${kind.to}`;
}

/**
 * The singular of a plural object name for conventional column names: companies → company,
 * addresses → address, contacts → contact. Names that do not end in s are kept.
 */
export function singular(name: string): string {
  if (/[^aeiou]ies$/i.test(name)) return `${name.slice(0, -3)}y`;
  if (/(ss|sh|ch|x|z)es$/i.test(name)) return name.slice(0, -2);
  if (/[^s]s$/i.test(name)) return name.slice(0, -1);
  return name;
}

/** Column names an end called `object` conventionally has: `<singular>_id`, then `<object>_id`. */
export function conventionalColumns(object: string): string[] {
  return [...new Set([`${singular(object)}_id`, `${object}_id`])];
}

interface XInfoRow {
  name: string;
  type: string;
  hidden: number;
}

interface Catalogue {
  tables: string[];
  columns(table: string): XInfoRow[];
}

function catalogue(db: SqliteDb): Catalogue {
  const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'").all() as { name: string }[]).map((r) => r.name);
  return {
    tables,
    // hidden 1 = hidden column of a virtual table: not a column one can name.
    columns: (table) => (db.prepare(`PRAGMA table_xinfo(${quoteIdent(table)})`).all() as XInfoRow[]).filter((c) => c.hidden !== 1),
  };
}

/**
 * False for a column with TEXT affinity. Any other column (INTEGER, NUMERIC, REAL, or none
 * declared) holds integer ids as integers, and a string would not match them without affinity.
 */
function bindsIntegers(declared: string): boolean {
  return hasIntegerAffinity(declared) || !/CHAR|CLOB|TEXT/i.test(declared);
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** The table's (from, to) orientation: the key's own ends and whether the kind asks for them swapped. */
interface Found {
  table: string;
  /** The table's own from and to objects. */
  own: AssociationKind;
  reversed: boolean;
  options?: SqliteAssociationOptions;
  option?: string;
}

function configured(options: Readonly<Record<string, SqliteAssociationOptions | undefined>>, kind: AssociationKind): Found | undefined {
  const entries = Object.entries(options).flatMap(([key, value]) => (value === undefined ? [] : [[key, value] as const]));
  const forward = entries.find(([key]) => sameName(key, associationKey(kind)));
  if (forward) return { table: forward[1].table, own: kind, reversed: false, options: forward[1], option: `associations.${forward[0]}` };
  const backward = entries.find(([key]) => sameName(key, associationKey({ from: kind.to, to: kind.from })));
  if (backward) return { table: backward[1].table, own: { from: kind.to, to: kind.from }, reversed: true, options: backward[1], option: `associations.${backward[0]}` };
  return undefined;
}

function conventional(tables: readonly string[], kind: AssociationKind): Found | undefined {
  const forward = tables.find((t) => sameName(t, `${kind.from}_${kind.to}`));
  if (forward !== undefined) return { table: forward, own: kind, reversed: false };
  const backward = tables.find((t) => sameName(t, `${kind.to}_${kind.from}`));
  if (backward !== undefined) return { table: backward, own: { from: kind.to, to: kind.from }, reversed: true };
  return undefined;
}

function where(found: Found): string {
  return found.option === undefined ? `link table "${found.table}" (by convention for ${associationKey(found.own)})` : `link table "${found.table}" (option ${found.option}.table)`;
}

function tableMissing(ctx: TableContext, found: Found, tables: readonly string[]): SyncctlError {
  return new SyncctlError('sqlite_table_missing', `connection "${ctx.connection}": table "${found.table}" named by option ${found.option ?? ''}.table does not exist in ${ctx.file}.`, {
    hint: `${suggestion(found.table, tables).trim()} Tables in this file: ${tables.length > 0 ? tables.join(', ') : '(none)'}. Set ${found.option ?? ''}.table in the connection's options to the table that links ${found.own.from} to ${found.own.to}, or create it.`.trim(),
    meta: { connection: ctx.connection, file: ctx.file, option: `${found.option ?? ''}.table`, table: found.table },
  });
}

function columnMissing(ctx: TableContext, found: Found, wanted: readonly string[], option: string, all: readonly string[]): SyncctlError {
  const names = wanted.map((c) => `"${c}"`).join(' or ');
  const fix = found.option === undefined ? `Set ${option} in the connection's options (under associations.${associationKey(found.own)}, with table: ${found.table}) to the column that holds it.` : `Correct ${option} in the connection's options.`;
  return new SyncctlError('sqlite_column_missing', `connection "${ctx.connection}": ${where(found)} in ${ctx.file} has no column ${names} (${option}).`, {
    hint: `${suggestion(wanted[0] ?? '', all).trim()} Columns of ${found.table}: ${all.join(', ')}. ${fix}`.trim(),
    meta: { connection: ctx.connection, file: ctx.file, option, table: found.table, column: wanted[0] },
  });
}

/**
 * The link table of `kind`, or undefined when neither an option nor the convention names one.
 * A configured table that does not exist, or a column that is missing, is a SyncctlError
 * naming the connection, the option and the table.
 */
export function resolveLinkTable(db: SqliteDb, ctx: TableContext, options: Readonly<Record<string, SqliteAssociationOptions | undefined>>, kind: AssociationKind): LinkTable | undefined {
  const cat = catalogue(db);
  const chosen = configured(options, kind);
  const found = chosen ?? conventional(cat.tables, kind);
  if (found === undefined) return undefined;
  const table = cat.tables.find((t) => sameName(t, found.table));
  if (table === undefined) throw tableMissing(ctx, found, cat.tables);
  const rows = cat.columns(table);
  const names = rows.map((r) => r.name);
  const prefix = found.option ?? `associations.${associationKey(found.own)}`;

  const column = (given: string | undefined, fallback: readonly string[], option: string): XInfoRow => {
    const wanted = given === undefined ? fallback : [given];
    for (const name of wanted) {
      const row = rows.find((r) => sameName(r.name, name));
      if (row) return row;
    }
    throw columnMissing(ctx, { ...found, table }, wanted, `${prefix}.${option}`, names);
  };
  const ownFrom = column(found.options?.fromColumn, conventionalColumns(found.own.from), 'fromColumn');
  const ownTo = column(found.options?.toColumn, conventionalColumns(found.own.to), 'toColumn');
  if (sameName(ownFrom.name, ownTo.name)) {
    throw new SyncctlError('sqlite_column_conflict', `connection "${ctx.connection}": ${where({ ...found, table })} uses column "${ownFrom.name}" for both ${found.own.from} and ${found.own.to}.`, {
      hint: `Set ${prefix}.fromColumn and ${prefix}.toColumn to two different columns.`,
      meta: { connection: ctx.connection, file: ctx.file, table, column: ownFrom.name },
    });
  }
  const givenPrimary = found.options?.primaryColumn;
  const primary = givenPrimary === undefined ? rows.find((r) => sameName(r.name, CONVENTIONAL_PRIMARY_COLUMN)) : column(givenPrimary, [], 'primaryColumn');
  const [from, to] = found.reversed ? [ownTo, ownFrom] : [ownFrom, ownTo];
  return {
    kind,
    table,
    fromColumn: from.name,
    toColumn: to.name,
    fromInteger: bindsIntegers(from.type),
    toInteger: bindsIntegers(to.type),
    ...(primary === undefined ? {} : found.reversed ? { otherPrimaryColumn: primary.name } : { primaryColumn: primary.name }),
    ...(found.option === undefined ? {} : { option: found.option }),
  };
}
