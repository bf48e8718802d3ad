// Phase 1, "index the hub": every hub record's id, identifiers, mapped values and verdicts go
// into the index, page by page, each page one transaction with the checkpoint; the identifiers'
// lookup entries are added at the end of the scan, all at once. The same scan
// serves crash recovery: a side with open create intents is rescanned to find what was created.
import { LISTED, type ObjectContext, checkAborted, listSide, startPhase } from './context.js';
import { IntentResolver } from './intents.js';
import type { CreateIntent, Side } from './record-index.js';
import { scanRecord } from './records.js';

/** Runs (or resumes) phase 1; with open hub intents the hub is rescanned from the start to resolve them. */
export async function indexHub(ctx: ObjectContext, hubIntents: readonly CreateIntent[]): Promise<void> {
  const inPhase = ctx.cp.phase === 'index-hub';
  const resolver = hubIntents.length > 0 ? new IntentResolver(ctx, 'hub', hubIntents) : undefined;
  const cursor = inPhase && !resolver ? ctx.cp.cursor : null;
  if (inPhase && cursor === null) ctx.counts.scanned.hub = 0;
  const progress = startPhase(ctx, inPhase ? 'index-hub' : 'resolve-intents');
  const pages = cursor === LISTED ? [] : listSide(ctx, 'hub', cursor, resolver?.properties);
  for await (const page of pages) {
    const scanned = page.records.map((r) => scanRecord(ctx.ro, 'hub', r));
    const res = resolver ? await resolver.check(page.records, scanned) : undefined;
    if (inPhase) {
      ctx.counts.scanned.hub += scanned.length;
      ctx.cp.cursor = page.nextCursor ?? LISTED;
    }
    await ctx.index.commit(ctx.key, ctx.cp.run, {
      // The phase's own scan indexes its identifiers at the end, all at once.
      scanned: { side: 'hub', records: scanned, ...(inPhase ? { identifiersLater: true } : {}) },
      ...(res ? { rows: res.rows, links: res.links, dropIntents: res.drops } : {}),
      ...(inPhase ? { checkpoint: { ...ctx.cp, counts: ctx.counts } } : {}),
    });
    progress.advance(scanned.length);
    checkAborted(ctx);
  }
  if (resolver) await ctx.index.commit(ctx.key, ctx.cp.run, { dropIntents: resolver.unresolved() });
  // Done again when a run is resumed here: the identifiers already indexed are kept as they are.
  if (inPhase) await ctx.index.indexIdentifiers(ctx.key, 'hub', ctx.cp.run);
  await ctx.index.markDuplicates(ctx.key, 'hub', ctx.cp.run);
  if (inPhase) {
    ctx.cp.phase = 'sync-app';
    ctx.cp.cursor = null;
    await ctx.index.commit(ctx.key, ctx.cp.run, { checkpoint: { ...ctx.cp, counts: ctx.counts } });
  }
  progress.finish();
}

/** Rescans `side` only to resolve open create intents on it (found records are indexed and linked). */
export async function resolveIntentsOn(ctx: ObjectContext, side: Side, intents: readonly CreateIntent[]): Promise<void> {
  const resolver = new IntentResolver(ctx, side, intents);
  const progress = startPhase(ctx, 'resolve-intents');
  for await (const page of listSide(ctx, side, null, resolver.properties)) {
    const scanned = page.records.map((r) => scanRecord(ctx.ro, side, r));
    const res = await resolver.check(page.records, scanned);
    if (res.found.length > 0) {
      await ctx.index.commit(ctx.key, ctx.cp.run, { scanned: { side, records: res.found }, rows: res.rows, links: res.links, dropIntents: res.drops });
    }
    progress.advance(scanned.length);
    if (resolver.pending === 0) break;
  }
  await ctx.index.commit(ctx.key, ctx.cp.run, { dropIntents: resolver.unresolved() });
  progress.finish();
}
