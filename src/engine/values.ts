// Property values between two apps: what counts as empty, the canonical form a value is
// compared and stored in, and whether a target field's type can hold a value at all.
import { hash } from 'node:crypto';
import type { FieldInfo, FieldType, Properties, PropertyValue } from '../connectors/types.js';

/** A field as far as values are concerned: its type and, for enums, the allowed values. */
export type ValueField = Pick<FieldInfo, 'type' | 'options'>;

/** null, undefined, or a string of only whitespace: "no value". */
export function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

const NUMBER = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const TRUE_WORDS = new Set(['true', '1', 'yes']);
const FALSE_WORDS = new Set(['false', '0', 'no']);

/** The result of converting a value for a field: the value, or why it cannot be held. */
export type Coerced = { ok: true; value: PropertyValue } | { ok: false; expected: string };

function expectedFor(field: ValueField): string {
  switch (field.type) {
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'date':
      return 'a date (YYYY-MM-DD)';
    case 'datetime':
      return 'a date-time (ISO-8601)';
    case 'enum':
      return field.options && field.options.length > 0 ? `one of ${field.options.join(', ')}` : 'text';
    case 'string':
      return 'text';
  }
}

function timeMs(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  const text = value.trim();
  const d = DATE_ONLY.exec(text);
  const ms = d ? Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3])) : Date.parse(text);
  if (Number.isNaN(ms)) return undefined;
  if (d && new Date(ms).toISOString().slice(0, 10) !== text) return undefined; // 2024-02-31
  return ms;
}

function convert(value: string | number | boolean, field: ValueField): PropertyValue | undefined {
  switch (field.type) {
    case 'string':
      return typeof value === 'number' && !Number.isFinite(value) ? undefined : String(value);
    case 'enum': {
      const text = String(value).trim();
      if (!field.options || field.options.length === 0) return text;
      if (field.options.includes(text)) return text;
      // Case differences are spelling, not meaning: take the option's own spelling.
      return field.options.find((o) => o.toLowerCase() === text.toLowerCase());
    }
    case 'number':
      if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
      if (typeof value === 'boolean') return value ? 1 : 0;
      return NUMBER.test(value) ? Number(value) : undefined;
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      const word = String(value).trim().toLowerCase();
      return TRUE_WORDS.has(word) ? true : FALSE_WORDS.has(word) ? false : undefined;
    }
    case 'date': {
      if (typeof value !== 'string') return undefined;
      const ms = timeMs(value);
      return ms === undefined ? undefined : new Date(ms).toISOString().slice(0, 10);
    }
    case 'datetime': {
      if (typeof value === 'boolean') return undefined;
      const ms = timeMs(value);
      return ms === undefined ? undefined : new Date(ms).toISOString();
    }
  }
}

/** Converts `value` to what `field` holds: empty stays null; anything else converts or fails. */
export function coerce(value: PropertyValue | undefined, field: ValueField): Coerced {
  if (value === undefined || value === null || isEmpty(value)) return { ok: true, value: null };
  const converted = convert(value, field);
  return converted === undefined ? { ok: false, expected: expectedFor(field) } : { ok: true, value: converted };
}

/**
 * The canonical form of a value read from a field of type `field`: what the index stores and
 * comparisons use. A value the field's own type cannot hold (SQLite keeps 'abc' in an INTEGER
 * column) is kept as it is, so it still compares unequal to everything else.
 */
export function canonical(value: PropertyValue | undefined, field: ValueField): PropertyValue {
  if (value === undefined || value === null || isEmpty(value)) return null;
  const c = coerce(value, field.type === 'enum' ? { type: 'string' } : field);
  return c.ok ? c.value : value;
}

/** Canonical values of `fields` (name -> field) of a record, empties left out. */
export function canonicalValues(properties: Properties, fields: ReadonlyMap<string, ValueField>): Properties {
  const out: Properties = {};
  for (const [name, field] of fields) {
    const v = canonical(properties[name], field);
    if (v !== null) out[name] = v;
  }
  return out;
}

/** True when two canonical values are the same value. */
export function sameValue(a: PropertyValue, b: PropertyValue): boolean {
  if (a === null || b === null) return a === b;
  return a === b || (typeof a === typeof b ? false : String(a) === String(b));
}

/** A short, stable content hash of a record's canonical values (key order does not matter). */
export function valuesHash(values: Properties): string {
  const keys = Object.keys(values).sort();
  let text = '';
  for (const k of keys) {
    const v = values[k];
    if (v === null || v === undefined) continue;
    text += `${k}\u0000${typeof v === 'string' ? 's' : typeof v === 'number' ? 'n' : 'b'}${String(v)}\u0001`;
  }
  return hash('sha1', text, 'base64url');
}

/** The field types that can receive a value of `from` (some per value, e.g. text into number). */
export function compatible(from: FieldType, to: FieldType): boolean {
  if (from === to || to === 'string') return true;
  const temporal = (t: FieldType): boolean => t === 'date' || t === 'datetime';
  switch (from) {
    case 'string':
      return true;
    case 'enum':
      return false;
    case 'number':
      return to === 'boolean';
    case 'boolean':
      return to === 'number';
    case 'date':
    case 'datetime':
      return temporal(to);
  }
}

/** A value shortened for messages and samples. */
export function preview(value: unknown, max = 40): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
