// Before an edge is removed from one side because the other side no longer has it, the other
// side is asked whether the records at its ends still exist. An edge vanishes with its record:
// a contact deleted at the app takes its associations along, and until the incremental engine
// notices the deletion (and marks the link deleted_in_app) the merge would read that as the
// associations being removed, and remove them from the hub too, leaving resync-deleted nothing
// to restore. So a removal whose ends are gone on the side that lost the edge is not made, and
// the base keeps the edge: once the deletion is marked, the edge is left alone (frozen) until
// resync-deleted restores it. One batched record read per side, only for batches with removals.
import { withRetry } from '../incremental/retry.js';
import type { Side } from '../record-index.js';
import type { AssociationContext } from './context.js';
import type { MergeDecision } from './merge.js';

/** The part of a merged from record the guard needs. */
export interface GuardedJob {
  hubId: string;
  appId: string;
  decision: MergeDecision;
}

const other = (side: Side): Side => (side === 'hub' ? 'app' : 'hub');

/** Drops the removals whose from record or target no longer exists on the side that lost the edge. */
export async function guardRemovals(ctx: AssociationContext, jobs: readonly GuardedJob[], appIdOf: ReadonlyMap<string, string>): Promise<void> {
  const { plan } = ctx;
  const idOn = (side: Side, job: GuardedJob): string => (side === 'hub' ? job.hubId : job.appId);
  const targetOn = (side: Side, hubTarget: string): string | undefined => (side === 'hub' ? hubTarget : appIdOf.get(hubTarget));
  for (const side of ['hub', 'app'] as const) {
    // Edges removed from `side` are gone from `lost`.
    const lost = other(side);
    const withRemovals = jobs.filter((j) => j.decision.writes[side].remove.length > 0);
    if (withRemovals.length === 0) continue;
    const froms = withRemovals.map((j) => idOn(lost, j));
    const targets = [...new Set(withRemovals.flatMap((j) => j.decision.writes[side].remove.map((t) => targetOn(lost, t)).filter((t): t is string => t !== undefined)))];
    const objects = side === 'hub' ? { from: plan.from.app, to: plan.to.app } : { from: plan.from.hub, to: plan.to.hub };
    const read = (object: string, ids: readonly string[]) => withRetry(() => ctx.records[lost].read(object, ids, []), ctx.retry);
    const [fromFound, toFound] = await Promise.all([read(objects.from, froms), read(objects.to, targets)]);
    const fromIds = new Set(fromFound.map((r) => r.id));
    const toIds = new Set(toFound.map((r) => r.id));
    for (const job of withRemovals) {
      const writes = job.decision.writes[side];
      if (!fromIds.has(idOn(lost, job))) {
        ctx.logger.debug({ side: lost, id: idOn(lost, job) }, 'record gone; its associations are left alone until its deletion is marked');
        writes.remove = [];
        writes.add = [];
        delete writes.demote;
        continue;
      }
      writes.remove = writes.remove.filter((t) => {
        const id = targetOn(lost, t);
        return id !== undefined && toIds.has(id);
      });
    }
  }
}
