// POST /hooks/<connection>: an app says which of its records changed; every running sync that
// uses that connection on the matching side fetches just those records at once.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Connection, Sync } from '../../config/model.js';
import type { Logger } from '../../log/logger.js';
import { hookHandlerFor } from '../hooks/index.js';
import type { HookChange } from '../hooks/types.js';
import type { ChangeTrigger } from '../incremental-adapter.js';
import { BodyTooLargeError, readBody, sendError, sendJson } from './body.js';

type PushTrigger = Extract<ChangeTrigger, { kind: 'push' }>;

/** What the endpoint needs to know of the runner. */
export interface HookTargets {
  connection(name: string): Connection | undefined;
  connectionNames(): string[];
  /** Every applied sync, whatever its lifecycle (to tell unknown objects from idle ones). */
  syncs(): readonly Sync[];
  /** Queues a push pass; false when the sync is not running. */
  push(sync: string, trigger: PushTrigger): boolean;
  env: Record<string, string | undefined>;
  logger: Logger;
  bodyLimit?: number;
}

interface Target {
  sync: string;
  trigger: PushTrigger;
}

/** Handles one request to /hooks/<name>; resolves to the status answered. */
export async function handleHook(req: IncomingMessage, res: ServerResponse, name: string, targets: HookTargets): Promise<number> {
  if (req.method !== 'POST') {
    req.resume();
    sendError(res, 405, 'method_not_allowed', `${req.method ?? 'This method'} is not allowed on /hooks/${name}: send a POST.`, { headers: { allow: 'POST' } });
    return 405;
  }
  const connection = targets.connection(name);
  if (!connection) {
    req.resume();
    const known = targets.connectionNames();
    sendError(res, 404, 'unknown_connection', `No connection named "${name}" is applied on this runner.`, {
      hint: known.length > 0 ? `Known connections: ${known.join(', ')}. POST to /hooks/<connection>.` : 'No connections are applied yet: check the definitions directory.',
    });
    return 404;
  }
  let body: Buffer;
  try {
    body = await readBody(req, targets.bodyLimit);
  } catch (err) {
    if (err instanceof BodyTooLargeError) {
      sendError(res, 413, 'body_too_large', `The request body is larger than ${err.limit} bytes.`, {
        hint: 'Split the ids over several requests.',
      });
      return 413;
    }
    throw err;
  }
  const parsed = await hookHandlerFor(connection.connector).parse({ connection, headers: req.headers, body, url: req.url ?? '', env: targets.env });
  if (!parsed.ok) {
    sendError(res, parsed.status, parsed.code, parsed.message, { ...(parsed.hint ? { hint: parsed.hint } : {}), ...(parsed.details ? { details: parsed.details } : {}) });
    return parsed.status;
  }

  const { found, unknown } = resolveTargets(name, parsed.changes, targets.syncs());
  if (unknown.length > 0 && !parsed.ignoreUnknownObjects) {
    const synced = syncedObjects(name, targets.syncs());
    sendError(res, 400, 'unknown_object', `No sync uses object${unknown.length > 1 ? 's' : ''} ${unknown.map((o) => `"${o}"`).join(', ')} of connection ${name}.`, {
      hint: synced.length > 0 ? `Objects of ${name} that syncs use: ${synced.join(', ')}.` : `No sync uses connection ${name} yet.`,
    });
    return 400;
  }
  const triggered: { sync: string; side: string; object: string; ids: number }[] = [];
  const notRunning = new Set<string>();
  for (const t of found) {
    if (targets.push(t.sync, t.trigger)) triggered.push({ sync: t.sync, side: t.trigger.side, object: t.trigger.object, ids: t.trigger.ids.length });
    else notRunning.add(t.sync);
  }
  targets.logger.info({ connection: name, triggered, notRunning: [...notRunning] }, 'push received');
  sendJson(res, 202, { accepted: true, triggered, notRunning: [...notRunning] });
  return 202;
}

/** Pairs each change with the syncs (and side) that sync that object of the connection. */
function resolveTargets(connection: string, changes: readonly HookChange[], syncs: readonly Sync[]): { found: Target[]; unknown: string[] } {
  const found: Target[] = [];
  const unknown: string[] = [];
  for (const change of changes) {
    let matched = false;
    for (const sync of syncs) {
      for (const side of ['hub', 'app'] as const) {
        if (sync[side] !== connection || !sync.objects.some((o) => o[side] === change.object)) continue;
        matched = true;
        found.push({ sync: sync.name, trigger: { kind: 'push', side, object: change.object, ids: [...new Set(change.ids)] } });
      }
    }
    if (!matched && !unknown.includes(change.object)) unknown.push(change.object);
  }
  return { found, unknown };
}

function syncedObjects(connection: string, syncs: readonly Sync[]): string[] {
  const names = new Set<string>();
  for (const sync of syncs) {
    for (const side of ['hub', 'app'] as const) if (sync[side] === connection) for (const o of sync.objects) names.add(o[side]);
  }
  return [...names].sort();
}
