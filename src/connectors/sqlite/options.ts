// The connection's options as the SQLite connector needs them. The config loader validates
// them against the schema first; this check is for callers that build connectors directly,
// so a wrong shape is still a clear error naming the option, never a crash deep inside.
import { SyncctlError } from '../../errors/syncctl-error.js';
import type { SqliteAssociationOptions, SqliteConnectionOptions, SqliteObjectOptions } from '../../config/types.generated.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(connection: string, option: string, expected: string): SyncctlError {
  return new SyncctlError('sqlite_invalid_options', `connection "${connection}": option ${option} must be ${expected}.`, {
    hint: 'See the SqliteOptions definition in schema/syncctl.schema.json.',
    meta: { connection, option },
  });
}

function optionalString(connection: string, where: Record<string, unknown>, key: string, option: string): string | undefined {
  const value = where[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw invalid(connection, option, 'a non-empty string');
  return value;
}

function objectOptions(connection: string, object: string, raw: unknown): SqliteObjectOptions {
  const at = `objects.${object}`;
  if (!isRecord(raw)) throw invalid(connection, at, 'a mapping');
  const out: SqliteObjectOptions = {};
  const table = optionalString(connection, raw, 'table', `${at}.table`);
  const id = optionalString(connection, raw, 'id', `${at}.id`);
  const updatedAt = optionalString(connection, raw, 'updatedAt', `${at}.updatedAt`);
  if (table !== undefined) out.table = table;
  if (id !== undefined) out.id = id;
  if (updatedAt !== undefined) out.updatedAt = updatedAt;
  if (raw.columns !== undefined) {
    if (!isRecord(raw.columns)) throw invalid(connection, `${at}.columns`, 'a mapping of property name to column name');
    const columns: Record<string, string> = {};
    for (const property of Object.keys(raw.columns)) {
      const column = optionalString(connection, raw.columns, property, `${at}.columns.${property}`);
      if (column !== undefined) columns[property] = column;
    }
    out.columns = columns;
  }
  return out;
}

/** `<from>-<to>`: object names hold no dash, so the key splits one way only. */
const ASSOCIATION_KEY = /^[A-Za-z_][A-Za-z0-9_]*-[A-Za-z_][A-Za-z0-9_]*$/;

function associationOptions(connection: string, key: string, raw: unknown): SqliteAssociationOptions {
  if (!ASSOCIATION_KEY.test(key)) throw invalid(connection, `associations.${key}`, 'named `<from>-<to>` by the app\'s object names, e.g. customers-accounts');
  const at = `associations.${key}`;
  if (!isRecord(raw)) throw invalid(connection, at, 'a mapping with table (and optionally fromColumn, toColumn, primaryColumn)');
  const table = optionalString(connection, raw, 'table', `${at}.table`);
  if (table === undefined) throw invalid(connection, `${at}.table`, 'the name of the link table');
  const out: SqliteAssociationOptions = { table };
  for (const name of ['fromColumn', 'toColumn', 'primaryColumn'] as const) {
    const column = optionalString(connection, raw, name, `${at}.${name}`);
    if (column !== undefined) out[name] = column;
  }
  return out;
}

/** Checks and copies the SQLite connection options; throws `sqlite_invalid_options` naming the bad one. */
export function parseSqliteOptions(connection: string, raw: Readonly<Record<string, unknown>>): SqliteConnectionOptions {
  const path = raw.path;
  if (typeof path !== 'string' || path.trim() === '') throw invalid(connection, 'path', 'the path of a database file (relative to the definition file)');
  const out: SqliteConnectionOptions = { path };
  if (raw.objects !== undefined) {
    if (!isRecord(raw.objects)) throw invalid(connection, 'objects', 'a mapping of object name to table options');
    const objects: Record<string, SqliteObjectOptions> = {};
    for (const [object, value] of Object.entries(raw.objects)) objects[object] = objectOptions(connection, object, value);
    out.objects = objects;
  }
  if (raw.associations !== undefined) {
    if (!isRecord(raw.associations)) throw invalid(connection, 'associations', 'a mapping of `<from>-<to>` (e.g. customers-accounts) to link-table options');
    const associations: Record<string, SqliteAssociationOptions> = {};
    for (const [key, value] of Object.entries(raw.associations)) associations[key] = associationOptions(connection, key, value);
    out.associations = associations;
  }
  return out;
}
