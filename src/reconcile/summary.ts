// Counting steps, and the small questions every caller asks of a plan.
import type { Sync } from '../config/model.js';
import type { Forces, Plan, PlanStep, PlanSummary } from './types.js';

/** True when the step (re)starts an initial sync of some or all objects. */
export function restartsInitialSync(forces: Forces): boolean {
  return forces.kind !== 'none';
}

/** The enabled syncs a plan creates, changes or turns on with a restart, and what each restarts. */
export function startedInitialSyncs(plan: Plan): { sync: Sync; restart: 'all' | readonly string[] }[] {
  const started: { sync: Sync; restart: 'all' | readonly string[] }[] = [];
  for (const step of plan.steps) {
    if (step.resource !== 'sync') continue;
    if (step.kind !== 'create' && step.kind !== 'change' && step.kind !== 'turn-on') continue;
    if (!step.after.enabled) continue;
    if (step.forces.kind === 'restart-sync') started.push({ sync: step.after, restart: 'all' });
    else if (step.forces.kind === 'restart-objects') started.push({ sync: step.after, restart: step.forces.objects });
  }
  return started;
}

/** Counts the steps of a plan by kind (and how many restart an initial sync). */
export function summarize(steps: readonly PlanStep[]): PlanSummary {
  const summary: PlanSummary = { create: 0, change: 0, restart: 0, changeRestart: 0, turnOff: 0, turnOn: 0, orphan: 0, delete: 0, unchanged: 0 };
  for (const step of steps) {
    switch (step.kind) {
      case 'create':
        summary.create += 1;
        if (step.resource === 'sync' && restartsInitialSync(step.forces)) summary.restart += 1;
        break;
      case 'change':
        summary.change += 1;
        // A connection's restarts show up again as change steps of the syncs using it.
        if (step.resource === 'sync' && restartsInitialSync(step.forces)) {
          summary.restart += 1;
          summary.changeRestart += 1;
        }
        break;
      case 'turn-on':
        summary.turnOn += 1;
        summary.restart += 1;
        break;
      case 'turn-off':
        summary.turnOff += 1;
        break;
      case 'orphan':
        summary.orphan += 1;
        break;
      case 'delete':
        summary.delete += 1;
        break;
      case 'unchanged':
        summary.unchanged += 1;
        break;
      default:
        return assertNever(step);
    }
  }
  return summary;
}

/** True when applying the plan would write anything (`--detailed-exitcode` returns 2). */
export function planHasChanges(plan: Pick<Plan, 'steps'>): boolean {
  return plan.steps.some((step) => step.kind !== 'unchanged');
}

/** Ends an exhaustive switch: a step kind without a case is a compile error here. */
export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
