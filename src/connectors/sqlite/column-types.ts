// Field types from a column's declared type. SQLite stores any value in any column, so the
// declared type is the only statement of intent a table has; these rules follow SQLite's
// own affinity rules where they overlap and add the date/boolean conventions people use.
import type { FieldType } from '../types.js';

/** How a column's values are stored and checked. */
export interface ColumnKind {
  type: FieldType;
  /** Numbers only: the column holds whole numbers (INTEGER affinity). */
  integer: boolean;
}

/** The kind of a declared column type, or undefined for BLOB columns (not properties). */
export function kindOfDeclaredType(declared: string): ColumnKind | undefined {
  const t = declared.trim().toUpperCase();
  if (t.startsWith('BOOL')) return { type: 'boolean', integer: true };
  if (t.includes('DATETIME') || t.includes('TIMESTAMP')) return { type: 'datetime', integer: false };
  if (/^DATE\b/.test(t)) return { type: 'date', integer: false };
  if (t.includes('INT')) return { type: 'number', integer: true };
  if (/REAL|FLOA|DOUB|NUMERIC|DECIMAL/.test(t)) return { type: 'number', integer: false };
  // Binary data has no place in a CRM property; such columns are left out of the object.
  if (t.includes('BLOB')) return undefined;
  return { type: 'string', integer: false };
}

/** True when SQLite gives the declared type INTEGER affinity (ids compare as numbers then). */
export function hasIntegerAffinity(declared: string): boolean {
  return declared.toUpperCase().includes('INT');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const LITERAL = String.raw`'(?:[^']|'')*'`;

/**
 * The allowed values of a `CHECK (col IN ('a', 'b'))` on `column` in the table's CREATE
 * statement, or undefined when there is none (or its list holds anything but text literals).
 */
export function enumOptionsFromCheck(tableSql: string, column: string): string[] | undefined {
  const name = escapeRegExp(column);
  const ident = String.raw`(?:"${name}"|\x60${name}\x60|\[${name}\]|(?<![\w"\x60\]])${name}(?![\w"\x60]))`;
  const pattern = new RegExp(String.raw`${ident}\s+IN\s*\(\s*(${LITERAL}(?:\s*,\s*${LITERAL})*)\s*\)`, 'i');
  const match = pattern.exec(tableSql);
  const list = match?.[1];
  if (list === undefined) return undefined;
  const options: string[] = [];
  for (const literal of list.matchAll(new RegExp(LITERAL, 'g'))) {
    options.push(literal[0].slice(1, -1).replace(/''/g, "'"));
  }
  return options.length > 0 ? options : undefined;
}
