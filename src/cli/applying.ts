// `apply` and the demo share this: lock, plan (or check a saved plan), confirm, commit, run initial syncs.
import { hostname, userInfo } from 'node:os';
import type { Logger } from 'pino';
import { SyncctlError, isSyncctlError } from '../errors/syncctl-error.js';
import { type InitialSyncReport, formatReportText, reportDataFormatter, runPendingInitialSyncs } from '../engine/index.js';
import { createTtyProgress } from '../engine/progress-tty.js';
import { checkPlanFresh, readPlanFile, renderPlan } from '../plan/index.js';
import { applyPlan } from '../reconcile/apply.js';
import { startedInitialSyncs } from '../reconcile/summary.js';
import type { Plan } from '../reconcile/types.js';
import { openStateStore } from '../store/index.js';
import { confirm } from './confirm.js';
import { assertPreflight, preflightSyncs } from '../engine/preflight.js';
import { type CliIO, err, isInteractive, out, useColor } from './io.js';
import { fromCwd } from './options.js';
import { statePath } from './paths.js';
import { buildPlan } from './planning.js';

export interface ApplyOptions {
  planFile?: string | undefined;
  dir: string;
  state?: string | undefined;
  yes: boolean;
  allowDelete: boolean;
  detach: boolean;
  strict: boolean;
  logger: Logger;
  /** Who is applying, for the lock and the history (e.g. "syncctl apply"). */
  command: string;
}

/** Who we are, for the apply lock and the audit history. */
export function whoAmI(command: string): { pid: number; host: string; user: string; command: string } {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry (containers): keep "unknown".
  }
  return { pid: process.pid, host: hostname(), user, command };
}

/** Carries out apply; resolves to the exit code. */
export async function runApply(io: CliIO, options: ApplyOptions): Promise<number> {
  const store = await openStateStore(statePath(io, options.state));
  const holder = whoAmI(options.command);
  try {
    const lock = await store.acquireApplyLock(holder);
    try {
      // release() deletes the lock row before its first await: a hard stop can call it and exit.
      return await applyLocked(io, options, store, holder, () => void lock.release());
    } finally {
      await lock.release();
    }
  } finally {
    await store.close();
  }
}

async function applyLocked(
  io: CliIO,
  options: ApplyOptions,
  store: Awaited<ReturnType<typeof openStateStore>>,
  holder: ReturnType<typeof whoAmI>,
  releaseLockNow: () => void,
): Promise<number> {
  const built = await buildPlan(io, {
    dir: options.dir,
    state: options.state,
    allowDelete: options.allowDelete,
    strict: options.strict,
    data: false,
    phase: 'apply',
    logger: options.logger,
    store,
  });
  if (!built) return 1;
  let plan: Plan = built.plan;
  if (options.planFile) {
    const saved = await readPlanFile(fromCwd(io, options.planFile));
    checkPlanFresh(saved, { stateRevision: built.plan.stateRevision, desiredHash: built.load.desiredHash });
    plan = saved;
  }

  const changes = plan.steps.some((s) => s.kind !== 'unchanged');
  out(io, renderPlan(plan, 'text', { color: useColor(io), formatData: reportDataFormatter }));
  if (changes) {
    if (!options.yes && !options.planFile) {
      if (!isInteractive(io)) {
        throw new SyncctlError('confirmation_required', 'apply needs confirmation, and this is not a terminal.', {
          hint: 'Review the plan above and re-run with --yes, or apply a reviewed saved plan: syncctl apply plan.json',
        });
      }
      if (!(await confirm(io, 'Do you want to apply this plan?'))) {
        err(io, 'Apply cancelled: nothing was changed.');
        return 1;
      }
    }
    // Every sync the plan starts must be able to run before anything is recorded.
    assertPreflight(await preflightSyncs(startedInitialSyncs(plan).map((s) => s.sync), built.load.desired.connections, io.env));
    const result = await applyPlan(store, plan, { by: `${holder.user}@${holder.host} via ${holder.command}` });
    options.logger.info({ revision: result.revision, steps: plan.steps.length }, 'plan applied');
    out(io, `Applied: ${plan.steps.filter((s) => s.kind !== 'unchanged').length} change(s) recorded in ${store.location}.`);
  }
  if (options.detach) {
    out(io, 'Initial syncs are left to a running `syncctl run` on this state (--detach).');
    return 0;
  }
  const progress = createTtyProgress(io.stderr);
  // Ctrl-C (or a TERM) stops the initial syncs after the page in hand, with their progress
  // saved; a second one stops at once (a later apply resumes either way).
  const stop = new AbortController();
  let stoppedBy: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stoppedBy) {
      // Stopping at once: what is committed stays, and the next apply takes it from there.
      releaseLockNow();
      process.exit(signalExitCode(signal));
    }
    stoppedBy = signal;
    progress.done();
    const again = signal === 'SIGINT' ? 'Press Ctrl-C again' : `Send ${signal} again`;
    err(io, `Stopping the initial sync after the page in hand (${signal}); its progress is saved. ${again} to stop at once.`);
    stop.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const reports: InitialSyncReport[] = [];
    try {
      await runPendingInitialSyncs({
        store,
        env: io.env,
        logger: options.logger,
        onProgress: progress.onProgress,
        signal: stop.signal,
        onReport: (r) => reports.push(r),
      });
    } catch (error) {
      if (!stoppedBy || !isSyncctlError(error, 'initial_sync_aborted')) throw error;
      progress.done();
      // The syncs that completed before the stop are done: say so, then what was stopped.
      if (reports.length > 0) out(io, formatReportText(reports));
      err(io, `${error.message}\n  hint: ${error.hint ?? 'Run syncctl apply again to resume it.'}`);
      return signalExitCode(stoppedBy);
    }
    progress.done();
    if (reports.length > 0) out(io, formatReportText(reports));
    const applied = await store.getApplied();
    const failed = Object.values(applied.syncs).filter((s) => s.lifecycle === 'failed');
    for (const sync of failed) err(io, `Sync ${sync.name} failed: ${sync.detail ?? 'see the log'}`);
    return failed.length > 0 ? 1 : 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    progress.done();
  }
}

/** A shell's exit code for a command stopped by `signal`: 128 + its number (130 for SIGINT). */
function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + (signal === 'SIGINT' ? 2 : 15);
}
