// The reconciler: a pure diff of what the files say against what is applied, returning a
// plan of typed steps. Nothing here reads or writes anything; apply.ts carries plans out.
import type { Connection, DesiredState, Sync } from '../config/model.js';
import type { Lifecycle } from '../store/types.js';
import { diffConnection, type ConnectionDiff } from './connection-diff.js';
import { summarize } from './summary.js';
import { diffSync } from './sync-diff.js';
import type { CurrentState, FieldChange, Forces, Plan, PlanStep } from './types.js';
import { byString } from './value-diff.js';

export interface ReconcileOptions {
  /** Without it a sync removed from the files is orphaned (turned off, kept), never deleted. */
  allowDelete: boolean;
  /** Revision of the state the plan is made against; null when planned against a git ref. */
  stateRevision: number | null;
  /** Hash of the desired state, so that a saved plan can be refused once the files change. */
  desiredHash: string;
  /** The git ref planned against, when there is no state store. */
  base?: string;
  now?: Date;
}

const NOTE_BACK_FROM_ORPHAN = 'back in the files after being orphaned';
const NOTE_OFF = 'the sync is off: nothing restarts now; turning it on restarts its whole initial sync';
const NOTE_STILL_ORPHANED = 'orphaned: removed from the files, kept turned off with its index; apply with --allow-delete to delete it';

/** Diffs desired definitions against the current ones and returns the plan that would reconcile them. */
export function reconcile(desired: DesiredState, current: CurrentState, options: ReconcileOptions): Plan {
  const connectionDiffs = new Map<string, ConnectionDiff>();
  for (const name of Object.keys(desired.connections)) {
    const before = current.connections[name];
    const after = desired.connections[name];
    if (before && after) connectionDiffs.set(name, diffConnection(before, after));
  }

  const syncSteps = unionNames(desired.syncs, current.syncs).map((name) =>
    syncStep(name, desired.syncs[name], current.syncs[name], connectionDiffs, options.allowDelete),
  );
  const connectionSteps = unionNames(desired.connections, current.connections).map((name) =>
    connectionStep(name, desired, current, connectionDiffs, syncSteps, options.allowDelete),
  );
  const steps = [...connectionSteps, ...syncSteps];
  return {
    formatVersion: 1,
    createdAt: (options.now ?? new Date()).toISOString(),
    stateRevision: options.stateRevision,
    desiredHash: options.desiredHash,
    options: options.base === undefined ? { allowDelete: options.allowDelete } : { allowDelete: options.allowDelete, base: options.base },
    steps,
    summary: summarize(steps),
  };
}

function syncStep(
  name: string,
  after: Sync | undefined,
  current: { definition: Sync; lifecycle: Lifecycle } | undefined,
  connectionDiffs: ReadonlyMap<string, ConnectionDiff>,
  allowDelete: boolean,
): PlanStep {
  if (after === undefined && current === undefined) throw new Error(`sync ${name} is neither desired nor current`);
  if (current === undefined) {
    return { kind: 'create', resource: 'sync', name, after: after as Sync, forces: after?.enabled ? { kind: 'restart-sync' } : { kind: 'none' } };
  }
  const before = current.definition;
  const orphaned = current.lifecycle === 'orphaned';
  if (after === undefined) {
    if (allowDelete) return { kind: 'delete', resource: 'sync', name, before, forces: { kind: 'none' } };
    if (orphaned) return { kind: 'unchanged', resource: 'sync', name, notes: [NOTE_STILL_ORPHANED] };
    return { kind: 'orphan', resource: 'sync', name, before, forces: { kind: 'none' } };
  }

  const diff = diffSync(before, after);
  const changes: FieldChange[] = [...diff.changes];
  const notes: string[] = orphaned ? [NOTE_BACK_FROM_ORPHAN] : [];
  // A sync the files already had turned off stays off until turned on; a running sync
  // that is off in the store (orphaned, or off though enabled) counts as off too.
  const wasOn = before.enabled && current.lifecycle !== 'off' && current.lifecycle !== 'orphaned';

  if (!wasOn && after.enabled) return { kind: 'turn-on', resource: 'sync', name, before, after, changes, forces: { kind: 'restart-sync' }, ...withNotes(notes) };
  if (wasOn && !after.enabled) return { kind: 'turn-off', resource: 'sync', name, before, after, changes, forces: { kind: 'none' }, ...withNotes(notes) };
  if (!after.enabled) {
    if (changes.length === 0 && !orphaned) return { kind: 'unchanged', resource: 'sync', name };
    if (changes.length > 0) notes.push(NOTE_OFF);
    return { kind: 'change', resource: 'sync', name, before, after, changes, forces: { kind: 'none' }, notes };
  }

  // On before and after: what the changes force, including changes of the connections it uses.
  const connectionChanges = usedConnections(after).flatMap((connection) => {
    // A sync that switches connections restarts anyway; the switch itself is its change.
    if (connection !== before.hub && connection !== before.app) return [];
    // Only the connection changes that restart the sync are repeated here; the rest (a
    // description, a secret reference) show on the connection's own step.
    const restarting = connectionDiffs.get(connection)?.restarting ?? [];
    return restarting.map((c) => ({ ...c, path: `${connectionPrefix(connection)}.${c.path}` }));
  });
  const restartForConnection = connectionChanges.length > 0;
  changes.push(...connectionChanges);
  if (changes.length === 0) return { kind: 'unchanged', resource: 'sync', name };
  return { kind: 'change', resource: 'sync', name, before, after, changes, forces: syncForces(diff.restartAll || restartForConnection, diff.restartObjects), ...withNotes(notes) };
}

