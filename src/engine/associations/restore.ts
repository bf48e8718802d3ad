// Associations of records that resync-deleted recreated. While a link was deleted on one side,
// its associations were left alone with their base; the recreated record has none. So the base
// rows naming the old ids are dropped, then the from records concerned are reconciled: with no
// base for those edges, the merge's union brings the surviving side's edges to the new record.
// Concerned: the recreated records themselves (as from records), and the from records pointing
// at recreated `to` records (by their base, and by the surviving side's reverse read).
import type { Sync } from '../../config/model.js';
import type { Connector } from '../../connectors/types.js';
import type { Logger } from '../../log/logger.js';
import { DEFAULT_TUNING } from '../incremental/types.js';
import { type RetryPolicy, isAuthFailure, messageOf, withRetry } from '../incremental/retry.js';
import type { Side } from '../record-index.js';
import type { AssociationIndex } from './association-index.js';
import { type AssociationContext, associationApis } from './context.js';
import { reconcileBatch } from './reconcile.js';
import { type AssociationPlan, type AssociationReport, emptyAssociationReport, planAssociations } from './types.js';

/** One recreated record: its object (hub name), the survivor's id, the old (deleted) id and the new one. */
export interface Recreated {
  object: string;
  survivorId: string;
  deletedId: string;
  newId: string;
}

export interface RestoreOptions {
  sync: Sync;
  /** The side the records were recreated in. */
  side: Side;
  connectors: Record<Side, Connector>;
  index: AssociationIndex;
  recreated: readonly Recreated[];
  logger: Logger;
  pageSize?: number;
  retry?: RetryPolicy;
}

/** Restores the associations of the recreated records; one report per association of the sync. */
export async function restoreAssociations(o: RestoreOptions): Promise<AssociationReport[]> {
  const reports: AssociationReport[] = [];
  for (const plan of planAssociations(o.sync)) {
    const report = emptyAssociationReport(plan.key.name);
    reports.push(report);
    const mine = (object: string) => o.recreated.filter((r) => r.object === object);
    if (mine(plan.from.hub).length + mine(plan.to.hub).length === 0) continue;
    const apis = associationApis(plan, o.connectors);
    if (typeof apis === 'string') {
      report.skipped = apis;
      continue;
    }
    const cp = await o.index.getCheckpoint(plan.key);
    if (!cp?.done) {
      // Not reconciled yet: its full reconciliation will take the recreated records in.
      report.skipped = 'its full reconciliation has not run yet; it takes the recreated records in';
      continue;
    }
    const ctx: AssociationContext = {
      plan,
      apis,
      records: o.connectors,
      connections: { hub: o.sync.hub, app: o.sync.app },
      index: o.index,
      logger: o.logger.child({ association: plan.key.name }),
      retry: o.retry ?? { attempts: DEFAULT_TUNING.retryAttempts, baseMs: DEFAULT_TUNING.retryBaseMs, maxMs: DEFAULT_TUNING.retryMaxMs },
      pageSize: o.pageSize ?? DEFAULT_TUNING.pageSize,
      signal: undefined,
      report,
    };
    report.reconciled = true;
    try {
      const from = await concerned(o, ctx, plan, mine(plan.from.hub), mine(plan.to.hub));
      // Noted for the next pass too: should anything below fail, that pass takes them up again.
      await o.index.touch(plan.key, 'from', 'hub', from);
      for (let at = 0; at < from.length; at += ctx.pageSize) await reconcileBatch(ctx, from.slice(at, at + ctx.pageSize));
    } catch (err) {
      // The records are recreated either way; the next incremental pass tries the rest again.
      if (isAuthFailure(err)) throw err;
      report.error = messageOf(err);
      ctx.logger.warn({ err: report.error }, 'restoring associations failed');
    }
    const counts = await o.index.counts(plan.key);
    report.waiting = counts.waiting;
    report.failing = counts.failing;
  }
  return reports;
}

/** Drops the base rows naming the old hub ids and returns the hub ids of the from records to reconcile. */
async function concerned(o: RestoreOptions, ctx: AssociationContext, plan: AssociationPlan, asFrom: readonly Recreated[], asTo: readonly Recreated[]): Promise<string[]> {
  const hubOld = (r: Recreated): string => (o.side === 'hub' ? r.deletedId : r.survivorId);
  const hubNow = (r: Recreated): string => (o.side === 'hub' ? r.newId : r.survivorId);
  const out = new Set<string>(asFrom.map(hubNow));
  await o.index.dropBase(plan.key, 'from', asFrom.map(hubOld));
  // A from record recreated in the hub has a new hub id: what waited or failed under the old one is moot.
  if (o.side === 'hub') await o.index.forgetPending(plan.key, asFrom.map(hubOld));
  if (asTo.length > 0) {
    for (const id of await o.index.basePointingAt(plan.key, asTo.map(hubOld))) out.add(id);
    // The surviving side still holds the edges pointing at the survivors.
    const survivor: Side = o.side === 'hub' ? 'app' : 'hub';
    const edges = await withRetry(() => ctx.apis[survivor].readReverse(plan.kinds[survivor], asTo.map((r) => r.survivorId)), ctx.retry);
    const fromIds = [...new Set(edges.map((e) => String(e.fromId)))];
    if (survivor === 'hub') for (const id of fromIds) out.add(id);
    else for (const l of (await o.index.links(plan.key.sync, plan.from.hub, 'app', fromIds)).values()) if (l.state === 'linked' && l.partnerId) out.add(l.partnerId);
    await o.index.dropBase(plan.key, 'to', asTo.map(hubOld));
  }
  return [...out].sort();
}
