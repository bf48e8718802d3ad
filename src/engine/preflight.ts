// Before apply records anything: every sync it would start must be able to run — both apps
// reachable, every object's table/type there, every mapping resolvable with compatible types.
// "Mapped fields must have compatible types; an incompatible mapping is a validation error,
// not a runtime surprise."
import { formatLocation } from '../config/problem.js';
import type { Connection, Sync } from '../config/model.js';
import type { Connector, ObjectDescription } from '../connectors/types.js';
import { SyncctlError, isSyncctlError } from '../errors/syncctl-error.js';
import { redactSecrets } from '../log/redact.js';
import { resolveObjects } from './mappings.js';
import { openConnector } from './open-connector.js';

/** One sync that cannot run, with every reason found. */
export interface PreflightFailure {
  sync: string;
  location: string;
  problems: string[];
}

/** Checks each sync against its apps; resolves to the failures (empty when all can run). */
export async function preflightSyncs(
  syncs: readonly Sync[],
  connections: Readonly<Record<string, Connection>>,
  env: Record<string, string | undefined>,
): Promise<PreflightFailure[]> {
  const failures: PreflightFailure[] = [];
  for (const sync of syncs) {
    const problems = await checkSync(sync, connections, env);
    if (problems.length > 0) failures.push({ sync: sync.name, location: sync.source ? formatLocation(sync.source) : '', problems });
  }
  return failures;
}

/** Throws `preflight_failed` naming every sync and problem; nothing has been written at that point. */
export function assertPreflight(failures: readonly PreflightFailure[]): void {
  if (failures.length === 0) return;
  const lines = failures.flatMap((f) => [`${f.location ? `${f.location} ` : ''}sync ${f.sync}:`, ...f.problems.map((p) => `  - ${p}`)]);
  throw new SyncctlError('preflight_failed', `Checked against the apps, ${failures.length} sync(s) cannot run:\n${lines.join('\n')}`, {
    hint: 'Fix the definitions (or the apps) and apply again. Nothing was applied.',
    meta: { failures },
  });
}

async function checkSync(sync: Sync, connections: Readonly<Record<string, Connection>>, env: Record<string, string | undefined>): Promise<string[]> {
  const problems: string[] = [];
  const opened: Connector[] = [];
  try {
    const hubConn = connections[sync.hub];
    const appConn = connections[sync.app];
    if (!hubConn || !appConn) return [`connection ${hubConn ? sync.app : sync.hub} is not defined`];
    const hub = openConnector(hubConn, env);
    opened.push(hub);
    const app = openConnector(appConn, env);
    opened.push(app);
    const descriptions = new Map<string, { hub: ObjectDescription; app: ObjectDescription }>();
    for (const def of sync.objects) {
      const [h, a] = await Promise.all([describe(hub, def.hub, sync.hub, problems), describe(app, def.app, sync.app, problems)]);
      if (h && a) descriptions.set(def.hub, { hub: h, app: a });
    }
    try {
      resolveObjects(sync, sync.objects, descriptions);
    } catch (err) {
      if (isSyncctlError(err, 'mapping_invalid') && Array.isArray(err.meta['problems'])) problems.push(...(err.meta['problems'] as string[]));
      else throw err;
    }
  } catch (err) {
    problems.push(message(err));
  } finally {
    for (const c of opened) await c.close().catch(() => undefined);
  }
  return problems;
}

async function describe(connector: Connector, object: string, connection: string, problems: string[]): Promise<ObjectDescription | undefined> {
  try {
    return await connector.describe(object);
  } catch (err) {
    problems.push(`${connection}/${object}: ${message(err)}`);
    return undefined;
  }
}

function message(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  const hint = isSyncctlError(err) && err.hint ? ` (${err.hint})` : '';
  return redactSecrets(text + hint);
}