function syncForces(all: boolean, objects: ReadonlySet<string>): Forces {
  if (all) return { kind: 'restart-sync' };
  if (objects.size > 0) return { kind: 'restart-objects', objects: [...objects].sort(byString) };
  return { kind: 'none' };
}

function connectionStep(
  name: string,
  desired: DesiredState,
  current: CurrentState,
  connectionDiffs: ReadonlyMap<string, ConnectionDiff>,
  syncSteps: readonly PlanStep[],
  allowDelete: boolean,
): PlanStep {
  const after = desired.connections[name];
  const before = current.connections[name];
  if (after === undefined && before === undefined) throw new Error(`connection ${name} is neither desired nor current`);
  if (before === undefined) return { kind: 'create', resource: 'connection', name, after: after as Connection, forces: { kind: 'none' } };
  if (after === undefined) {
    const users = remainingUsers(name, desired, current, syncSteps);
    if (allowDelete && users.length === 0) return { kind: 'delete', resource: 'connection', name, before, forces: { kind: 'none' } };
    const note =
      users.length > 0
        ? `removed from the files but kept: still used by ${users.map((u) => `sync ${u}`).join(', ')} (orphaned syncs keep their connections until deleted with --allow-delete)`
        : 'removed from the files but kept: apply with --allow-delete to delete it';
    return { kind: 'unchanged', resource: 'connection', name, notes: [note] };
  }
  const diff = connectionDiffs.get(name) ?? diffConnection(before, after);
  if (diff.changes.length === 0) return { kind: 'unchanged', resource: 'connection', name };
  const prefix = `${connectionPrefix(name)}.`;
  const restarts = syncSteps
    .filter((s) => s.kind === 'change' && s.resource === 'sync' && s.changes.some((c) => c.path.startsWith(prefix)))
    .map((s) => s.name);
  return {
    kind: 'change',
    resource: 'connection',
    name,
    before,
    after,
    changes: diff.changes,
    forces: restarts.length > 0 ? { kind: 'restart-sync' } : { kind: 'none' },
    restarts,
  };
}

/** Syncs that still use a connection after the plan: desired ones, and current ones not deleted. */
function remainingUsers(connection: string, desired: DesiredState, current: CurrentState, syncSteps: readonly PlanStep[]): string[] {
  const deleted = new Set(syncSteps.filter((s) => s.kind === 'delete').map((s) => s.name));
  const users = new Set<string>();
  for (const sync of Object.values(desired.syncs)) if (usesConnection(sync, connection)) users.add(sync.name);
  for (const [name, { definition }] of Object.entries(current.syncs)) {
    if (!deleted.has(name) && desired.syncs[name] === undefined && usesConnection(definition, connection)) users.add(name);
  }
  return [...users].sort(byString);
}

function connectionPrefix(connection: string): string {
  return `connections[${connection}]`;
}

function usesConnection(sync: Sync, connection: string): boolean {
  return sync.hub === connection || sync.app === connection;
}

function usedConnections(sync: Sync): string[] {
  return sync.hub === sync.app ? [sync.hub] : [sync.hub, sync.app];
}

function unionNames(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(byString);
}

function withNotes(notes: readonly string[]): { notes?: readonly string[] } {
  return notes.length > 0 ? { notes } : {};
}
