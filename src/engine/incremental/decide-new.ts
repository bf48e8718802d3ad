// What happens to a record that is not linked (new since the initial sync, or excluded,
// skipped or failing before): the initial sync's rules, in its order, with matching in both
// directions. Pure: lookups and the other side's fresh reads come in, outcomes go out.
// Order of the checks (the first that applies wins): the email rule; no identifier; duplicate
// within its app; match in the other app; filters; create or skip.
import type { ExclusionReason, FailureCategory } from '../../errors/categories.js';
import { type ResolvedObject, objectFlowsTo as flowsTo, otherSide as other } from '../mappings.js';
import { type CreateBuild, type PairMerge, buildCreate, mergePair } from '../merge.js';
import { type Holder, type IndexRow, type ScannedRecord, type Side, identifierKey } from '../record-index.js';

export type NewOutcome =
  | { kind: 'excluded'; rec: ScannedRecord; reason: ExclusionReason; duplicateOf?: { side: Side; id: string }; message?: string }
  | { kind: 'skipped'; rec: ScannedRecord }
  | { kind: 'failing'; rec: ScannedRecord; category: FailureCategory; message: string }
  /** Matched an unlinked record of the other app: link them, merged as the initial sync merges. */
  | { kind: 'match'; rec: ScannedRecord; partner: ScannedRecord; partnerRow: IndexRow; merge: Extract<PairMerge, { ok: true }> }
  | { kind: 'create'; rec: ScannedRecord; build: Extract<CreateBuild, { ok: true }> };

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
  const otherSide = other(side);
  const batchFirst = new Map<string, string>();
  const out: NewOutcome[] = [];
  for (const rec of records) {
    out.push(decideOne(rec));
    for (const id of rec.identifiers) {
      const k = identifierKey(id);
      if (!batchFirst.has(k)) batchFirst.set(k, rec.id);
    }
  }
  return out;

  function decideOne(rec: ScannedRecord): NewOutcome {
    if (ro.email && !rec.emailOk) return { kind: 'excluded', rec, reason: 'no_email' };
    if (ro.needsIdentifier && rec.identifiers.length === 0) return { kind: 'excluded', rec, reason: 'no_identifier' };
    const dup = duplicateOf(rec);
    if (dup) return { kind: 'excluded', rec, reason: 'duplicate', duplicateOf: { side, id: dup }, message: `duplicate of ${side} record ${dup} (seen first with the same identifier).` };

    let blocked: { side: Side; id: string; why: string } | undefined;
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
        const merge = side === 'app' ? mergePair(ro, partner.values, rec.values) : mergePair(ro, rec.values, partner.values);
        if (!merge.ok) return { kind: 'failing', rec, category: merge.category, message: merge.message };
        claimed.set(holder.id, rec.id);
        return { kind: 'match', rec, partner, partnerRow: row, merge };
      }
      blocked ??= takenBy
        ? { side, id: takenBy, why: `it matches ${otherSide} record ${holder.id}, which is linked to ${side} record ${takenBy}` }
        : { side: otherSide, id: holder.id, why: `${otherSide} record ${holder.id} already holds the same identifier` };
    }
    if (!rec.filterOk) return { kind: 'excluded', rec, reason: 'filter' };
    if (blocked) return { kind: 'excluded', rec, reason: 'duplicate', duplicateOf: { side: blocked.side, id: blocked.id }, message: `duplicate: ${blocked.why}.` };
    if (!flowsTo(ro, otherSide)) return { kind: 'skipped', rec };
    const build = buildCreate(ro, otherSide, rec.values);
    if (!build.ok) return { kind: 'failing', rec, category: build.category, message: build.message };
    return { kind: 'create', rec, build };
  }

  /** The record seen first with one of `rec`'s identifiers, when that is another record. */
  function duplicateOf(rec: ScannedRecord): string | undefined {
    const ownSeq = look.existing.get(rec.id)?.seq ?? Number.POSITIVE_INFINITY;
    let best: Holder | undefined;
    let inBatch: string | undefined;
    for (const id of rec.identifiers) {
      const k = identifierKey(id);
      const h = look.sameSide.get(k);
      if (h && h.id !== rec.id && h.seq < ownSeq && (!best || h.seq < best.seq)) best = h;
      const p = batchFirst.get(k);
      if (p !== undefined && p !== rec.id) inBatch ??= p;
    }
    return best?.id ?? inBatch;
  }
}
