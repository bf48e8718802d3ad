// One reconcile of the definitions directory, exactly as `plan` + `apply --yes` do it (load,
// diff against the state, apply the plan) with two runner twists: a rejected definition keeps
// its last good one (last-good.ts), and syncs the plan touches are stopped before it commits.
import { hashDesiredState, loadDefinitions, type LoadResult, type Problem } from '../config/index.js';
import { formatLocation } from '../config/problem.js';
import { isSyncctlError } from '../errors/syncctl-error.js';
import type { Logger } from '../log/logger.js';
import { redactSecrets } from '../log/redact.js';
import { applyPlan } from '../reconcile/apply.js';
import { reconcile } from '../reconcile/diff.js';
import type { Plan, PlanStep } from '../reconcile/types.js';
import { currentStateFromApplied, type SqliteStateStore } from '../store/index.js';
import type { LockHolder } from '../store/types.js';
import { type FileMemory, type KeptResource, mergeLastGood, rememberFiles } from './last-good.js';

export interface GenerationContext {
  store: SqliteStateStore;
  /** The definitions directory as the loader should see it. */
  dir: string;
  env: Record<string, string | undefined>;
  logger: Logger;
  holder: LockHolder;
  /** Delete syncs removed from the files (apply --allow-delete); otherwise they are orphaned. */
  prune: boolean;
  memory: FileMemory;
  /** Stops the workers of these syncs before the plan that changes them commits. */
  stopWorkers(names: readonly string[]): Promise<void>;
}

export type GenerationOutcome = 'applied' | 'unchanged' | 'rejected' | 'locked' | 'error';

/** What one reconcile found and did. */
export interface GenerationResult {
  outcome: GenerationOutcome;
  at: string;
  /** Every problem the loader reported (warnings too). */
  problems: Problem[];
  /** Resource-level rejections: these resources were invalid in the files. */
  rejected: LoadResult['rejected'];
  kept: KeptResource[];
  brokenFiles: string[];
  /** The whole directory was unusable: nothing was planned. */
  total: boolean;
  plan?: Plan;
  /** State revision after the reconcile. */
  revision?: number;
  /** Why a locked or failed reconcile did not happen. */
  error?: { code?: string; message: string; hint?: string };
}

/** Runs one generation: load, keep last good definitions, plan, stop what changes, apply. */
export async function runGeneration(ctx: GenerationContext): Promise<GenerationResult> {
  const at = new Date().toISOString();
  const load = await loadDefinitions(ctx.dir, { phase: 'run', env: ctx.env });
  logProblems(ctx.logger, load.problems);
  const base = { at, problems: load.problems, rejected: load.rejected };
  let lock: Awaited<ReturnType<SqliteStateStore['acquireApplyLock']>>;
  try {
    lock = await ctx.store.acquireApplyLock(ctx.holder);
  } catch (err) {
    const outcome = isSyncctlError(err, 'apply_locked') ? 'locked' : 'error';
    return { ...base, outcome, kept: [], brokenFiles: [], total: false, error: describe(err) };
  }
  try {
    if (lock.tookOver) ctx.logger.warn({ previous: lock.tookOver.holder, reason: lock.tookOver.reason }, 'took over a stale apply lock');
    const applied = await ctx.store.getApplied();
    const merged = mergeLastGood(load, applied, ctx.memory);
    for (const k of merged.kept) ctx.logger.warn({ resource: { kind: k.kind, name: k.name }, why: k.why, file: k.file }, `${k.kind.toLowerCase()} ${k.name} keeps its last good definition`);
    const rejectedAny = load.problems.some((p) => p.severity === 'error');
    const result = { ...base, kept: merged.kept, brokenFiles: merged.brokenFiles, total: merged.total };
    if (merged.total) {
      ctx.logger.error({ dir: ctx.dir }, 'no usable definitions in the directory: every sync keeps running as it is');
      return { ...result, outcome: 'rejected', revision: applied.revision };
    }
    rememberFiles(ctx.memory, load, merged.brokenFiles);
    const plan = reconcile(merged.desired, currentStateFromApplied(applied), {
      allowDelete: ctx.prune,
      stateRevision: applied.revision,
      desiredHash: hashDesiredState(merged.desired),
    });
    const changed = plan.steps.filter((s) => s.kind !== 'unchanged');
    if (changed.length === 0) return { ...result, outcome: rejectedAny ? 'rejected' : 'unchanged', plan, revision: applied.revision };

    await ctx.stopWorkers(touchedSyncs(plan.steps, applied.syncs));
    const applyResult = await applyPlan(ctx.store, plan, { by: `${ctx.holder.user}@${ctx.holder.host} via ${ctx.holder.command}` });
    for (const step of changed) {
      ctx.logger.info({ step: step.kind, resource: step.resource, name: step.name, forces: step.forces.kind, revision: applyResult.revision }, `${step.kind} ${step.resource} ${step.name}`);
    }
    ctx.logger.info({ revision: applyResult.revision, summary: plan.summary, initialSyncs: applyResult.initialSyncs }, 'plan applied');
    return { ...result, outcome: rejectedAny ? 'rejected' : 'applied', plan, revision: applyResult.revision };
  } catch (err) {
    ctx.logger.error({ code: isSyncctlError(err) ? err.code : undefined, err: describe(err).message }, 'reconcile failed');
    return { ...base, outcome: 'error', kept: [], brokenFiles: [], total: false, error: describe(err) };
  } finally {
    await lock.release();
  }
}

/** Syncs whose running worker must stop before the plan commits: every sync step that changes something, and users of changed connections. */
export function touchedSyncs(steps: readonly PlanStep[], applied: Readonly<Record<string, { definition: { hub: string; app: string } }>>): string[] {
  const names = new Set<string>();
  for (const step of steps) {
    if (step.kind === 'unchanged') continue;
    if (step.resource === 'sync') names.add(step.name);
    else if (step.kind === 'change' || step.kind === 'delete') {
      for (const [name, s] of Object.entries(applied)) if (s.definition.hub === step.name || s.definition.app === step.name) names.add(name);
    }
  }
  return [...names].sort();
}

function logProblems(logger: Logger, problems: readonly Problem[]): void {
  for (const p of problems) {
    const location = formatLocation(p);
    const data = { code: p.code, location, file: p.file, line: p.line, column: p.column, resource: p.resource, hint: p.hint };
    const message = `${location ? `${location}: ` : ''}${p.message}`;
    if (p.severity === 'error') logger.error(data, `definition rejected: ${message}`);
    else logger.warn(data, `definition warning: ${message}`);
  }
}

function describe(err: unknown): { code?: string; message: string; hint?: string } {
  const message = redactSecrets(err instanceof Error ? err.message : String(err));
  if (!isSyncctlError(err)) return { message };
  return err.hint === undefined ? { code: err.code, message } : { code: err.code, message, hint: err.hint };
}
