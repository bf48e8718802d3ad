// One object's share of a pass: where its changed records come from (the change feeds from the
// stored cursors, a push's ids, or the failing rows), then the records left in queue, then
// what vanished. Feeds are read page by page; each page is processed and its cursor saved
// before the next, so a crash re-reads at most one page (whose records then compare equal).
import type { ChangeCursor, RemoteRecord } from '../../connectors/types.js';
import type { Side } from '../record-index.js';
import { processBatch, readSide } from './batch.js';
import { type ObjectRun, objectOn, stopping } from './context.js';
import { settleVanished } from './deletes.js';
import { recoverIntents } from './recover-intents.js';
import { backoffMs, isRetryable, retryAfterOf, sleep } from './retry.js';
import type { ChangeTrigger } from './types.js';

const SIDES: readonly Side[] = ['hub', 'app'];

/** Runs `trigger` for one object. */
export async function runObjectPass(run: ObjectRun, trigger: ChangeTrigger): Promise<void> {
  await recoverIntents(run);
  switch (trigger.kind) {
    case 'poll':
      // The hub first, its creates held back: the app's new records then match them (as the
      // initial sync indexes the hub before it matches the app), and the rest are created after.
      for (const side of SIDES) await retryRows(run, side, true);
      for (const side of SIDES) if (!stopping(run)) await pollSide(run, side);
      // When stopping, held-back creates stay in queue: the next poll takes them up first.
      if (!stopping(run)) await flushDeferred(run);
      break;
    case 'push':
      await pushIds(run, trigger.side, trigger.ids);
      break;
    case 'retry-failing':
      for (const side of SIDES) await retryRows(run, side, false);
      break;
    default: {
      const never: never = trigger;
      throw new Error(`unknown trigger ${JSON.stringify(never)}`);
    }
  }
  await retryQueued(run);
  await settleVanished(run);
}

/** Where a side's feed starts: the stored cursor of this run, else this run's initial-sync start. */
async function startCursor(run: ObjectRun, side: Side): Promise<{ cursor: ChangeCursor; caughtUpFrom?: number }> {
  const stored = await run.inc.getCursor(run.key, side);
  if (stored && stored.run === run.cp.run) return stored;
  // Everything changed since the initial sync began is read once (most of it compares equal).
  return { cursor: { updatedAt: run.cp.startedAt, id: '' } };
}

/**
 * The overlap a poll re-reads before its cursor. A poll that started at T and read the feed to
 * its end saw every record changed before T less the overlap, so the window need not reach back
 * past that: an object that stopped changing costs a keyset read, not two minutes of re-reads.
 */
export function effectiveOverlapMs(overlapMs: number, cursor: ChangeCursor, caughtUpFrom: number | undefined): number {
  const at = Date.parse(cursor.updatedAt);
  if (caughtUpFrom === undefined || Number.isNaN(at)) return overlapMs;
  return Math.max(0, overlapMs - Math.max(0, caughtUpFrom - at));
}

