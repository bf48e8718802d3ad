// The rules for a record that is not linked, shared by the initial sync (decide.ts, a page at a
// time) and the incremental passes (incremental/decide-new.ts, a batch of new records at a time):
// the email rule and the identifier rule up front; a duplicate of the record seen first with one
// of its identifiers; and, when nothing in the other app could be matched, filters, a blocked
// identifier, the direction, then a create. What differs between the two is how a match with
// the other app is found and checked, which each keeps to itself.
import type { ExclusionReason, FailureCategory } from '../errors/categories.js';
import { type ResolvedObject, objectFlowsTo as flowsTo, otherSide as other } from './mappings.js';
import type { Properties } from '../connectors/types.js';
import { type CreateBuild, type PairMerge, buildCreate, mergePair } from './merge.js';
import { type Holder, type ScannedRecord, type Side, identifierKey } from './record-index.js';

/** What the shared rules decide: every outcome but a match. */
export type UnmatchedOutcome =
  | { kind: 'excluded'; rec: ScannedRecord; reason: ExclusionReason; duplicateOf?: { side: Side; id: string }; message?: string }
  | { kind: 'skipped'; rec: ScannedRecord }
  | { kind: 'failing'; rec: ScannedRecord; category: FailureCategory; message: string }
  | { kind: 'create'; rec: ScannedRecord; build: Extract<CreateBuild, { ok: true }> };

/** An identifier of the record held in the other app by a record it may not be matched with. */
export interface Blocked {
  side: Side;
  id: string;
  why: string;
}

/** `rec` of `side` merged with its partner's values from the other app (mergePair takes the hub's first). */
export function mergeWithPartner(ro: ResolvedObject, side: Side, rec: ScannedRecord, partnerValues: Properties): PairMerge {
  return side === 'app' ? mergePair(ro, partnerValues, rec.values) : mergePair(ro, rec.values, partnerValues);
}

/** The email and identifier rules, checked before anything else. */
export function excludedUpFront(ro: ResolvedObject, rec: ScannedRecord): UnmatchedOutcome | undefined {
  if (ro.email && !rec.emailOk) return { kind: 'excluded', rec, reason: 'no_email' };
  if (ro.needsIdentifier && rec.identifiers.length === 0) return { kind: 'excluded', rec, reason: 'no_identifier' };
  return undefined;
}

/** A duplicate of `first`, the record of `side` seen first with the same identifier. */
export function duplicateOutcome(side: Side, rec: ScannedRecord, first: string): UnmatchedOutcome {
  return { kind: 'excluded', rec, reason: 'duplicate', duplicateOf: { side, id: first }, message: `duplicate of ${side} record ${first} (seen first with the same identifier).` };
}

/**
 * Why a record of `side` may not take the other app's `holder` of its identifier: the holder is
 * linked to (or claimed by) `takenBy`, or, when nobody took it, it cannot be matched at all.
 */
export function blockedBy(side: Side, holder: string, takenBy: string | undefined): Blocked {
  const otherSide = other(side);
  return takenBy
    ? { side, id: takenBy, why: `it matches ${otherSide} record ${holder}, which is linked to ${side} record ${takenBy}` }
    : { side: otherSide, id: holder, why: `${otherSide} record ${holder} already holds the same identifier` };
}

/** The last rules, for a record nothing was matched with: filters, a blocked identifier, the direction, then create. */
export function unmatched(ro: ResolvedObject, side: Side, rec: ScannedRecord, blocked: Blocked | undefined): UnmatchedOutcome {
  if (!rec.filterOk) return { kind: 'excluded', rec, reason: 'filter' };
  if (blocked) return { kind: 'excluded', rec, reason: 'duplicate', duplicateOf: { side: blocked.side, id: blocked.id }, message: `duplicate: ${blocked.why}.` };
  const target = other(side);
  if (!flowsTo(ro, target)) return { kind: 'skipped', rec };
  const build = buildCreate(ro, target, rec.values);
  if (!build.ok) return { kind: 'failing', rec, category: build.category, message: build.message };
  return { kind: 'create', rec, build };
}

/**
 * Duplicates within one app, as records are decided in order: the record seen first with one of
 * a record's identifiers is the index's first holder when that came earlier (lower seq), else
 * an earlier record of the same page or batch.
 */
export class SameSideFirsts {
  private readonly batchFirst = new Map<string, string>();

  /** `sameSide`: the first holder in the index of each identifier (by identifierKey). */
  constructor(private readonly sameSide: ReadonlyMap<string, Holder>) {}

  /** The record seen first with one of `rec`'s identifiers, when that is another record; `ownSeq`: `rec`'s place in the index. */
  firstOther(rec: ScannedRecord, ownSeq: number): string | undefined {
    let best: Holder | undefined;
    let inBatch: string | undefined;
    for (const id of rec.identifiers) {
      const k = identifierKey(id);
      const h = this.sameSide.get(k);
      if (h && h.id !== rec.id && h.seq < ownSeq && (!best || h.seq < best.seq)) best = h;
      const p = this.batchFirst.get(k);
      if (p !== undefined && p !== rec.id) inBatch ??= p;
    }
    return best?.id ?? inBatch;
  }

  /** `rec` was decided: it is the batch's first holder of the identifiers nobody held before it. */
  seen(rec: ScannedRecord): void {
    for (const id of rec.identifiers) {
      const k = identifierKey(id);
      if (!this.batchFirst.has(k)) this.batchFirst.set(k, rec.id);
    }
  }
}
