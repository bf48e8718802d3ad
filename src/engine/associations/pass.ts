// The association share of an incremental pass, after every object of the pass ran. Per
// association of the sync: left alone unless both connectors hold its kind and both objects
// have finished their initial sync (and neither is paused); then the full reconciliation when
// it has not run for these initial-sync runs (or was interrupted), then the incremental pass
// around what changed. A failing association is reported and logged; it never fails the
// records of the pass (refused credentials still stop the pass).
import type { Sync } from '../../config/model.js';
import type { Connector } from '../../connectors/types.js';
import type { Logger } from '../../log/logger.js';
import type { IncrementalIndex } from '../incremental/incremental-index.js';
import { type RetryPolicy, isAuthFailure, messageOf } from '../incremental/retry.js';
import type { RecordIndex, Side } from '../record-index.js';
import { dropTouched, runAroundChanges } from './around.js';
import type { AssociationIndex } from './association-index.js';
import { type AssociationContext, associationApis } from './context.js';
import { runFullReconciliation } from './full.js';
import { type AssociationPlan, type AssociationReport, emptyAssociationReport, planAssociations } from './types.js';

export interface AssociationPassOptions {
  sync: Sync;
  connectors: Record<Side, Connector>;
  index: RecordIndex;
  /** For the objects' pauses (mass-delete guard). */
  incremental: IncrementalIndex;
  associations: AssociationIndex;
  logger: Logger;
  retry: RetryPolicy;
  /** From records per batch and edges per write call. */
  pageSize: number;
  signal?: AbortSignal;
  /** Diff whole sides through the connectors' `scan` where they have one (polls, not pushes). */
  scan: boolean;
}

export interface AssociationPassResult {
  associations: AssociationReport[];
  /** False when an association stopped early or failed (the pass is then not caught up). */
  complete: boolean;
}

/** Runs the association pass of `options.sync`. */
export async function runAssociationPass(options: AssociationPassOptions): Promise<AssociationPassResult> {
  const plans = planAssociations(options.sync);
  await options.associations.forgetOthers(options.sync.name, plans.map((p) => p.key.name));
  const reports: AssociationReport[] = [];
  let complete = true;
  for (const plan of plans) {
    const report = emptyAssociationReport(plan.key.name);
    reports.push(report);
    if (options.signal?.aborted) {
      complete = false;
      report.skipped = 'the pass is stopping';
      continue;
    }
    if (!(await runOne(options, plan, report))) complete = false;
    const counts = await options.associations.counts(plan.key);
    report.waiting = counts.waiting;
    report.failing = counts.failing;
  }
  const busy = reports.some((r) => r.added.hub + r.added.app + r.removed.hub + r.removed.app > 0 || r.error !== undefined);
  if (reports.length > 0) options.logger[busy ? 'info' : 'debug']({ sync: options.sync.name, associations: reports }, 'association pass done');
  return { associations: reports, complete };
}

/** Why an object of the association is not ready, or the objects' initial-sync runs ("fromRun:toRun") when both are. */
async function notReady(options: AssociationPassOptions, plan: AssociationPlan): Promise<{ why: string } | { runs: string }> {
  const runs: number[] = [];
  for (const object of [plan.from.hub, plan.to.hub]) {
    const key = { sync: options.sync.name, object };
    const cp = await options.index.getCheckpoint(key);
    if (!cp || cp.phase !== 'done') return { why: `the initial sync of ${object} has not completed` };
    const pause = await options.incremental.getPause(key);
    if (pause && pause.run === cp.run) return { why: `${object} is paused (mass-delete guard)` };
    runs.push(cp.run);
  }
  return { runs: runs.join(':') };
}

async function runOne(options: AssociationPassOptions, plan: AssociationPlan, report: AssociationReport): Promise<boolean> {
  let apis: ReturnType<typeof associationApis>;
  try {
    apis = associationApis(plan, options.connectors);
  } catch (err) {
    // A connection option naming a link table that is not there: the records still sync.
    if (isAuthFailure(err)) throw err;
    report.error = messageOf(err);
    options.logger.warn({ association: plan.key.name, err: report.error }, 'association left alone: its connector cannot serve it');
    return false;
  }
  if (typeof apis === 'string') {
    report.skipped = apis;
    // Nothing reads its touches while an app does not hold the kind: they are not kept piling up.
    await dropTouched(options.associations, plan);
    return true;
  }
  const ready = await notReady(options, plan);
  if ('why' in ready) {
    report.skipped = ready.why;
    return true;
  }
  const ctx: AssociationContext = {
    plan,
    apis,
    records: options.connectors,
    connections: { hub: options.sync.hub, app: options.sync.app },
    index: options.associations,
    logger: options.logger.child({ association: plan.key.name }),
    retry: options.retry,
    pageSize: options.pageSize,
    signal: options.signal,
    report,
  };
  try {
    let cp = await options.associations.getCheckpoint(plan.key);
    if (!cp || cp.runs !== ready.runs) cp = await options.associations.startFull(plan.key, ready.runs);
    if (!cp.done) {
      const resumed = cp.resumeAfter !== '';
      if (!(await runFullReconciliation(ctx, cp))) return false;
      report.reconciled = true;
      // Run from the start in this pass, it read every record after all the touches so far.
      // Resumed, it did not re-read the pages done before the interruption, and records there
      // may have been touched since: they are taken up now.
      if (resumed) return await runAroundChanges(ctx, { scan: false });
      await dropTouched(ctx.index, plan);
      return true;
    }
    report.reconciled = true;
    return await runAroundChanges(ctx, { scan: options.scan });
  } catch (err) {
    if (isAuthFailure(err)) throw err;
    report.error = messageOf(err);
    ctx.logger.warn({ err: report.error }, 'association pass failed; it is tried again on the next pass');
    return false;
  }
}

/**
 * Notes that records of one object changed (ids of `side`; `object` is its hub object name),
 * so the next association pass re-reads the associations around them. The incremental engine
 * calls it for every changed record; a webhook adapter may call it for association events
 * (then enqueue a pass).
 */
export async function touchAssociations(index: AssociationIndex, sync: Sync, object: string, side: Side, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  for (const plan of planAssociations(sync)) {
    if (plan.from.hub === object) await index.touch(plan.key, 'from', side, ids);
    if (plan.to.hub === object) await index.touch(plan.key, 'to', side, ids);
  }
}

/** True when `object` (a hub object name) takes part in one of the sync's associations. */
export function inAnyAssociation(sync: Sync, object: string): boolean {
  return planAssociations(sync).some((p) => p.from.hub === object || p.to.hub === object);
}
