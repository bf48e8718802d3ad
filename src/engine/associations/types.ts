// An association of a sync as the engine works with it: its two object pairs, the kinds each
// app names it by, whether only the primary edge syncs, who wins a conflict and which sides
// edges may be written to. Plus what a pass reports per association.
import type { Sync, SyncObject } from '../../config/model.js';
import { flows } from '../mappings.js';
import type { Side } from '../record-index.js';
import type { AssociationKey, SideKinds } from './association-index.js';

export interface AssociationPlan {
  key: AssociationKey;
  from: SyncObject;
  to: SyncObject;
  /** The kind in each app's own object names, in the entry's direction. */
  kinds: SideKinds;
  /** contacts→companies and deals→companies (hub names): only the from record's primary edge syncs. */
  primaryOnly: boolean;
  /** The conflict winner of the from object's pair (primary-only kinds). */
  winner: Side;
  /** Edges are written to a side only when both objects flow to it. */
  writes: Record<Side, boolean>;
}

/** The name of an association entry: its hub object names as `from->to`. */
export function associationName(a: { from: string; to: string }): string {
  return `${a.from}->${a.to}`;
}

/** Whether only the primary edge of each from record syncs for this entry (by hub names). */
export function isPrimaryOnly(from: string, to: string): boolean {
  return to === 'companies' && (from === 'contacts' || from === 'deals');
}

/**
 * The sync's associations whose two objects both belong to the sync (validation ensures it;
 * an entry naming anything else is left alone here too).
 */
export function planAssociations(sync: Sync): AssociationPlan[] {
  const byHub = new Map(sync.objects.map((o) => [o.hub, o]));
  const out: AssociationPlan[] = [];
  for (const a of sync.associations) {
    const from = byHub.get(a.from);
    const to = byHub.get(a.to);
    if (!from || !to || from === to) continue;
    const f = flows(from.direction);
    const t = flows(to.direction);
    out.push({
      key: { sync: sync.name, name: associationName(a) },
      from,
      to,
      kinds: { hub: { from: from.hub, to: to.hub }, app: { from: from.app, to: to.app } },
      primaryOnly: isPrimaryOnly(a.from, a.to),
      winner: from.conflictWinner,
      writes: { hub: f.toHub && t.toHub, app: f.toApp && t.toApp },
    });
  }
  return out;
}

/** What one pass did to one association. */
export interface AssociationReport {
  /** `from->to` by hub object names. */
  association: string;
  /** Set when the association was not looked at: why (an object's initial sync not done, paused, a connector without it). */
  skipped?: string;
  /** Set when the association failed in this pass (a read or scan that kept failing): the message. */
  error?: string;
  /** This pass ran (part of) the full reconciliation. */
  full: boolean;
  /** The full reconciliation for the objects' current initial syncs is complete. */
  reconciled: boolean;
  /** From records whose associations were compared. */
  checked: number;
  /** Edges written per side. */
  added: Record<Side, number>;
  removed: Record<Side, number>;
  /** After the pass: edges waiting for their other end, and edge writes failing. */
  waiting: number;
  failing: number;
}

/** An empty report for one association. */
export function emptyAssociationReport(name: string): AssociationReport {
  return { association: name, full: false, reconciled: false, checked: 0, added: { hub: 0, app: 0 }, removed: { hub: 0, app: 0 }, waiting: 0, failing: 0 };
}
