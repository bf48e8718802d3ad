// What happens to a record that is not linked (new since the initial sync, or excluded,
// skipped or failing before): the initial sync's rules, in its order, with matching in both
// directions. Pure: lookups and the other side's fresh reads come in, outcomes go out.
// Order of the checks (the first that applies wins): the email rule; no identifier; duplicate
// within its app; match in the other app; filters; create or skip. The rules it shares with the
// initial sync's decidePage live in ../decide-rules.ts.
import { type Blocked, SameSideFirsts, type UnmatchedOutcome, blockedBy, duplicateOutcome, excludedUpFront, mergeWithPartner, unmatched } from '../decide-rules.js';
import type { ResolvedObject } from '../mappings.js';
import type { PairMerge } from '../merge.js';
import { type Holder, type IndexRow, type ScannedRecord, type Side, identifierKey } from '../record-index.js';

export type NewOutcome =
  | UnmatchedOutcome
  /** Matched an unlinked record of the other app: link them, merged as the initial sync merges. */
  | { kind: 'match'; rec: ScannedRecord; partner: ScannedRecord; partnerRow: IndexRow; merge: Extract<PairMerge, { ok: true }> };

export interface NewLookups {
  /** This side's rows of the records. */
  existing: ReadonlyMap<string, IndexRow>;
  /** First holder on this side of each identifier (by identifierKey). */
  sameSide: ReadonlyMap<string, Holder>;
  /** First holder on the other side of each identifier. */
  otherSide: ReadonlyMap<string, Holder>;
  /** The other side's rows of those holders. */
  otherRows: ReadonlyMap<string, IndexRow>;
  /** Fresh reads of the holders that could be matched; one missing here no longer exists. */
  otherCurrent: ReadonlyMap<string, ScannedRecord>;
}

function isDuplicateRow(row: IndexRow): boolean {
  return row.duplicateOf !== null || (row.status === 'excluded' && row.reason === 'duplicate');
}

/** Other-side holders that a record could be matched with: indexed, unlinked and not duplicates (read them fresh). */
export function matchCandidates(otherSide: ReadonlyMap<string, Holder>, otherRows: ReadonlyMap<string, IndexRow>): string[] {
  const ids = new Set<string>();
  for (const h of otherSide.values()) {
    const row = otherRows.get(h.id);
    if (row && row.partnerId === null && !isDuplicateRow(row)) ids.add(h.id);
  }
  return [...ids];
}

/**
 * Decides unlinked records read from `side`, in order. `claimed` (other-side id -> record id)
 * is shared across a pass's batches so one record is never matched twice.
 */
export function decideNew(ro: ResolvedObject, side: Side, records: readonly ScannedRecord[], look: NewLookups, claimed: Map<string, string>): NewOutcome[] {
  const firsts = new SameSideFirsts(look.sameSide);
  const out: NewOutcome[] = [];
  for (const rec of records) {
    out.push(decideOne(rec));
    firsts.seen(rec);
  }
  return out;

  function decideOne(rec: ScannedRecord): NewOutcome {
    const upFront = excludedUpFront(ro, rec);
    if (upFront) return upFront;
    const dup = firsts.firstOther(rec, look.existing.get(rec.id)?.seq ?? Number.POSITIVE_INFINITY);
    if (dup) return duplicateOutcome(side, rec, dup);

    let blocked: Blocked | undefined;
    for (const id of rec.identifiers) {
      const holder = look.otherSide.get(identifierKey(id));
      const row = holder ? look.otherRows.get(holder.id) : undefined;
      if (!holder || !row) continue;
      const takenBy = claimed.get(holder.id) ?? (row.partnerId !== null && row.partnerId !== rec.id ? row.partnerId : undefined);
      if (takenBy === undefined && !isDuplicateRow(row)) {
        const partner = look.otherCurrent.get(holder.id);
        // Gone from its app since it was indexed: it holds nothing any more.
        if (!partner) continue;
        if (!rec.filterOk && !partner.filterOk) return { kind: 'excluded', rec, reason: 'filter' };
        const merge = mergeWithPartner(ro, side, rec, partner.values);
        if (!merge.ok) return { kind: 'failing', rec, category: merge.category, message: merge.message };
        claimed.set(holder.id, rec.id);
        return { kind: 'match', rec, partner, partnerRow: row, merge };
      }
      blocked ??= blockedBy(side, holder.id, takenBy);
    }
    return unmatched(ro, side, rec, blocked);
  }
}
