// The record view: one row per indexed record (each side of a linked pair is its own row),
// with both ids, its identifiers by property name, status, category or reason, message, a hint
// on how to resolve it, and its times. The same column names serve table, CSV and JSON.
import type { Sync } from '../config/model.js';
import { EXCLUSION_REASONS, FAILURE_CATEGORIES } from '../errors/categories.js';
import { redactSecrets } from '../log/redact.js';
import type { RecordEntry, RecordStatus } from './record-query.js';

export const RECORD_COLUMNS = [
  'object',
  'side',
  'hubId',
  'appId',
  'identifiers',
  'status',
  'category',
  'message',
  'hint',
  'lastSynced',
  'firstSeen',
  'lastChanged',
  'duplicateOf',
] as const;

export type RecordColumn = (typeof RECORD_COLUMNS)[number];

/** Columns of CSV and JSON exports unless --columns says otherwise. */
export const DEFAULT_EXPORT_COLUMNS: readonly RecordColumn[] = [
  'object', 'side', 'hubId', 'appId', 'identifiers', 'status', 'category', 'message', 'hint', 'lastSynced', 'firstSeen',
];

/** Columns of the terminal table unless --columns says otherwise (the hint is long: see exports). */
export const DEFAULT_TABLE_COLUMNS: readonly RecordColumn[] = [
  'object', 'side', 'hubId', 'appId', 'identifiers', 'status', 'category', 'message', 'lastSynced',
];

/** One row of the record view. */
export interface RecordRow {
  object: string;
  side: 'hub' | 'app';
  hubId: string | null;
  appId: string | null;
  /** Match property (hub name) -> normalised value. */
  identifiers: Record<string, string>;
  status: RecordStatus;
  /** The failure category (failing) or the exclusion reason (excluded). */
  category: string | null;
  message: string | null;
  hint: string | null;
  lastSynced: string | null;
  firstSeen: string;
  lastChanged: string | null;
  /** The record seen first with the same identifier, as `side:id`. */
  duplicateOf: string | null;
}

const STATUS_HINTS: Partial<Record<RecordStatus, string>> = {
  'in-queue': 'Another sync is working on this record; it syncs once that sync is done with it.',
  pending: 'The running initial sync has indexed this record but not decided it yet.',
  skipped: 'No partner in the other app, and the direction does not create one there.',
};

/** Turns index entries into view rows; identifier positions are named by the sync's `match` lists. */
export function recordRowMapper(sync: Sync): (e: RecordEntry) => RecordRow {
  const matchOf = new Map(sync.objects.map((o) => [o.hub, o.match]));
  return (e) => {
    const match = matchOf.get(e.object) ?? [];
    const identifiers: Record<string, string> = {};
    for (const [prop, value] of e.identifiers) identifiers[match[prop] ?? `#${prop}`] = value;
    const category = e.status === 'failing' ? (e.category ?? 'unknown') : e.status === 'excluded' ? e.reason : (e.category ?? e.reason);
    return {
      object: e.object,
      side: e.side,
      hubId: e.side === 'hub' ? e.id : e.partnerId,
      appId: e.side === 'app' ? e.id : e.partnerId,
      identifiers,
      status: e.status,
      category,
      message: e.message === null ? null : redactSecrets(e.message),
      hint: hintOf(e.status, category),
      lastSynced: e.lastSynced,
      firstSeen: e.firstSeen,
      lastChanged: e.lastChanged,
      duplicateOf: e.duplicateOf ? `${e.duplicateOf.side}:${e.duplicateOf.id}` : null,
    };
  };
}

function hintOf(status: RecordStatus, category: string | null): string | null {
  if (status === 'failing' && category !== null && category in FAILURE_CATEGORIES) {
    return FAILURE_CATEGORIES[category as keyof typeof FAILURE_CATEGORIES];
  }
  if (status === 'excluded' && category !== null && category in EXCLUSION_REASONS) {
    return EXCLUSION_REASONS[category as keyof typeof EXCLUSION_REASONS];
  }
  return STATUS_HINTS[status] ?? null;
}

/** A cell as text (CSV and table): identifiers as `email=a@b.com; domain=b.com`, null as empty. */
export function cellText(row: RecordRow, column: RecordColumn): string {
  if (column === 'identifiers') {
    return Object.entries(row.identifiers).map(([k, v]) => `${k}=${v}`).join('; ');
  }
  return row[column] ?? '';
}

/** The row with only `columns`, in that order (JSON output). */
export function pickColumns(row: RecordRow, columns: readonly RecordColumn[]): Partial<RecordRow> {
  const out: Partial<Record<RecordColumn, unknown>> = {};
  for (const c of columns) out[c] = row[c];
  return out as Partial<RecordRow>;
}
