// The full reconciliation of an association, once both of its objects have finished their
// initial sync: every linked from record, in batches by hub record id, merged against an empty
// base (startFull forgets the old one): sets become the union of both sides; primaries that
// agree stay, one side's primary fills the other's gap, and two different ones go to the
// conflict winner. The checkpoint is saved with each batch's outcome, so an interrupted
// reconciliation resumes after its last saved batch (a batch redone adds nothing twice: adds
// are idempotent and an edge already on both sides is not written).
import type { AssociationCheckpoint } from './association-index.js';
import { type AssociationContext, stopping } from './context.js';
import { reconcileBatch } from './reconcile.js';

/** Runs (or resumes) the full reconciliation; returns true when it completed. */
export async function runFullReconciliation(ctx: AssociationContext, start: AssociationCheckpoint): Promise<boolean> {
  const { plan, index } = ctx;
  let cp = start;
  ctx.report.full = true;
  if (cp.resumeAfter !== '') ctx.logger.info({ association: plan.key.name, after: cp.resumeAfter }, 'resuming the full association reconciliation');
  for (;;) {
    if (stopping(ctx)) return false;
    const ids = await index.linkedPage(plan.key.sync, plan.from.hub, cp.resumeAfter, ctx.pageSize);
    if (ids.length === 0) {
      cp = { ...cp, done: true };
      await index.save(plan.key, [], cp);
      ctx.logger.info({ association: plan.key.name, checked: ctx.report.checked }, 'full association reconciliation done');
      return true;
    }
    cp = { ...cp, resumeAfter: ids[ids.length - 1] as string };
    await reconcileBatch(ctx, ids, cp);
  }
}
