// Carries out the initial syncs that applies have asked for: every applied, enabled sync whose
// lifecycle is pending-initial-sync (or initial-sync: one that was interrupted) runs with its
// applied definition, then becomes incremental, or failed with the reason.
import type { Connector } from '../connectors/types.js';
import { isSyncctlError } from '../errors/syncctl-error.js';
import type { Logger } from '../log/logger.js';
import { redactSecrets } from '../log/redact.js';
import type { SqliteStateStore } from '../store/index.js';
import { SqliteRecordIndex } from '../store/sqlite/record-index.js';
import type { AppliedSync } from '../store/types.js';
import { selectObjects, runInitialSync } from './initial-sync.js';
import { objectDefinitionHash } from './mappings.js';
import { openConnector } from './open-connector.js';
import type { ProgressEvent } from './progress.js';
import type { InitialSyncReport } from './report.js';
import { zeroCounts } from './report.js';

export interface PendingOptions {
  store: SqliteStateStore;
  env: Record<string, string | undefined>;
  logger: Logger;
  onProgress?: (e: ProgressEvent) => void;
  /** Only these syncs (by name). */
  only?: readonly string[];
  signal?: AbortSignal;
  /** Called as each initial sync completes: a caller stopped midway still has the finished ones' reports. */
  onReport?: (report: InitialSyncReport) => void;
}

/** Runs every pending (or interrupted) initial sync in the store; returns the reports of those that completed. */
export async function runPendingInitialSyncs(options: PendingOptions): Promise<InitialSyncReport[]> {
  const { store, logger } = options;
  const applied = await store.getApplied();
  const index = new SqliteRecordIndex(store.database, store.location);
  const reports: InitialSyncReport[] = [];
  const due = Object.values(applied.syncs)
    // A failed initial sync is due again: the next apply (or runner start) retries it, resuming
    // where its checkpoints stand.
    .filter((s) => s.definition.enabled && (s.lifecycle === 'pending-initial-sync' || s.lifecycle === 'initial-sync' || (s.lifecycle === 'failed' && s.restart !== null)))
    .filter((s) => !options.only || options.only.includes(s.name))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  for (const applied_ of due) {
    const sync = applied_.definition;
    const connectors: Connector[] = [];
    try {
      const hubConn = applied.connections[sync.hub]?.definition;
      const appConn = applied.connections[sync.app]?.definition;
      if (!hubConn || !appConn) throw new Error(`connection ${hubConn ? sync.app : sync.hub} is not in the applied state.`);
      const hub = openConnector(hubConn, options.env);
      connectors.push(hub);
      const app = openConnector(appConn, options.env);
      connectors.push(app);
      const objects = applied_.restart ?? 'all';
      if (applied_.lifecycle === 'pending-initial-sync') await restartObjects(index, applied_, objects);
      await store.setLifecycle(sync.name, 'initial-sync', null);
      const report = await runInitialSync({
        sync, hub, app, index, objects, logger, resume: true, env: options.env,
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      await store.setLifecycle(sync.name, 'incremental', null);
      reports.push(report);
      options.onReport?.(report);
    } catch (err) {
      // A stop request leaves the sync in initial-sync: the next run resumes it.
      if (isSyncctlError(err, 'initial_sync_aborted')) throw err;
      const hint = isSyncctlError(err) && err.hint ? `\n  hint: ${err.hint}` : '';
      const detail = redactSecrets((err instanceof Error ? err.message : String(err)) + hint);
      logger.error({ sync: sync.name, code: isSyncctlError(err) ? err.code : undefined, err: detail }, 'initial sync failed');
      await store.setLifecycle(sync.name, 'failed', `initial sync failed: ${detail}`);
    } finally {
      for (const c of connectors) await c.close().catch(() => undefined);
    }
  }
  return reports;
}

// Done before the lifecycle says initial-sync, so that a crash afterwards resumes these runs
// instead of mistaking an earlier completed run for this one.
async function restartObjects(index: SqliteRecordIndex, applied: AppliedSync, objects: 'all' | readonly string[]): Promise<void> {
  for (const def of selectObjects(applied.definition, objects)) {
    await index.startRun({ sync: applied.name, object: def.hub }, objectDefinitionHash(applied.definition, def), zeroCounts());
  }
}
