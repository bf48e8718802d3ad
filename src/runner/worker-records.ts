// Index counts and initial-sync summaries as the runner's status shows them.
import type { Sync } from '../config/model.js';
import { associationName } from '../engine/associations/types.js';
import type { InitialSyncReport, ProgressEvent } from '../engine/index.js';
import type { RecordIndex } from '../engine/record-index.js';
import { sqliteAssociationIndexFor } from '../store/sqlite/association-index.js';
import type { AssociationCounts, InitialSyncStatus, RecordCounts } from './worker-status.js';

/** Index counts after passes: at most every 2 s, and never sooner than 30 times what the last count took. */
const COUNTS_MIN_INTERVAL_MS = 2000;
const COUNTS_COST_FACTOR = 30;

/**
 * Whether the index counts are due again, `sinceMs` after the last count, which took `lastCostMs`.
 * A count is a GROUP BY over the index per object and side: a few ms at 100k records, seconds
 * at millions, and the event loop waits meanwhile (pushes included). So the wait grows with the
 * cost: counting takes a small share of the time at any size, and the counts (status, metrics)
 * are at most a minute or two old at 1M.
 */
export function countsDue(sinceMs: number, lastCostMs: number): boolean {
  return sinceMs >= countsWaitMs(lastCostMs);
}

/** How long after a count that took `lastCostMs` the next one is due. */
export function countsWaitMs(lastCostMs: number): number {
  return Math.max(COUNTS_MIN_INTERVAL_MS, COUNTS_COST_FACTOR * lastCostMs);
}

/** Per object (hub name) and side: records in sync, failing, excluded, and all indexed. */
export async function countRecords(index: RecordIndex, sync: Sync): Promise<RecordCounts[]> {
  const out: RecordCounts[] = [];
  for (const def of sync.objects) {
    const counts = await index.statusCounts({ sync: sync.name, object: def.hub });
    for (const side of ['hub', 'app'] as const) {
      const c = counts[side];
      const total = Object.values(c).reduce((n, v) => n + (v ?? 0), 0);
      out.push({ object: def.hub, side, synced: c['in-sync'] ?? 0, failing: c.failing ?? 0, excluded: c.excluded ?? 0, total });
    }
  }
  return out;
}

/** Per association of the sync: edges synced, in queue and failing (undefined when it lists none). */
export async function countAssociations(index: RecordIndex, sync: Sync): Promise<AssociationCounts[] | undefined> {
  if (sync.associations.length === 0) return undefined;
  const assoc = sqliteAssociationIndexFor(index);
  const out: AssociationCounts[] = [];
  for (const a of sync.associations) {
    const name = associationName(a);
    const c = await assoc.counts({ sync: sync.name, name });
    out.push({ association: name, synced: c.synced, inQueue: c.waiting, failing: c.failing });
  }
  return out;
}

/** The short form of an initial-sync report kept in status. */
export function initialSummary(report: InitialSyncReport): NonNullable<InitialSyncStatus['last']> {
  return {
    at: new Date().toISOString(),
    durationMs: report.durationMs,
    objects: report.objects.map((o) => ({ object: o.object, created: { ...o.counts.created }, updated: { ...o.counts.updated }, linked: o.counts.linked })),
  };
}

/** Folds a progress event into the per object and phase progress list. */
export function recordProgress(list: InitialSyncStatus['progress'], e: ProgressEvent): void {
  const found = list.find((p) => p.object === e.object && p.phase === e.phase);
  if (found) {
    found.processed = e.processed;
    found.done = e.done;
  } else {
    list.push({ object: e.object, phase: e.phase, processed: e.processed, done: e.done });
  }
}
