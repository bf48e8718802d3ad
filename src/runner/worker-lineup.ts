// Which syncs should have a worker, decided from the applied state. Pure.
import type { Connection } from '../config/model.js';
import type { AppliedState, AppliedSync } from '../store/types.js';

const RUNNING: ReadonlySet<string> = new Set(['pending-initial-sync', 'initial-sync', 'incremental']);

/** True when the sync is on and its lifecycle is one that runs. */
export function wantsWorker(s: AppliedSync): boolean {
  return s.definition.enabled && RUNNING.has(s.lifecycle);
}

/** A worker runs one definition on one pair of connection definitions; any change replaces it. */
export function workerKey(s: AppliedSync, applied: AppliedState): string {
  const hub = applied.connections[s.definition.hub]?.hash ?? '-';
  const app = applied.connections[s.definition.app]?.hash ?? '-';
  return `${s.hash}/${hub}/${app}`;
}

export interface Lineup {
  /** Workers to stop: their sync is gone, off, failed or changed. */
  stop: string[];
  start: { sync: AppliedSync; key: string; connections: { hub: Connection; app: Connection } }[];
  /** Initial syncs left to the process that applied them (see lineUpWorkers). */
  deferred: string[];
  /** Syncs that cannot run because a connection is missing from the state. */
  broken: { sync: string; connection: string }[];
}

/**
 * The workers to stop and start so that exactly the running syncs of `applied` have one. After
 * another process's apply (`external`), initial syncs may be that process's to run — `apply`
 * without --detach runs them itself — so a sync in initial-sync is left to it, and a pending one
 * is taken only once it was already pending at the previous check (what `apply --detach` leaves).
 */
export function lineUpWorkers(input: {
  applied: AppliedState;
  workers: ReadonlyMap<string, { key: string }>;
  external: boolean;
  pendingBefore: ReadonlySet<string>;
}): Lineup {
  const { applied } = input;
  const lineup: Lineup = { stop: [], start: [], deferred: [], broken: [] };
  for (const [name, worker] of input.workers) {
    const s = applied.syncs[name];
    if (!s || !wantsWorker(s) || workerKey(s, applied) !== worker.key) lineup.stop.push(name);
  }
  for (const s of Object.values(applied.syncs)) {
    if (!wantsWorker(s) || (input.workers.has(s.name) && !lineup.stop.includes(s.name))) continue;
    if (input.external && (s.lifecycle === 'initial-sync' || (s.lifecycle === 'pending-initial-sync' && !input.pendingBefore.has(s.name)))) {
      lineup.deferred.push(s.name);
      continue;
    }
    const hub = applied.connections[s.definition.hub]?.definition;
    const app = applied.connections[s.definition.app]?.definition;
    if (!hub || !app) {
      lineup.broken.push({ sync: s.name, connection: hub ? s.definition.app : s.definition.hub });
      continue;
    }
    lineup.start.push({ sync: s, key: workerKey(s, applied), connections: { hub, app } });
  }
  return lineup;
}

/** Pending syncs that have no worker here. */
export function pendingWithoutWorker(applied: AppliedState, workers: ReadonlyMap<string, unknown>): string[] {
  return Object.values(applied.syncs)
    .filter((s) => wantsWorker(s) && s.lifecycle === 'pending-initial-sync' && !workers.has(s.name))
    .map((s) => s.name);
}
