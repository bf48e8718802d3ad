// Carries out a plan, and nothing but a plan: every step maps to state-store writes, all
// committed in one transaction against the revision the plan was made at.
import { hashConnection, hashSync } from '../config/hash.js';
import type { Connection, Sync } from '../config/model.js';
import type { AppliedState, AppliedSync, Lifecycle, StateStore, StoreWrite } from '../store/types.js';
import { assertNever } from './summary.js';
import type { Forces, Plan, PlanStep } from './types.js';
import { byString } from './value-diff.js';

export interface ApplyMeta {
  /** Who or what applies, e.g. `ana@laptop via syncctl apply`. */
  by: string;
  now?: Date;
}

/** A sync that the apply left waiting for its initial sync (of all objects or of some). */
export interface PendingInitialSync {
  sync: string;
  restart: 'all' | readonly string[];
}

export interface ApplyResult {
  /** The state revision after the apply (unchanged when the plan had nothing to do). */
  revision: number;
  /** Syncs this apply wrote as waiting for an initial sync (merged restart lists): the CLI runs them next. */
  initialSyncs: readonly PendingInitialSync[];
  /** What was committed, in order. */
  writes: readonly StoreWrite[];
}

const ORPHAN_DETAIL = 'removed from the definition files: turned off, index kept (apply --allow-delete deletes it)';

/** Executes a plan against the store in one commit; refused with `stale_state` when the state moved on. */
export async function applyPlan(store: StateStore, plan: Plan, meta: ApplyMeta): Promise<ApplyResult> {
  const applied = await store.getApplied();
  const context: StepContext = { applied, at: (meta.now ?? new Date()).toISOString(), by: meta.by };
  const writes = plan.steps.flatMap((step) => writesFor(step, context));
  // Connections exist before syncs point at them, and go only after their syncs are gone.
  const order = (w: StoreWrite): number => (w.kind === 'put-connection' ? 0 : w.kind === 'delete-connection' ? 2 : 1);
  writes.sort((a, b) => order(a) - order(b));
  const initialSyncs = writes.flatMap((w): PendingInitialSync[] =>
    w.kind === 'put-sync' && w.sync.lifecycle === 'pending-initial-sync' && w.sync.restart !== null ? [{ sync: w.sync.name, restart: w.sync.restart }] : [],
  );
  if (writes.length === 0) return { revision: applied.revision, initialSyncs, writes };
  const revision = await store.commit(writes, plan.stateRevision ?? undefined, { actor: meta.by });
  return { revision, initialSyncs, writes };
}

interface StepContext {
  applied: AppliedState;
  at: string;
  by: string;
}

/** The writes of one step. Every step kind has a case: a new kind without one does not compile. */
function writesFor(step: PlanStep, ctx: StepContext): StoreWrite[] {
  switch (step.kind) {
    case 'create':
      if (step.resource === 'connection') return [putConnection(step.after, ctx)];
      return [putSync(step.after, step.after.enabled ? restartLifecycle(step.forces, undefined) : OFF, ctx)];
    case 'change':
      if (step.resource === 'connection') return [putConnection(step.after, ctx)];
      return [putSync(step.after, changedLifecycle(step.after, step.forces, ctx.applied.syncs[step.name]), ctx)];
    case 'turn-on':
      return [putSync(step.after, restartLifecycle(step.forces, undefined), ctx)];
    case 'turn-off':
      return [putSync(step.after, OFF, ctx)];
    case 'orphan':
      return [{ kind: 'set-lifecycle', name: step.name, lifecycle: 'orphaned', restart: null, detail: ORPHAN_DETAIL }];
    case 'delete':
      return [step.resource === 'sync' ? { kind: 'delete-sync', name: step.name } : { kind: 'delete-connection', name: step.name }];
    case 'unchanged':
      return [];
    default:
      return assertNever(step);
  }
}

interface LifecyclePart {
  lifecycle: Lifecycle;
  restart: AppliedSync['restart'];
  detail: string | null;
}

const OFF: LifecyclePart = { lifecycle: 'off', restart: null, detail: null };

/** Pending initial sync for what `forces` restarts, merged with a restart still waiting or running. */
function restartLifecycle(forces: Forces, current: AppliedSync | undefined): LifecyclePart {
  const pending = (restart: AppliedSync['restart']): LifecyclePart => ({ lifecycle: 'pending-initial-sync', restart, detail: null });
  if (forces.kind !== 'restart-objects') return pending('all');
  // A failed initial sync still owes its restart: the new one covers both.
  const busy =
    current?.lifecycle === 'pending-initial-sync' ||
    current?.lifecycle === 'initial-sync' ||
    (current?.lifecycle === 'failed' && current.restart !== null);
  if (!busy) return pending([...forces.objects]);
  // An initial sync still to run (or running) for everything, or with no list, stays whole.
  if (current.restart === null || current.restart === 'all') return pending('all');
  return pending([...new Set([...current.restart, ...forces.objects])].sort(byString));
}

/** The lifecycle after a `change` step: off stays off, restarts wait, anything else is kept. */
function changedLifecycle(after: Sync, forces: Forces, current: AppliedSync | undefined): LifecyclePart {
  if (!after.enabled) return OFF;
  if (forces.kind !== 'none') return restartLifecycle(forces, current);
  // Not in the store (a plan made against a git ref): it starts as a new sync would.
  if (current === undefined) return restartLifecycle({ kind: 'restart-sync' }, undefined);
  return { lifecycle: current.lifecycle, restart: current.restart, detail: current.detail };
}

function putSync(definition: Sync, part: LifecyclePart, ctx: StepContext): StoreWrite {
  const current = ctx.applied.syncs[definition.name];
  const sync: AppliedSync = {
    name: definition.name,
    hash: hashSync(definition),
    definition,
    lifecycle: part.lifecycle,
    restart: part.restart,
    detail: part.detail,
    appliedAt: ctx.at,
    appliedBy: ctx.by,
    // The store owns the count; this is what it would compute, for stores that do not.
    generation: current === undefined ? 1 : current.hash === hashSync(definition) ? current.generation : current.generation + 1,
  };
  return { kind: 'put-sync', sync };
}

function putConnection(definition: Connection, ctx: StepContext): StoreWrite {
  return {
    kind: 'put-connection',
    connection: { name: definition.name, hash: hashConnection(definition), definition, appliedAt: ctx.at, appliedBy: ctx.by },
  };
}
