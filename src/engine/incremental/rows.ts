// Index rows as the incremental engine writes them: a record as read now, or an existing row
// whose status alone changes (its stored values stay the base for the next merge).
import type { Identifier, IndexRow, RowWrite, ScannedRecord, Side } from '../record-index.js';
import { identifierKey } from '../record-index.js';

/** True when two records hold the same identifiers in the same order. */
export function sameIdentifiers(a: { identifiers: readonly Identifier[] }, b: { identifiers: readonly Identifier[] }): boolean {
  return a.identifiers.length === b.identifiers.length && a.identifiers.every((x, i) => x.prop === b.identifiers[i]?.prop && x.value === b.identifiers[i]?.value);
}

/** Identifiers the stored row holds that `now` no longer does (to forget after the write). */
export function staleIdentifiers(row: IndexRow | undefined, now: ScannedRecord): Identifier[] {
  if (!row || sameIdentifiers(row, now)) return [];
  const kept = new Set(now.identifiers.map(identifierKey));
  return row.identifiers.filter((i) => !kept.has(identifierKey(i)));
}

/** A row holding `rec` as read now (or as written now); `existing` is its stored row, if any. */
export function freshRow(side: Side, rec: ScannedRecord, existing: IndexRow | undefined, status: RowWrite['status'], partnerId: string | null, extra: Partial<RowWrite> = {}): RowWrite {
  return {
    id: rec.id,
    identifiers: rec.identifiers,
    values: rec.values,
    hash: rec.hash,
    filterOk: rec.filterOk,
    emailOk: rec.emailOk,
    changedAt: rec.changedAt,
    side,
    status,
    partnerId,
    category: null,
    reason: null,
    message: null,
    duplicateOf: null,
    synced: false,
    ...(existing ? { seq: existing.seq, identifiersIndexed: sameIdentifiers(existing, rec) } : {}),
    ...extra,
  };
}

/** The stored row with a new status; values, identifiers and link stay as they are. */
export function statusRow(row: IndexRow, status: RowWrite['status'], extra: Partial<RowWrite> = {}): RowWrite {
  return {
    id: row.id,
    identifiers: row.identifiers,
    values: row.values,
    hash: row.hash,
    filterOk: row.filterOk,
    emailOk: row.emailOk,
    changedAt: row.changedAt,
    side: row.side,
    status,
    partnerId: row.partnerId,
    category: null,
    reason: null,
    message: null,
    duplicateOf: row.duplicateOf,
    synced: false,
    seq: row.seq,
    identifiersIndexed: true,
    valuesUnchanged: true,
    ...extra,
  };
}

/** A ScannedRecord without the index row's extra fields (what an intent carries). */
export function plainRecord(r: ScannedRecord): ScannedRecord {
  return { id: r.id, identifiers: r.identifiers, values: r.values, hash: r.hash, filterOk: r.filterOk, emailOk: r.emailOk, changedAt: r.changedAt };
}
