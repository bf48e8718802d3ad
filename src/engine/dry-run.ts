// `plan --data`: the initial sync on the same code path, read-only. Connector writes are not
// sent (writer.ts pretends they succeed) and the index is a throw-away file, so neither the
// apps nor the state change.
import type { Connection, Sync } from '../config/model.js';
import type { Connector } from '../connectors/types.js';
import { SyncctlError } from '../errors/syncctl-error.js';
import type { Logger } from '../log/logger.js';
import type { SqliteStateStore } from '../store/index.js';
import { openTemporaryRecordIndex } from '../store/sqlite/record-index.js';
import { runInitialSync } from './initial-sync.js';
import { openConnector } from './open-connector.js';
import type { InitialSyncReport } from './report.js';

export interface DryRunOptions {
  syncs: readonly Sync[];
  connections: Record<string, Connection>;
  /** Per sync: the objects whose initial sync would (re)start. Syncs not listed run all objects. */
  restart: Record<string, 'all' | readonly string[]>;
  env: Record<string, string | undefined>;
  logger: Logger;
  /**
   * The state store, when there is one: each sync's dry run starts from a copy of its index
   * (links from earlier runs), so that its counts match what a restart will really do.
   */
  store?: SqliteStateStore;
}

/** Dry-runs the initial sync of each sync and reports what it would do. */
export async function dryRunInitialSyncs(options: DryRunOptions): Promise<InitialSyncReport[]> {
  const reports: InitialSyncReport[] = [];
  for (const sync of options.syncs) {
    const hubConn = options.connections[sync.hub];
    const appConn = options.connections[sync.app];
    if (!hubConn || !appConn) {
      throw new SyncctlError('unknown_connection', `Sync ${sync.name} uses connection ${hubConn ? sync.app : sync.hub}, which is not defined.`, {
        hint: 'Define the connection (kind: Connection) or correct the name in the sync.',
        meta: { sync: sync.name },
      });
    }
    const { index, dispose } = openTemporaryRecordIndex(options.store ? { database: options.store.database, sync: sync.name } : undefined);
    const connectors: Connector[] = [];
    try {
      const hub = openConnector(hubConn, options.env);
      connectors.push(hub);
      const app = openConnector(appConn, options.env);
      connectors.push(app);
      reports.push(
        await runInitialSync({ sync, hub, app, index, objects: options.restart[sync.name] ?? 'all', dryRun: true, logger: options.logger }),
      );
    } finally {
      for (const c of connectors) await c.close().catch(() => undefined);
      dispose();
    }
  }
  return reports;
}
