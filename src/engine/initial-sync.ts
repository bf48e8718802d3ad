// The initial sync of one sync, exactly in PRODUCT.md's phases, object by object: describe both
// apps and resolve every mapping first (nothing is written when any is wrong), then run each
// object (see run-object.ts), then log and notify.
import type { Sync, SyncObject } from '../config/model.js';
import { resolveEnvRefs } from '../config/env.js';
import type { Connector, ObjectDescription } from '../connectors/types.js';
import { SyncctlError } from '../errors/syncctl-error.js';
import type { Logger } from '../log/logger.js';
import { resolveObjects } from './mappings.js';
import { postWebhook } from './notify.js';
import type { ProgressEvent } from './progress.js';
import type { RecordIndex } from './record-index.js';
import type { InitialSyncReport, ObjectReport } from './report.js';
import { runObject } from './run-object.js';

export interface InitialSyncOptions {
  sync: Sync;
  hub: Connector;
  app: Connector;
  index: RecordIndex;
  /** Objects (hub names) to (re)start, or all of them. Other objects' index rows are left untouched. */
  objects: 'all' | readonly string[];
  /** Read-only: nothing is written to the apps; pass a throw-away index. */
  dryRun?: boolean;
  logger: Logger;
  onProgress?: (e: ProgressEvent) => void;
  signal?: AbortSignal;
  /** Skip objects whose initial sync already completed with the same definition (a resumed run). */
  resume?: boolean;
  /** Resolves `${env:X}` in notify.webhook. */
  env?: Record<string, string | undefined>;
  /** Tuning and tests. */
  pageSize?: number;
  writeBatch?: number;
  webhookRetryBaseMs?: number;
}

/** The sync objects to run, in definition order; unknown names are an error. */
export function selectObjects(sync: Sync, objects: 'all' | readonly string[]): SyncObject[] {
  if (objects === 'all') return [...sync.objects];
  const known = new Map(sync.objects.map((o) => [o.hub, o]));
  const unknown = objects.filter((o) => !known.has(o));
  if (unknown.length > 0) {
    throw new SyncctlError('unknown_object', `Sync ${sync.name} has no object ${unknown.join(', ')} to restart.`, {
      hint: `Objects of ${sync.name} (by hub object name): ${[...known.keys()].join(', ')}.`,
      meta: { sync: sync.name, objects: unknown },
    });
  }
  return sync.objects.filter((o) => objects.includes(o.hub));
}

/** Runs (or dry-runs) the initial sync of `sync` for the chosen objects and reports per object. */
export async function runInitialSync(options: InitialSyncOptions): Promise<InitialSyncReport> {
  const started = performance.now();
  const { sync } = options;
  const dryRun = options.dryRun ?? false;
  const logger = options.logger.child({ sync: sync.name });
  const defs = selectObjects(sync, options.objects);

  const descriptions = new Map<string, { hub: ObjectDescription; app: ObjectDescription }>();
  for (const def of defs) {
    const [hub, app] = await Promise.all([options.hub.describe(def.hub), options.app.describe(def.app)]);
    descriptions.set(def.hub, { hub, app });
  }
  const resolved = resolveObjects(sync, defs, descriptions);

  const objects: ObjectReport[] = [];
  for (const ro of resolved) {
    objects.push(
      await runObject(ro, {
        connectors: { hub: options.hub, app: options.app },
        index: options.index,
        logger,
        dryRun,
        resume: options.resume ?? false,
        onProgress: options.onProgress,
        signal: options.signal,
        ...(options.pageSize !== undefined ? { pageSize: options.pageSize } : {}),
        ...(options.writeBatch !== undefined ? { writeBatch: options.writeBatch } : {}),
      }),
    );
  }
  const durationMs = Math.round(performance.now() - started);
  const report: InitialSyncReport = { sync: sync.name, dryRun, durationMs, objects };
  logger.info(
    { sync: sync.name, dryRun, durationMs, objects: Object.fromEntries(objects.map((o) => [o.object, o.counts])) },
    dryRun ? 'initial sync dry run completed' : 'initial sync completed',
  );
  if (!dryRun && sync.notify) await notify(sync, report, options, logger);
  return report;
}

async function notify(sync: Sync, report: InitialSyncReport, options: InitialSyncOptions, logger: Logger): Promise<void> {
  const { value, missing } = resolveEnvRefs(sync.notify?.webhook ?? '', options.env ?? {});
  if (missing.length > 0 || typeof value !== 'string' || value === '') {
    logger.warn({ variables: missing }, 'initial sync notification skipped: notify.webhook refers to an unset environment variable');
    return;
  }
  const body = {
    event: 'initial-sync.completed',
    sync: sync.name,
    objects: report.objects.map((o) => o.object),
    counts: Object.fromEntries(report.objects.map((o) => [o.object, o.counts])),
    durationMs: report.durationMs,
    completedAt: new Date().toISOString(),
  };
  await postWebhook(value, body, logger, options.webhookRetryBaseMs !== undefined ? { baseDelayMs: options.webhookRetryBaseMs } : {});
}
