// The incremental association pass: re-reads associations only around what changed. The from
// records it looks at are gathered, deduplicated, in the store's work set:
// - from records touched since the last pass (changed on either side, or named by a webhook);
// - from records associated with touched `to` records (readReverse on each side, plus base rows
//   pointing at them);
// - from records with waiting or failing edges (retried every pass);
// - for each side whose connector can `scan` (and not on a push): every linked from record whose
//   current edges differ from the base, diffed set-based in the store.
// Then they are merged in batches (reconcile.ts).
import type { AssociationEdge } from '../../connectors/types.js';
import { withRetry } from '../incremental/retry.js';
import type { Side } from '../record-index.js';
import type { AssociationIndex, AssociationWorkSet } from './association-index.js';
import { type AssociationContext, stopping } from './context.js';
import { reconcileBatch } from './reconcile.js';
import type { AssociationPlan } from './types.js';

const SIDES: readonly Side[] = ['hub', 'app'];

/** Runs the incremental association pass; returns false when it stopped before the end. */
export async function runAroundChanges(ctx: AssociationContext, options: { scan: boolean }): Promise<boolean> {
  const ws = await ctx.index.workSet(ctx.plan.key);
  try {
    await gather(ctx, ws, options.scan);
    let after = '';
    for (;;) {
      if (stopping(ctx)) return false;
      const ids = await ws.page(after, ctx.pageSize);
      if (ids.length === 0) break;
      after = ids[ids.length - 1] as string;
      await reconcileBatch(ctx, ids);
    }
    await ws.releaseTouched();
    return true;
  } finally {
    await ws.close();
  }
}

/**
 * Forgets the touched records without reading them: right after a full reconciliation, which
 * just read every linked from record, they are in step already; and for an association an app
 * does not hold, which nothing reads.
 */
export async function dropTouched(index: AssociationIndex, plan: AssociationPlan): Promise<void> {
  const ws = await index.workSet(plan.key);
  try {
    await ws.claimTouched(plan.from.hub);
    await ws.releaseTouched();
  } finally {
    await ws.close();
  }
}

async function gather(ctx: AssociationContext, ws: AssociationWorkSet, scan: boolean): Promise<void> {
  const { plan } = ctx;
  await ws.claimTouched(plan.from.hub);
  for (const side of SIDES) {
    for (let after = ''; ; ) {
      const ids = await ws.touchedTo(side, after, ctx.pageSize);
      if (ids.length === 0) break;
      after = ids[ids.length - 1] as string;
      await aroundTargets(ctx, ws, side, ids);
    }
  }
  await ws.addWaitingAndFailing();
  if (!scan) return;
  for (const side of SIDES) {
    const api = ctx.apis[side];
    if (!api.scan || stopping(ctx)) continue;
    const pages = api.scan(plan.kinds[side], { pageSize: ctx.pageSize });
    await ws.addScanDiff(side, pages, { fromObject: plan.from.hub, toObject: plan.to.hub, primaryOnly: plan.primaryOnly });
  }
}

/** Adds the from records associated with touched `to` records of `side` (both apps' view, and the base's). */
async function aroundTargets(ctx: AssociationContext, ws: AssociationWorkSet, side: Side, ids: readonly string[]): Promise<void> {
  const { plan, index } = ctx;
  const links = await index.links(plan.key.sync, plan.to.hub, side, ids);
  const ends: Record<Side, string[]> = { hub: [], app: [] };
  for (const id of ids) {
    const l = links.get(id);
    if (l?.state !== 'linked' || l.partnerId === null) continue;
    ends[side].push(id);
    ends[side === 'hub' ? 'app' : 'hub'].push(l.partnerId);
  }
  if (ends.hub.length === 0) return;
  const reverse = (s: Side): Promise<AssociationEdge[]> => withRetry(() => ctx.apis[s].readReverse(plan.kinds[s], ends[s]), ctx.retry);
  const [hubEdges, appEdges] = await Promise.all([reverse('hub'), reverse('app')]);
  await ws.add([...new Set(hubEdges.map((e) => String(e.fromId)))]);
  const appFrom = [...new Set(appEdges.map((e) => String(e.fromId)))];
  const fromLinks = await index.links(plan.key.sync, plan.from.hub, 'app', appFrom);
  await ws.add([...fromLinks.values()].filter((l) => l.state === 'linked').map((l) => l.partnerId as string));
  await ws.addBasePointingAt(ends.hub);
}
