// Property values <-> stored values. SQLite would happily keep 'abc' in an INTEGER column,
// so every write is checked against the declared type first, and reads turn SQLite's storage
// conventions (0/1 booleans, epoch times, 64-bit integers) back into plain property values.
import type { PropertyValue } from '../types.js';
import type { SqlValue } from './driver.js';
import type { ColumnInfo } from './table-info.js';
import { normalizeTimestamp, timestampMs } from './timestamps.js';

/** A checked value ready to bind, or why it cannot be written. */
export type Checked =
  | { ok: true; value: SqlValue }
  | { ok: false; category: 'invalid_value' | 'missing_required_field'; message: string };

const TRUE_WORDS = new Set(['true', '1', 'yes']);
const FALSE_WORDS = new Set(['false', '0', 'no']);

function expected(col: ColumnInfo): string {
  switch (col.kind.type) {
    case 'number':
      return col.kind.integer ? 'a whole number' : 'a number';
    case 'boolean':
      return 'true or false';
    case 'date':
      return 'a date (YYYY-MM-DD)';
    case 'datetime':
      return 'a date-time (ISO-8601) or epoch time';
    case 'enum':
      return `one of: ${(col.options ?? []).join(', ')}`;
    case 'string':
      return 'text';
  }
}

function invalid(object: string, col: ColumnInfo, value: PropertyValue): Checked {
  const where = col.column === col.property ? '' : ` (column "${col.column}")`;
  // The value itself is left out: it is personal data, and messages end up in logs and state.
  return {
    ok: false,
    category: 'invalid_value',
    message: `property "${col.property}" of ${object}${where} is declared ${col.declaredType || 'without a type'} and expects ${expected(col)}, but got a ${typeof value} that is not one.`,
  };
}

function asDate(ms: number | undefined): string | undefined {
  if (ms === undefined) return undefined;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString().slice(0, 10);
}

function convert(col: ColumnInfo, value: string | number | boolean): SqlValue | undefined {
  switch (col.kind.type) {
    case 'string':
      return typeof value === 'number' && !Number.isFinite(value) ? undefined : String(value);
    case 'enum': {
      const text = String(value);
      return col.options?.includes(text) ? text : undefined;
    }
    case 'number': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value) ? Number(value) : undefined;
      if (n === undefined || !Number.isFinite(n)) return undefined;
      return col.kind.integer && !Number.isSafeInteger(n) ? undefined : n;
    }
    case 'boolean': {
      if (typeof value === 'boolean') return value ? 1 : 0;
      const word = String(value).trim().toLowerCase();
      return TRUE_WORDS.has(word) ? 1 : FALSE_WORDS.has(word) ? 0 : undefined;
    }
    case 'date':
      if (typeof value === 'boolean') return undefined;
      return asDate(timestampMs(value));
    case 'datetime':
      if (typeof value === 'boolean') return undefined;
      return normalizeTimestamp(value);
  }
}

/** Checks `value` against the column's declared type and converts it to what SQLite should store. */
export function checkValue(object: string, col: ColumnInfo, value: PropertyValue): Checked {
  if (col.readOnly) {
    return { ok: false, category: 'invalid_value', message: `property "${col.property}" of ${object} is read-only (id, updated-at or generated column "${col.column}").` };
  }
  if (value === null) {
    if (col.notNull) {
      return { ok: false, category: 'missing_required_field', message: `property "${col.property}" of ${object} is required (column "${col.column}" is NOT NULL) but has no value.` };
    }
    return { ok: true, value: null };
  }
  const converted = convert(col, value);
  return converted === undefined ? invalid(object, col, value) : { ok: true, value: converted };
}

/** A stored value as a property value of the column's field type. */
export function readValue(col: ColumnInfo, raw: unknown): PropertyValue {
  let value: unknown = raw;
  if (typeof value === 'bigint') value = Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string' && typeof value !== 'number') return null; // a blob in a typed column
  switch (col.kind.type) {
    case 'boolean': {
      const word = String(value).trim().toLowerCase();
      return TRUE_WORDS.has(word) ? true : FALSE_WORDS.has(word) ? false : value;
    }
    case 'datetime':
      return normalizeTimestamp(value) ?? value;
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : (asDate(timestampMs(value)) ?? value);
    case 'string':
    case 'enum':
      return String(value);
    case 'number':
      return value;
  }
}
