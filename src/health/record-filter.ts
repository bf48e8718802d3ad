// `syncctl records` flags -> a RecordFilter and a column list. Every value is checked against
// what exists, and a wrong one fails naming the allowed values (and the closest, for a typo).
import type { Sync } from '../config/model.js';
import { suggestionHint } from '../config/suggest.js';
import { EXCLUSION_REASONS, FAILURE_CATEGORIES } from '../errors/categories.js';
import { SyncctlError } from '../errors/syncctl-error.js';
import { RECORD_STATUSES, type RecordFilter, type RecordStatus, SIDES, type Side } from './record-query.js';
import { parseTimeBound } from './record-time.js';
import { RECORD_COLUMNS, type RecordColumn } from './record-view.js';

/** The record view's filter flags as given (comma-separated lists allowed). */
export interface RecordFlags {
  object?: string | undefined;
  side?: string | undefined;
  status?: string | undefined;
  category?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
}

/** Failure categories and exclusion reasons, each once (`duplicate` is both). */
export const CATEGORY_NAMES: readonly string[] = [...new Set([...Object.keys(FAILURE_CATEGORIES), ...Object.keys(EXCLUSION_REASONS)])];

/** The filter the flags describe for `sync`; `now` anchors relative times. */
export function recordFilter(sync: Sync, flags: RecordFlags, now: Date): RecordFilter {
  const filter: RecordFilter = { sync: sync.name };
  if (flags.object !== undefined) filter.objects = objectsOf(sync, flags.object);
  if (flags.side !== undefined) filter.sides = checked(list(flags.side), SIDES, 'side', '--side') as Side[];
  if (flags.status !== undefined) filter.statuses = checked(list(flags.status), RECORD_STATUSES, 'status', '--status') as RecordStatus[];
  if (flags.category !== undefined) filter.categories = checked(list(flags.category), CATEGORY_NAMES, 'category', '--category');
  if (flags.since !== undefined) filter.since = parseTimeBound(flags.since, '--since', now);
  if (flags.until !== undefined) filter.until = parseTimeBound(flags.until, '--until', now);
  if (filter.since && filter.until && filter.since >= filter.until) {
    throw new SyncctlError('invalid_time', `--since (${filter.since.toISOString()}) is not before --until (${filter.until.toISOString()}).`, {
      hint: '--since is the start of the window (inclusive) and --until its end (exclusive): swap them.',
      meta: { since: filter.since.toISOString(), until: filter.until.toISOString() },
    });
  }
  return filter;
}

/** --columns as a checked list (default when absent). */
export function parseColumns(text: string | undefined, fallback: readonly RecordColumn[]): RecordColumn[] {
  if (text === undefined) return [...fallback];
  return checked(list(text), RECORD_COLUMNS, 'column', '--columns') as RecordColumn[];
}

// Objects are named by their hub name; the app's name is accepted too, since that is what
// people of the app's side call them.
function objectsOf(sync: Sync, text: string): string[] {
  const byName = new Map<string, string>();
  for (const o of sync.objects) {
    byName.set(o.app, o.hub);
    byName.set(o.hub, o.hub);
  }
  const hubNames = sync.objects.map((o) => o.hub);
  return [...new Set(list(text).map((name) => {
    const hub = byName.get(name);
    if (hub !== undefined) return hub;
    throw new SyncctlError('unknown_object', `Sync ${sync.name} has no object "${name}".`, {
      hint: suggestionHint(name, hubNames, `objects of ${sync.name}`),
      meta: { sync: sync.name, object: name, allowed: hubNames },
    });
  }))];
}

function list(text: string): string[] {
  return text.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

function checked(values: string[], allowed: readonly string[], what: string, flag: string): string[] {
  if (values.length === 0) {
    throw new SyncctlError(`invalid_${what}`, `${flag} is empty.`, { hint: suggestionHint('', allowed, `allowed values of ${flag}`), meta: { flag } });
  }
  for (const v of values) {
    if (!allowed.includes(v)) {
      throw new SyncctlError(`unknown_${what}`, `${flag}: "${v}" is not a known ${what}.`, {
        hint: suggestionHint(v, allowed, `allowed values of ${flag}`),
        meta: { flag, value: v, allowed: [...allowed] },
      });
    }
  }
  return [...new Set(values)];
}
