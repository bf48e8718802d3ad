// HubSpot's associations as the engine sees them (the Connector's `associations`): kinds by
// HubSpot object names, edges with the from record's primary flag, one result per write. No
// scan: HubSpot has no cheap way to list every association, so the engine re-reads them around
// records that changed.
import type { AssociationEdge, AssociationEnds, AssociationKind, AssociationsApi, AssociationWriteResult } from '../types.js';
import { ASSOCIATION_TYPES, type AssociationResult, archiveAssociations, createAssociations, readAssociations, removePrimaryLabels } from './associations.js';
import type { HubspotContext } from './context.js';

/**
 * True when HubSpot keeps the from record's primary for the kind: a contact's or deal's primary
 * company (types 1 and 5). The reverse types (companies→contacts 2, companies→deals 6) mark the
 * primary company of the *to* record; a company has no primary of its own. Those kinds, like
 * deals↔contacts, report every edge as primary and never set the label.
 */
export function keepsFromPrimary(kind: AssociationKind): boolean {
  return kind.to === 'companies' && ASSOCIATION_TYPES[`${kind.from}->${kind.to}`]?.primary !== undefined;
}

function writeResult(result: AssociationResult | undefined): AssociationWriteResult {
  if (!result) return { ok: false, category: 'unknown', retryable: true, message: 'HubSpot answered without this association.' };
  return result.ok ? { ok: true } : { ok: false, category: result.category, message: result.message, retryable: result.retryable };
}

/** The associations API over the v4 batch endpoints of one connector. */
export class HubspotAssociations implements AssociationsApi {
  constructor(private readonly ctx: HubspotContext) {}

  /** True for the pairs HubSpot defines a type for (contacts, companies and deals, both ways). */
  supports(kind: AssociationKind): boolean {
    return `${kind.from}->${kind.to}` in ASSOCIATION_TYPES;
  }

  /** Every edge of each of `fromIds`; primary where the kind keeps the from record's primary. */
  async read(kind: AssociationKind, fromIds: readonly string[]): Promise<AssociationEdge[]> {
    if (fromIds.length === 0) return [];
    const fromPrimary = keepsFromPrimary(kind);
    const links = await readAssociations(this.ctx, kind.from, kind.to, fromIds);
    return links.map((l) => ({ fromId: l.fromId, toId: l.toId, primary: fromPrimary ? l.primary : true }));
  }

  /**
   * Every edge pointing at each of `toIds`: the reverse kind read from the to records, flipped.
   * The reverse primary type (company→contact 2) marks the same primary company as type 1.
   */
  async readReverse(kind: AssociationKind, toIds: readonly string[]): Promise<AssociationEdge[]> {
    if (toIds.length === 0) return [];
    const fromPrimary = keepsFromPrimary(kind);
    const links = await readAssociations(this.ctx, kind.to, kind.from, toIds);
    return links.map((l) => ({ fromId: l.toId, toId: l.fromId, primary: fromPrimary ? l.primary : true }));
  }

  /**
   * Creates edges (unlabeled, plus the primary type where asked and kept); HubSpot itself demotes
   * the from record's previous primary company to unlabeled. An existing primary edge added
   * with `primary: false` loses its primary label.
   */
  async add(kind: AssociationKind, edges: readonly AssociationEdge[]): Promise<AssociationWriteResult[]> {
    if (edges.length === 0) return [];
    const fromPrimary = keepsFromPrimary(kind);
    const created = await createAssociations(this.ctx, kind.from, kind.to, edges.map((e) => ({ fromId: e.fromId, toId: e.toId, primary: fromPrimary && e.primary })));
    const results = created.map(writeResult);
    if (!fromPrimary) return results;
    const demote = edges.flatMap((edge, index) => (!edge.primary && results[index]?.ok ? [{ index, edge }] : []));
    if (demote.length === 0) return results;
    const unlabeled = await removePrimaryLabels(this.ctx, kind.from, kind.to, demote.map(({ edge }) => ({ fromId: edge.fromId, toId: edge.toId })));
    demote.forEach(({ index }, i) => {
      results[index] = writeResult(unlabeled[i]);
    });
    return results;
  }

  /** Archives every type between each pair; pairs not associated succeed. */
  async remove(kind: AssociationKind, ends: readonly AssociationEnds[]): Promise<AssociationWriteResult[]> {
    if (ends.length === 0) return [];
    const removed = await archiveAssociations(this.ctx, kind.from, kind.to, ends.map((e) => ({ fromId: e.fromId, toId: e.toId })));
    return removed.map(writeResult);
  }
}
