// What happens to each record: pure decisions from a page of records and what the index knows.
// Order of the checks (the first that applies wins): an existing link; the email rule; no
// identifier; duplicate within its app; match in the other app; filters; create or skip.
import type { ExclusionReason, FailureCategory } from '../errors/categories.js';
import { type ResolvedObject, objectFlowsTo as flowsTo, otherSide as other } from './mappings.js';
import { type CreateBuild, type PairMerge, buildCreate, mergePair } from './merge.js';
import { type Holder, type IndexRow, type ScannedRecord, type Side, identifierKey } from './record-index.js';

export type Outcome =
  | { kind: 'excluded'; rec: ScannedRecord; reason: ExclusionReason; duplicateOf?: { side: Side; id: string }; message?: string }
  | { kind: 'skipped'; rec: ScannedRecord }
  /** Failed before anything was written; `partner` set when the record is linked (the pair fails). */
  | { kind: 'failing'; rec: ScannedRecord; category: FailureCategory; message: string; partner?: IndexRow; partnerId?: string }
  | { kind: 'pair'; rec: ScannedRecord; partner: IndexRow; merge: Extract<PairMerge, { ok: true }> }
  | { kind: 'create'; rec: ScannedRecord; build: Extract<CreateBuild, { ok: true }> };

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
  const merge = side === 'app' ? mergePair(ro, partner.values, rec.values) : mergePair(ro, rec.values, partner.values);
  if (!merge.ok) return { kind: 'failing', rec, category: merge.category, message: merge.message, partner };
  return { kind: 'pair', rec, partner, merge };
}

function createOutcome(ro: ResolvedObject, side: Side, rec: ScannedRecord): Outcome {
  const build = buildCreate(ro, other(side), rec.values);
  if (!build.ok) return { kind: 'failing', rec, category: build.category, message: build.message };
  return { kind: 'create', rec, build };
}

/**
 * Decides each record of a page read from `side` (records in the order the app listed them).
 * Phase 2 calls it for app pages; phase 3 for the hub records still undecided.
 */
export function decidePage(ro: ResolvedObject, side: Side, run: number, records: readonly ScannedRecord[], look: PageLookups): Outcome[] {
  const pageFirst = new Map<string, string>();
  const claimed = new Map<string, string>();
  const otherSide = other(side);
  const out: Outcome[] = [];

  for (const rec of records) {
    const row = look.existing.get(rec.id);
    out.push(decideOne(rec, row));
    for (const id of rec.identifiers) {
      const k = identifierKey(id);
      if (!pageFirst.has(k)) pageFirst.set(k, rec.id);
    }
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
    if (ro.email && !rec.emailOk) return { kind: 'excluded', rec, reason: 'no_email' };
    if (ro.needsIdentifier && rec.identifiers.length === 0) return { kind: 'excluded', rec, reason: 'no_identifier' };

    const dup = duplicateOf(rec, row);
    if (dup) return { kind: 'excluded', rec, reason: 'duplicate', duplicateOf: { side, id: dup }, message: `duplicate of ${side} record ${dup} (seen first with the same identifier).` };
    // Marked when the side's scan was indexed (markDuplicates).
    if (row?.duplicateOf) {
      return { kind: 'excluded', rec, reason: 'duplicate', duplicateOf: row.duplicateOf, message: `duplicate of ${row.duplicateOf.side} record ${row.duplicateOf.id} (seen first with the same identifier).` };
    }

    // Only app records are matched (phase 2 matched every app record against the hub index);
    // in phase 3 an identifier held in the app means the hub record must not be created there.
    let blocked: { side: Side; id: string; why: string } | undefined;
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
      blocked ??= takenBy
        ? { side, id: takenBy, why: `it matches ${otherSide} record ${holder.id}, which is linked to ${side} record ${takenBy}` }
        : { side: otherSide, id: holder.id, why: `${otherSide} record ${holder.id} already holds the same identifier` };
    }
    if (!rec.filterOk) return { kind: 'excluded', rec, reason: 'filter' };
    if (blocked) return { kind: 'excluded', rec, reason: 'duplicate', duplicateOf: { side: blocked.side, id: blocked.id }, message: `duplicate: ${blocked.why}.` };
    if (!flowsTo(ro, otherSide)) return { kind: 'skipped', rec };
    return createOutcome(ro, side, rec);
  }

  /** The record seen first with one of `rec`'s identifiers, when that is another record. */
  function duplicateOf(rec: ScannedRecord, row: IndexRow | undefined): string | undefined {
    const ownSeq = row?.seq ?? Number.POSITIVE_INFINITY;
    let best: Holder | undefined;
    let inPage: string | undefined;
    for (const id of rec.identifiers) {
      const k = identifierKey(id);
      const h = look.sameSide.get(k);
      if (h && h.id !== rec.id && h.seq < ownSeq && (!best || h.seq < best.seq)) best = h;
      const p = pageFirst.get(k);
      if (p !== undefined && p !== rec.id) inPage ??= p;
    }
    return best?.id ?? inPage;
  }
}
