// What recreating needs besides the index: both apps' connectors, opened from the applied
// connection definitions, and the sync's mappings resolved against what the apps describe.
import type { Sync } from '../../config/model.js';
import type { Connector } from '../../connectors/types.js';
import { SyncctlError } from '../../errors/syncctl-error.js';
import type { AppliedState } from '../../store/types.js';
import { type ResolvedObject, resolveObjects } from '../mappings.js';
import { openConnector } from '../open-connector.js';

/** Both connectors of a sync and its resolved objects. */
export interface ResyncSession {
  hub: Connector;
  app: Connector;
  objects: ResolvedObject[];
  close(): Promise<void>;
}

function connectionOf(applied: AppliedState, sync: Sync, name: string) {
  const connection = applied.connections[name]?.definition;
  if (!connection) {
    throw new SyncctlError('unknown_connection', `Sync ${sync.name} uses connection ${name}, which is not in the applied state.`, {
      hint: 'Apply the definitions again (syncctl apply) so the connection is known, then re-run.',
      meta: { sync: sync.name, connection: name },
    });
  }
  return connection;
}

/** Opens the sync's connectors and resolves the mappings of `objects` (hub names). */
export async function openResync(applied: AppliedState, sync: Sync, objects: readonly string[], env: Record<string, string | undefined>): Promise<ResyncSession> {
  const hub = openConnector(connectionOf(applied, sync, sync.hub), env);
  let app: Connector | undefined;
  try {
    app = openConnector(connectionOf(applied, sync, sync.app), env);
    const defs = sync.objects.filter((o) => objects.includes(o.hub));
    const descriptions = new Map<string, { hub: Awaited<ReturnType<Connector['describe']>>; app: Awaited<ReturnType<Connector['describe']>> }>();
    for (const d of defs) descriptions.set(d.hub, { hub: await hub.describe(d.hub), app: await app.describe(d.app) });
    const resolved = resolveObjects(sync, defs, descriptions);
    const opened = app;
    return { hub, app: opened, objects: resolved, close: async () => { await hub.close(); await opened.close(); } };
  } catch (error) {
    await hub.close();
    await app?.close();
    throw error;
  }
}