/** Reads one side's change feed from its cursor, processing and checkpointing page by page. */
async function pollSide(run: ObjectRun, side: Side): Promise<void> {
  const pollStart = Date.now();
  const start = await startCursor(run, side);
  let cursor = start.cursor;
  const caughtUpFrom = start.caughtUpFrom;
  const kept = caughtUpFrom === undefined ? {} : { caughtUpFrom };
  const options = { pageSize: run.tuning.pageSize, properties: run.ro.properties[side], overlapMs: effectiveOverlapMs(run.tuning.overlapMs, cursor, caughtUpFrom) };
  for (let attempt = 1; ; attempt += 1) {
    let inBatch = false;
    try {
      for await (const page of run.connectors[side].changes(objectOn(run, side), cursor, options)) {
        inBatch = true;
        await processBatch(run, { side, records: page.records, force: false, deferCreates: side === 'hub' });
        if (page.cursor && (page.cursor.updatedAt !== cursor.updatedAt || page.cursor.id !== cursor.id)) {
          cursor = page.cursor;
          await run.inc.saveCursor(run.key, side, { run: run.cp.run, cursor, ...kept });
        }
        attempt = 1;
        inBatch = false;
        if (stopping(run) || run.report.seen[side] >= run.tuning.maxChangesPerPass) {
          run.incomplete = true;
          return;
        }
      }
      // Read to the end: the next poll need not re-read what was visible when this one started.
      await run.inc.saveCursor(run.key, side, { run: run.cp.run, cursor, caughtUpFrom: pollStart });
      return;
    } catch (err) {
      // A feed that breaks mid-way is read again from the last saved page; a batch has retried on its own.
      if (inBatch || !isRetryable(err) || attempt >= run.retry.attempts) throw err;
      const delay = backoffMs(run.retry, attempt, retryAfterOf(err));
      run.logger.debug({ side, attempt, delayMs: Math.round(delay) }, 'transient change-feed failure; retrying');
      if (!(await sleep(delay, run.signal))) throw err;
    }
  }
}

/** Reads pushed ids at once (in batches); ids the app no longer has are deletions. */
async function pushIds(run: ObjectRun, side: Side, ids: readonly string[]): Promise<void> {
  const unique = [...new Set(ids)];
  for (let at = 0; at < unique.length && !stopping(run); at += run.tuning.pageSize) {
    await readAndProcess(run, side, unique.slice(at, at + run.tuning.pageSize), false);
  }
}

async function readAndProcess(run: ObjectRun, side: Side, ids: readonly string[], force: boolean, deferCreates = false): Promise<void> {
  const read = await readSide(run, side, ids);
  const records: RemoteRecord[] = [...read.values()];
  await processBatch(run, { side, records, missing: ids.filter((id) => !read.has(id)), force, deferCreates });
}

/** Creates held back while the other side's feed was read: decided again now (some were matched meanwhile). */
async function flushDeferred(run: ObjectRun): Promise<void> {
  for (const side of SIDES) {
    const records = run.deferred[side];
    run.deferred[side] = [];
    // Counted when first seen.
    run.report.seen[side] -= records.length;
    for (let at = 0; at < records.length; at += run.tuning.pageSize) {
      await processBatch(run, { side, records: records.slice(at, at + run.tuning.pageSize), force: true });
    }
  }
}

/** Retries failing (and queued) rows of one side, or only the queued ones. */
async function retryRows(run: ObjectRun, side: Side, onlyInQueue: boolean): Promise<void> {
  let after = 0;
  while (!stopping(run)) {
    const batch = await run.inc.retryCandidates(run.key, side, after, run.tuning.pageSize, onlyInQueue);
    if (batch.length === 0) return;
    after = batch[batch.length - 1]?.seq ?? after;
    await readAndProcess(run, side, batch.map((c) => c.id), true, onlyInQueue && side === 'hub');
  }
}

/** Records another sync held: waits a little for it and tries again, then leaves them in queue. */
async function retryQueued(run: ObjectRun): Promise<void> {
  const deadline = Date.now() + run.tuning.leaseWaitMs;
  for (let attempt = 1; run.queued.hub.size + run.queued.app.size > 0 && !stopping(run); attempt += 1) {
    const delay = Math.min(backoffMs({ attempts: 1, baseMs: 50, maxMs: 500 }, attempt), deadline - Date.now());
    if (delay <= 0 || !(await sleep(delay, run.signal))) return;
    for (const side of SIDES) {
      const ids = [...run.queued[side]];
      run.queued[side].clear();
      // Counted when queued; the retry counts them again (seen, and failing if still queued).
      run.report.failing -= ids.length;
      run.report.seen[side] -= ids.length;
      for (let at = 0; at < ids.length; at += run.tuning.pageSize) await readAndProcess(run, side, ids.slice(at, at + run.tuning.pageSize), true);
    }
  }
}
