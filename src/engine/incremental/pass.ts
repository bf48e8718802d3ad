// One incremental pass of one sync: resolve the objects' mappings (as the initial sync does),
// then run the trigger object by object. Objects whose initial sync has not completed are left
// to it; paused objects wait for theirs to restart.
import { randomUUID } from 'node:crypto';
import type { Sync, SyncObject } from '../../config/model.js';
import type { Connector, ObjectDescription } from '../../connectors/types.js';
import { sqliteAssociationIndexFor } from '../../store/sqlite/association-index.js';
import { sqliteIncrementalIndexFor } from '../../store/sqlite/record-index-incremental.js';
import { inAnyAssociation, runAssociationPass, touchAssociations } from '../associations/pass.js';
import { type ResolvedObject, resolveObjects } from '../mappings.js';
import { type ObjectRun, emptyReport } from './context.js';
import { runObjectPass } from './object-pass.js';
import { DEFAULT_TUNING, type IncrementalObjectReport, type IncrementalPassOptions, type IncrementalReport } from './types.js';

// Describing an object costs an API call at HubSpot; a connector's schema is taken to hold for
// the connector's lifetime (the runner rebuilds connectors after a failed pass).
const described = new WeakMap<Connector, Map<string, ObjectDescription>>();

async function describe(connector: Connector, object: string): Promise<ObjectDescription> {
  let cache = described.get(connector);
  if (!cache) described.set(connector, (cache = new Map()));
  const hit = cache.get(object);
  if (hit) return hit;
  const found = await connector.describe(object);
  cache.set(object, found);
  return found;
}

async function resolve(options: IncrementalPassOptions, defs: readonly SyncObject[]): Promise<ResolvedObject[]> {
  const descriptions = new Map<string, { hub: ObjectDescription; app: ObjectDescription }>();
  for (const def of defs) {
    const [hub, app] = await Promise.all([describe(options.hub, def.hub), describe(options.app, def.app)]);
    descriptions.set(def.hub, { hub, app });
  }
  return resolveObjects(options.sync, defs, descriptions);
}

function objectsFor(sync: Sync, trigger: IncrementalPassOptions['trigger']): SyncObject[] {
  if (trigger.kind !== 'push') return [...sync.objects];
  return sync.objects.filter((o) => (trigger.side === 'hub' ? o.hub : o.app) === trigger.object);
}

/** Runs one incremental pass of `options.sync` for `options.trigger` and reports per object. */
export async function runIncrementalPass(options: IncrementalPassOptions): Promise<IncrementalReport> {
  const started = performance.now();
  const { sync, trigger, logger } = options;
  const tuning = { ...DEFAULT_TUNING, ...options.tuning };
  const inc = options.incremental ?? sqliteIncrementalIndexFor(options.index);
  const assoc = sync.associations.length > 0 ? (options.associations ?? sqliteAssociationIndexFor(options.index)) : undefined;
  const retry = { attempts: tuning.retryAttempts, baseMs: tuning.retryBaseMs, maxMs: tuning.retryMaxMs, ...(options.signal ? { signal: options.signal } : {}) };
  const defs = objectsFor(sync, trigger);
  if (trigger.kind === 'push' && defs.length === 0) {
    logger.warn({ side: trigger.side, object: trigger.object, objects: sync.objects.map((o) => o[trigger.side]) }, 'push for an object this sync does not sync; ignored');
  }
  const resolved = await resolve(options, defs);
  // A pushed record may have changed only its associations (HubSpot's associationChange webhook:
  // HubSpot leaves the record's properties and hs_lastmodifieddate alone), so the pass would find
  // it unchanged: its associations are re-read whatever its record does. Noted before anything
  // runs, so a pass that stops early leaves them to the next one.
  if (assoc && trigger.kind === 'push') {
    for (const def of defs) if (inAnyAssociation(sync, def.hub)) await touchAssociations(assoc, sync, def.hub, trigger.side, trigger.ids);
  }
  const holder = `${sync.name}:${process.pid}:${randomUUID()}`;
  const objects: IncrementalObjectReport[] = [];
  let caughtUp = true;

  for (const ro of resolved) {
    if (options.signal?.aborted) {
      caughtUp = false;
      break;
    }
    const key = { sync: sync.name, object: ro.object };
    const cp = await options.index.getCheckpoint(key);
    if (!cp || cp.phase !== 'done') {
      logger.debug({ object: ro.object, phase: cp?.phase ?? 'none' }, 'initial sync not complete; object left to it');
      continue;
    }
    const report = emptyReport(ro.object);
    const pause = await inc.getPause(key);
    if (pause && pause.run === cp.run) {
      report.paused = pause.detail;
      objects.push(report);
      continue;
    }
    if (pause) await inc.clearPause(key);
    const run: ObjectRun = {
      ro, key, cp, index: options.index, inc, tuning, holder, report,
      connectors: { hub: options.hub, app: options.app },
      connections: { hub: sync.hub, app: sync.app },
      logger: logger.child({ object: ro.object }),
      retry,
      signal: options.signal,
      claimed: { hub: new Map(), app: new Map() },
      queued: { hub: new Set(), app: new Set() },
      vanished: [],
      deferred: { hub: [], app: [] },
      incomplete: false,
      ...(assoc && inAnyAssociation(sync, ro.object) ? { onChanged: (side, ids) => touchAssociations(assoc, sync, ro.object, side, ids) } : {}),
    };
    await runObjectPass(run, trigger);
    objects.push(report);
    if (run.incomplete || run.queued.hub.size + run.queued.app.size > 0) caughtUp = false;
  }

  // Associations after every object: their ends may have been linked by any object of the pass.
  let associations: IncrementalReport['associations'] = [];
  if (assoc) {
    const done = await runAssociationPass({
      sync, connectors: { hub: options.hub, app: options.app }, index: options.index, incremental: inc, associations: assoc,
      logger, retry, pageSize: tuning.pageSize, scan: trigger.kind !== 'push', ...(options.signal ? { signal: options.signal } : {}),
    });
    associations = done.associations;
    if (!done.complete) caughtUp = false;
  }

  const durationMs = Math.round(performance.now() - started);
  const failures = objects.reduce((n, o) => n + o.failing, 0);
  const result: IncrementalReport = { sync: sync.name, trigger: trigger.kind, durationMs, caughtUp, failures, objects, associations };
  const busy = objects.some((o) => o.seen.hub + o.seen.app > 0 || o.failing > 0);
  logger[busy ? 'info' : 'debug']({ sync: sync.name, trigger: trigger.kind, durationMs, caughtUp, failures, objects }, 'incremental pass done');
  return result;
}
