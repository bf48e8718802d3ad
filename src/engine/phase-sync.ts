// Phase 2, "scan the other app and sync": the app's records are indexed first, like the hub's
// in phase 1 (identifiers all at once at the end of the scan); then the app's rows are synced
// from the index in seq order (the order the app listed them), page by page: each page is
// matched against the hub index with a few set-based lookups, decided, and executed. Phase 3,
// "sync the hub": hub records still undecided are read back from the index (not from the hub
// again: phase 1 stored what the engine needs) and created in the app where the direction allows.
//
// Writes stay in index order: a page's own rows are rewritten where they lie (its seq range),
// new rows are appended, and the partners a page matches (scattered over the other side's
// rows) are deferred to the end of the phase, when settle() rewrites them front to back.
import { LISTED, type ObjectContext, checkAborted, listSide, startPhase } from './context.js';
import { decidePage } from './decide.js';
import { executePage, partnerIds } from './execute.js';
import { otherSide as other } from './mappings.js';
import type { PhaseProgress } from './progress.js';
import type { Checkpoint, Identifier, Side } from './record-index.js';
import { identifierKey } from './record-index.js';
import { scanRecord } from './records.js';
import { turn } from '../util/turn.js';

function distinct(ids: readonly Identifier[]): Identifier[] {
  const seen = new Map<string, Identifier>();
  for (const id of ids) seen.set(identifierKey(id), id);
  return [...seen.values()];
}

/** Phase 2's cursor once the app's scan is indexed (identifiers, duplicates): its rows are being synced. */
const INDEXED = '\u0000indexed';

/**
 * Runs (or resumes) phase 2. Its cursor is the app's listing cursor during the scan, LISTED
 * when the scan is done, INDEXED once its identifiers and duplicates are indexed.
 */
export async function syncApp(ctx: ObjectContext): Promise<void> {
  const progress = startPhase(ctx, 'sync-app');
  const { key, index, ro } = ctx;
  const run = ctx.cp.run;
  if (ctx.cp.cursor !== LISTED && ctx.cp.cursor !== INDEXED) {
    if (ctx.cp.cursor === null) ctx.counts.scanned.app = 0;
    for await (const page of listSide(ctx, 'app', ctx.cp.cursor)) {
      const records = page.records.map((r) => scanRecord(ro, 'app', r));
      ctx.counts.scanned.app += records.length;
      ctx.cp.cursor = page.nextCursor ?? LISTED;
      await index.commit(key, run, {
        scanned: { side: 'app', records, identifiersLater: true },
        checkpoint: { ...ctx.cp, counts: ctx.counts },
      });
      // Records count as processed when synced; a tick per page lets listeners see the scan move.
      progress.advance(0);
      checkAborted(ctx);
    }
  }
  if (ctx.cp.cursor !== INDEXED) {
    // Done again when a run stops before the checkpoint below, before any row was synced.
    // Not after that: a synced pair may have given a row new identifiers, and duplicates are
    // judged by what the scan found, as in a run that never stopped.
    await index.indexIdentifiers(key, 'app', run);
    await index.markDuplicates(key, 'app', run);
    ctx.cp.cursor = INDEXED;
    await index.commit(key, run, { checkpoint: { ...ctx.cp, counts: ctx.counts } });
  }
  await syncIndexed(ctx, 'app', progress, null);
  await index.settle(key, 'hub');
  ctx.cp.phase = 'sync-hub';
  ctx.cp.cursor = null;
  await index.commit(key, run, { checkpoint: { ...ctx.cp, counts: ctx.counts } });
  progress.finish();
}

/** Runs (or resumes) phase 3; its cursor is the last index seq handled. */
export async function syncHub(ctx: ObjectContext): Promise<void> {
  const progress = startPhase(ctx, 'sync-hub');
  await syncIndexed(ctx, 'hub', progress, ctx.cp.cursor === null ? 0 : Number(ctx.cp.cursor));
  await ctx.index.settle(ctx.key, 'app');
  ctx.cp.phase = 'done';
  ctx.cp.cursor = null;
  await ctx.index.commit(ctx.key, ctx.cp.run, { checkpoint: { ...ctx.cp, counts: ctx.counts } });
  progress.finish();
}

/**
 * Syncs `side`'s rows of this run that are still pending, in seq order. `after`: the phase's
 * cursor is the last seq handled (phase 3); null: the cursor stays as it is (phase 2 finds its
 * remaining work by status alone, and defers its writes to the hub rows it matches).
 */
async function syncIndexed(ctx: ObjectContext, side: Side, progress: PhaseProgress, after: number | null): Promise<void> {
  const { key, index, ro } = ctx;
  const run = ctx.cp.run;
  const target = other(side);
  const deferPartners = after === null;
  // Matched by several properties, two app records without a common identifier can match the
  // same hub record; the first one links it. Those links wait in deferred writes until the
  // phase ends, so the phase remembers them (one entry per pair of such an object), and reloads
  // them when it resumes.
  const claims = deferPartners && ro.match.length > 1 ? await index.deferredLinks(key, target) : undefined;
  let seq = after ?? 0;
  for (;;) {
    const rows = await index.pendingRows(key, side, run, seq, ctx.pageSize);
    if (rows.length === 0) break;
    const idents = distinct(rows.flatMap((r) => r.identifiers));
    const existing = new Map(rows.map((r) => [r.id, r]));
    // Duplicates within the side were marked when its scan ended (markDuplicates).
    const matched = await index.firstHolderRows(key, target, idents);
    const otherSide = matched.holders;
    // Partners of links made by earlier runs, when no identifier of the page found them.
    const otherRows = matched.rows;
    const missing = partnerIds(existing, []).filter((id) => !otherRows.has(id));
    if (missing.length > 0) for (const [id, r] of await index.rowsById(key, target, missing)) otherRows.set(id, r);
    const outcomes = decidePage(ro, side, run, rows, { existing, sameSide: new Map(), otherSide, otherRows, ...(claims ? { claims } : {}) });
    seq = rows[rows.length - 1]?.seq ?? seq;
    const cp: Checkpoint = { ...ctx.cp, cursor: after === null ? ctx.cp.cursor : String(seq) };
    await executePage(ctx, side, outcomes, cp, deferPartners);
    ctx.cp.cursor = cp.cursor;
    if (claims) {
      for (const o of outcomes) {
        const linked = o.kind === 'pair' || o.kind === 'failing' ? o.partner : undefined;
        if (linked) claims.set(linked.id, o.rec.id);
      }
    }
    progress.advance(rows.length);
    checkAborted(ctx);
    // The index (and a SQLite connector) answer synchronously: without this the whole phase
    // would hold the event loop; the runner's HTTP endpoints, timers and signals get a turn.
    await turn();
  }
}
