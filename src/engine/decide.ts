// What happens to each record: pure decisions from a page of records and what the index knows.
// Order of the checks (the first that applies wins): an existing link; the email rule; no
// identifier; duplicate within its app; match in the other app; filters; create or skip. The
// rules it shares with the incremental passes' decideNew live in decide-rules.ts.
import type { FailureCategory } from '../errors/categories.js';
import { type Blocked, SameSideFirsts, type UnmatchedOutcome, blockedBy, duplicateOutcome, excludedUpFront, mergeWithPartner, unmatched } from './decide-rules.js';
import { type ResolvedObject, otherSide as other } from './mappings.js';
import type { PairMerge } from './merge.js';
import { type Holder, type IndexRow, type ScannedRecord, type Side, identifierKey } from './record-index.js';

export type Outcome =
  | Exclude<UnmatchedOutcome, { kind: 'failing' }>
  /** Failed before anything was written; `partner` set when the record is linked (the pair fails). */
  | { kind: 'failing'; rec: ScannedRecord; category: FailureCategory; message: string; partner?: IndexRow; partnerId?: string }
  | { kind: 'pair'; rec: ScannedRecord; partner: IndexRow; merge: Extract<PairMerge, { ok: true }> };

/** What the index said about a page: looked up in a few batched queries before deciding. */
export interface PageLookups {
  /** This side's existing rows of the page's records. */
  existing: ReadonlyMap<string, IndexRow>;
  /** First holder on this side of each identifier of the page. */
  sameSide: ReadonlyMap<string, Holder>;
  /** First holder on the other side of each identifier of the page. */
  otherSide: ReadonlyMap<string, Holder>;
  /** The other side's rows for existing partners and identifier holders. */
  otherRows: ReadonlyMap<string, IndexRow>;
  /** Other-side record id -> this side's record linked to it by an earlier page whose writes to the other side are deferred. */
  claims?: ReadonlyMap<string, string>;
}

function pairOutcome(ro: ResolvedObject, side: Side, rec: ScannedRecord, partner: IndexRow): Outcome {
  const merge = mergeWithPartner(ro, side, rec, partner.values);
  if (!merge.ok) return { kind: 'failing', rec, category: merge.category, message: merge.message, partner };
  return { kind: 'pair', rec, partner, merge };
}

/**
 * Decides each record of a page read from `side` (records in the order the app listed them).
 * Phase 2 calls it for app pages; phase 3 for the hub records still undecided.
 */
export function decidePage(ro: ResolvedObject, side: Side, run: number, records: readonly ScannedRecord[], look: PageLookups): Outcome[] {
  const firsts = new SameSideFirsts(look.sameSide);
  const claimed = new Map<string, string>();
  const otherSide = other(side);
  const out: Outcome[] = [];

  for (const rec of records) {
    out.push(decideOne(rec, look.existing.get(rec.id)));
    firsts.seen(rec);
  }
  return out;

  function decideOne(rec: ScannedRecord, row: IndexRow | undefined): Outcome {
    if (row?.partnerId) {
      const partner = look.otherRows.get(row.partnerId);
      if (!partner || partner.run !== run) {
        const category: FailureCategory = otherSide === 'hub' ? 'deleted_in_hub' : 'deleted_in_app';
        return { kind: 'failing', rec, category, message: `its partner ${otherSide} record ${row.partnerId} no longer exists (deleted in ${otherSide}).`, partnerId: row.partnerId };
      }
      claimed.set(partner.id, rec.id);
      return pairOutcome(ro, side, rec, partner);
    }
    const upFront = excludedUpFront(ro, rec);
    if (upFront) return upFront;
    const dup = firsts.firstOther(rec, row?.seq ?? Number.POSITIVE_INFINITY);
    if (dup) return duplicateOutcome(side, rec, dup);
    // Marked when the side's scan was indexed (markDuplicates).
    if (row?.duplicateOf) {
      return { kind: 'excluded', rec, reason: 'duplicate', duplicateOf: row.duplicateOf, message: `duplicate of ${row.duplicateOf.side} record ${row.duplicateOf.id} (seen first with the same identifier).` };
    }

    // Only app records are matched (phase 2 matched every app record against the hub index);
    // in phase 3 an identifier held in the app means the hub record must not be created there.
    let blocked: Blocked | undefined;
    for (const id of rec.identifiers) {
      const holder = look.otherSide.get(identifierKey(id));
      if (!holder) continue;
      const partner = look.otherRows.get(holder.id);
      const takenBy = claimed.get(holder.id) ?? look.claims?.get(holder.id) ?? (partner?.partnerId && partner.partnerId !== rec.id ? partner.partnerId : undefined);
      if (side === 'app' && partner && partner.run === run && !partner.duplicateOf && takenBy === undefined) {
        if (!rec.filterOk && !partner.filterOk) return { kind: 'excluded', rec, reason: 'filter' };
        claimed.set(partner.id, rec.id);
        return pairOutcome(ro, side, rec, partner);
      }
      blocked ??= blockedBy(side, holder.id, takenBy);
    }
    return unmatched(ro, side, rec, blocked);
  }
}
