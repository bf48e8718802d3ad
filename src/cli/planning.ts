// Shared by plan, apply and demo: load the files, find what is running, diff the two.
import type { Logger } from 'pino';
import {
  formatProblemsText,
  loadDefinitions,
  loadDefinitionsFromSources,
  readSourcesAtGitRef,
  type LoadResult,
} from '../config/index.js';
import type { DesiredState } from '../config/model.js';
import { SyncctlError } from '../errors/syncctl-error.js';
import { dryRunInitialSyncs } from '../engine/index.js';
import { reconcile } from '../reconcile/diff.js';
import { startedInitialSyncs } from '../reconcile/summary.js';
import type { CurrentState, Plan } from '../reconcile/types.js';
import { currentStateFromApplied, openStateStore, type SqliteStateStore } from '../store/index.js';
import { type CliIO, err, useColor } from './io.js';
import { definitionsDir, stateExists, statePathReadOnly } from './paths.js';

export interface BuildPlanOptions {
  dir: string;
  state?: string | undefined;
  base?: string | undefined;
  allowDelete: boolean;
  strict: boolean;
  data: boolean;
  phase: 'plan' | 'apply';
  logger: Logger;
  /** An open store to plan against (apply holds it, with the lock). */
  store?: SqliteStateStore;
}

export interface BuiltPlan {
  plan: Plan;
  load: LoadResult;
}

const EMPTY: CurrentState = { connections: {}, syncs: {} };

/** Loads, validates and diffs; prints problems and returns undefined when the files are invalid. */
export async function buildPlan(io: CliIO, options: BuildPlanOptions): Promise<BuiltPlan | undefined> {
  const load = await loadDefinitions(definitionsDir(io, options.dir), {
    phase: options.phase,
    strict: options.strict,
    env: io.env,
  });
  if (load.problems.length > 0) err(io, formatProblemsText(load.problems, { color: useColor(io) && Boolean(io.stderr.isTTY) }));
  if (!load.ok) return undefined;

  let current = EMPTY;
  let stateRevision: number | null = 0;
  let store = options.store;
  let opened: SqliteStateStore | undefined;
  if (options.base) {
    current = await currentAtGitRef(io, options.base, options.dir);
    stateRevision = null;
  } else if (!store) {
    const path = statePathReadOnly(io, options.state);
    if (stateExists(path)) store = opened = await openStateStore(path);
  }
  try {
    if (store && !options.base) {
      const applied = await store.getApplied();
      current = currentStateFromApplied(applied);
      stateRevision = applied.revision;
    }
    const plan = reconcile(load.desired, current, {
      allowDelete: options.allowDelete,
      stateRevision,
      desiredHash: load.desiredHash,
      ...(options.base ? { base: options.base } : {}),
    });
    // The dry run starts from the current index (links of earlier runs), so that a restart's
    // predicted counts are what the real restart will do.
    if (options.data) await attachDryRun(io, plan, load.desired, options.logger, options.base ? undefined : store);
    return { plan, load };
  } finally {
    await opened?.close();
  }
}

/** The files at a git ref, seen as if they were what is running (for PR checks without state). */
async function currentAtGitRef(io: CliIO, ref: string, dir: string): Promise<CurrentState> {
  let sources: Awaited<ReturnType<typeof readSourcesAtGitRef>>;
  try {
    sources = await readSourcesAtGitRef(ref, dir, io.cwd);
  } catch (error) {
    // The PR that adds the definitions directory: at the base there is nothing yet.
    if (error instanceof SyncctlError && error.meta['reason'] === 'dir_missing') return EMPTY;
    throw error;
  }
  const base = loadDefinitionsFromSources(sources, { phase: 'plan', env: io.env, baseDir: io.cwd });
  if (!base.ok) err(io, `note: the definitions at ${ref} have errors; planning against their valid parts.`);
  const syncs: Record<string, CurrentState['syncs'][string]> = {};
  for (const [name, sync] of Object.entries(base.desired.syncs)) {
    syncs[name] = { definition: sync, lifecycle: sync.enabled ? 'incremental' : 'off' };
  }
  return { connections: base.desired.connections, syncs };
}

/** Runs the record-level dry run for every sync the plan creates or restarts. */
async function attachDryRun(
  io: CliIO,
  plan: Plan,
  desired: DesiredState,
  logger: Logger,
  store: SqliteStateStore | undefined,
): Promise<void> {
  const started = startedInitialSyncs(plan);
  const syncs = started.map((s) => s.sync);
  const restart = Object.fromEntries(started.map((s) => [s.sync.name, s.restart]));
  if (syncs.length === 0) return;
  const reports = await dryRunInitialSyncs({
    syncs,
    connections: desired.connections,
    restart,
    env: io.env,
    logger,
    ...(store ? { store } : {}),
  });
  plan.data = Object.fromEntries(reports.map((r) => [r.sync, r]));
}
