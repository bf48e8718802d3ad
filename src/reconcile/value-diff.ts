// Generic helpers for field-level diffs: readable paths and structural equality.
import { canonicalJson } from '../util/canonical.js';
import type { FieldChange } from './types.js';

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Appends an object key to a path: `options.path`, or `options["odd key"]` for unusual keys. */
export function keyPath(prefix: string, key: string): string {
  if (PLAIN_KEY.test(key)) return prefix === '' ? key : `${prefix}.${key}`;
  return `${prefix}[${JSON.stringify(key)}]`;
}

/** Structural equality that ignores key order (definitions compare by meaning, not layout). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  return canonicalJson(a) === canonicalJson(b);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Field changes between two plain values: objects recurse key by key (so a change deep in
 * connection options names its exact path); arrays and scalars compare whole.
 */
export function diffValues(path: string, before: unknown, after: unknown, out: FieldChange[] = []): FieldChange[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) diffValues(keyPath(path, key), before[key], after[key], out);
    return out;
  }
  if (!sameValue(before, after)) out.push({ path, before, after });
  return out;
}

/** Ordering of a list does not matter: true when both hold the same items, counted. */
export function sameMultiset(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  const left = a.map((x) => canonicalJson(x)).sort();
  const right = b.map((x) => canonicalJson(x)).sort();
  return left.every((x, i) => x === right[i]);
}

/**
 * Items of `before` missing from `after` and items of `after` missing from `before`, each
 * with its index in its own list, matching equal items regardless of order.
 */
export function multisetDelta(
  before: readonly unknown[],
  after: readonly unknown[],
): { removed: { index: number; item: unknown }[]; added: { index: number; item: unknown }[] } {
  const unmatched = new Map<string, number[]>();
  after.forEach((item, index) => {
    const key = canonicalJson(item);
    unmatched.set(key, [...(unmatched.get(key) ?? []), index]);
  });
  const removed: { index: number; item: unknown }[] = [];
  before.forEach((item, index) => {
    const candidates = unmatched.get(canonicalJson(item));
    if (candidates && candidates.length > 0) candidates.shift();
    else removed.push({ index, item });
  });
  const added = [...unmatched.values()]
    .flat()
    .sort((x, y) => x - y)
    .map((index) => ({ index, item: after[index] }));
  return { removed, added };
}

/** Byte-wise string order: stable across locales, unlike localeCompare. */
export function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
