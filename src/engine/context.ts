// What every phase of one object's initial sync works with.
import type { Connector, RemoteRecord } from '../connectors/types.js';
import { SyncctlError } from '../errors/syncctl-error.js';
import { turn } from '../util/turn.js';
import type { Logger } from '../log/logger.js';
import type { ResolvedObject } from './mappings.js';
import { PhaseProgress, type ProgressEvent, type ProgressPhase } from './progress.js';
import type { Checkpoint, ObjectKey, RecordIndex, Side } from './record-index.js';
import type { ObjectCounts, SampleCollector } from './report.js';
import type { SideWriter } from './writer.js';

/** Records per page read from a connector or from the index. */
export const PAGE_SIZE = 10_000;

/** A checkpoint cursor saying the phase's listing is complete (a resume skips straight past it). */
export const LISTED = '\u0000listed';

export interface ObjectContext {
  ro: ResolvedObject;
  key: ObjectKey;
  connectors: Record<Side, Connector>;
  writers: Record<Side, SideWriter>;
  index: RecordIndex;
  /** The run's checkpoint, updated as the phases advance and saved with their work. */
  cp: Checkpoint;
  counts: ObjectCounts;
  samples: SampleCollector;
  logger: Logger;
  onProgress: ((e: ProgressEvent) => void) | undefined;
  signal: AbortSignal | undefined;
  dryRun: boolean;
  pageSize: number;
}

/** The object name on `side`. */
export function objectOn(ctx: ObjectContext, side: Side): string {
  return side === 'hub' ? ctx.ro.hubObject : ctx.ro.appObject;
}

/** Starts tracking a phase. */
export function startPhase(ctx: ObjectContext, phase: ProgressPhase): PhaseProgress {
  return new PhaseProgress({ sync: ctx.key.sync, object: ctx.key.object, phase, dryRun: ctx.dryRun }, ctx.counts, ctx.logger, ctx.onProgress);
}

/** Streams `side`'s records page by page from `cursor`, with the properties the engine needs. */
export async function* listSide(ctx: ObjectContext, side: Side, cursor: string | null, extra: readonly string[] = []): AsyncIterable<{ records: RemoteRecord[]; nextCursor?: string }> {
  const properties = extra.length === 0 ? ctx.ro.properties[side] : [...new Set([...ctx.ro.properties[side], ...extra])];
  const pages = ctx.connectors[side].list(objectOn(ctx, side), {
    pageSize: ctx.pageSize,
    properties,
    ...(cursor !== null ? { cursor } : {}),
  });
  for await (const page of pages) {
    yield page;
    // A synchronous connector (SQLite) would otherwise hold the event loop for a whole phase:
    // the runner's HTTP endpoints, timers and stop signals get a turn between pages.
    await turn();
  }
}

/** Throws when the run was asked to stop; called between pages, after their work is saved. */
export function checkAborted(ctx: ObjectContext): void {
  if (ctx.signal?.aborted) {
    throw new SyncctlError('initial_sync_aborted', `The initial sync of ${ctx.key.sync} (${ctx.key.object}) was stopped; its progress is saved.`, {
      hint: 'Run it again (syncctl apply or syncctl run): it resumes where it stopped, without creating anything twice.',
      meta: { sync: ctx.key.sync, object: ctx.key.object },
    });
  }
}
