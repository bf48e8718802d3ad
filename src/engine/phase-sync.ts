// Phase 2, "scan the other app and sync": each app page is matched against the hub index with
// a few set-based lookups, decided, and executed. Phase 3, "sync the hub": hub records still
// undecided are read back from the index (not from the hub again: phase 1 stored what the
// engine needs) and created in the app where the direction allows.
import { LISTED, type ObjectContext, checkAborted, listSide, startPhase } from './context.js';
import { decidePage } from './decide.js';
import { executePage, partnerIds } from './execute.js';
import type { Checkpoint, Identifier } from './record-index.js';
import { identifierKey } from './record-index.js';
import { scanRecord } from './records.js';

function distinct(ids: readonly Identifier[]): Identifier[] {
  const seen = new Map<string, Identifier>();
  for (const id of ids) seen.set(identifierKey(id), id);
  return [...seen.values()];
}

/** Runs (or resumes) phase 2. */
export async function syncApp(ctx: ObjectContext): Promise<void> {
  const progress = startPhase(ctx, 'sync-app');
  if (ctx.cp.cursor !== LISTED) {
    for await (const page of listSide(ctx, 'app', ctx.cp.cursor)) {
      const { key, index, ro } = ctx;
      const run = ctx.cp.run;
      const records = page.records.map((r) => scanRecord(ro, 'app', r));
      ctx.counts.scanned.app += records.length;
      const idents = distinct(records.flatMap((r) => r.identifiers));
      const [existing, sameSide, otherSide] = await Promise.all([
        index.rowsById(key, 'app', records.map((r) => r.id)),
        index.firstHolders(key, 'app', idents),
        index.firstHolders(key, 'hub', idents),
      ]);
      const otherRows = await index.rowsById(key, 'hub', partnerIds(existing, otherSide.values()));
      const outcomes = decidePage(ro, 'app', run, records, { existing, sameSide, otherSide, otherRows });
      const cp: Checkpoint = { ...ctx.cp, cursor: page.nextCursor ?? LISTED };
      await executePage(ctx, 'app', outcomes, cp, false);
      ctx.cp.cursor = cp.cursor;
      progress.advance(records.length);
      checkAborted(ctx);
    }
  }
  ctx.cp.phase = 'sync-hub';
  ctx.cp.cursor = null;
  await ctx.index.commit(ctx.key, ctx.cp.run, { checkpoint: { ...ctx.cp, counts: ctx.counts } });
  progress.finish();
}

/** Runs (or resumes) phase 3; its cursor is the last index seq handled. */
export async function syncHub(ctx: ObjectContext): Promise<void> {
  const progress = startPhase(ctx, 'sync-hub');
  const { key, index, ro } = ctx;
  const run = ctx.cp.run;
  let after = ctx.cp.cursor === null ? 0 : Number(ctx.cp.cursor);
  for (;;) {
    const rows = await index.pendingRows(key, 'hub', run, after, ctx.pageSize);
    if (rows.length === 0) break;
    const idents = distinct(rows.flatMap((r) => r.identifiers));
    const existing = new Map(rows.map((r) => [r.id, r]));
    const otherSide = await index.firstHolders(key, 'app', idents);
    const otherRows = await index.rowsById(key, 'app', partnerIds(existing, otherSide.values()));
    const outcomes = decidePage(ro, 'hub', run, rows, { existing, sameSide: new Map(), otherSide, otherRows });
    after = rows[rows.length - 1]?.seq ?? after;
    const cp: Checkpoint = { ...ctx.cp, cursor: String(after) };
    await executePage(ctx, 'hub', outcomes, cp, true);
    ctx.cp.cursor = cp.cursor;
    progress.advance(rows.length);
    checkAborted(ctx);
  }
  ctx.cp.phase = 'done';
  ctx.cp.cursor = null;
  await ctx.index.commit(ctx.key, ctx.cp.run, { checkpoint: { ...ctx.cp, counts: ctx.counts } });
  progress.finish();
}
