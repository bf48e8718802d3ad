// A plan saved with `plan --out` and applied later with `apply plan.json`: applied exactly
// as reviewed, or refused when the state or the files moved on since it was made.
import { chmodSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SyncctlError } from '../errors/syncctl-error.js';
import type { Plan } from '../reconcile/types.js';
import { checkPlanShape } from './plan-shape.js';
import { renderJson } from './render-json.js';
import { makeDirectory } from '../util/make-dir.js';
import { outputTarget } from '../util/output-target.js';

const RERUN_HINT = 'Run `syncctl plan --out <file>` again, review it, and apply the new plan.';

/**
 * Saves a plan as JSON (secrets as references only): a file is replaced atomically (see
 * outputTarget: a symlink's target, a device in place). Fails with `plan_unwritable`, leaving
 * no temporary file, when the path cannot be written.
 */
export function writePlanFile(path: string, plan: Plan): void {
  let temp: string | undefined;
  try {
    const target = outputTarget(path);
    if (target.kind === 'in-place') {
      writeFileSync(target.path, renderJson(plan));
      return;
    }
    makeDirectory(dirname(target.path));
    temp = `${target.path}.${process.pid}.tmp`;
    writeFileSync(temp, renderJson(plan), { mode: target.mode ?? 0o600 });
    if (target.mode !== undefined) chmodSync(temp, target.mode);
    renameSync(temp, target.path);
  } catch (cause) {
    if (temp !== undefined) {
      try {
        rmSync(temp, { force: true });
      } catch {
        // Nothing was written there either.
      }
    }
    const code = (cause as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new SyncctlError('plan_unwritable', `Cannot save the plan to ${path} (${code}).`, {
      hint: 'Check that the directory can be created and written, or choose another --out path.',
      meta: { file: path },
      cause,
    });
  }
}

/** Reads a saved plan; fails with `plan_unreadable` naming what is wrong. */
export function readPlanFile(path: string): Plan {
  const unreadable = (message: string, hint: string, cause?: unknown): SyncctlError =>
    new SyncctlError('plan_unreadable', `Cannot use the saved plan ${path}: ${message}.`, { hint, meta: { file: path }, cause });
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw unreadable(code === 'ENOENT' ? 'the file does not exist' : `the file cannot be read (${code ?? 'unknown error'})`, 'Check the path, or make a plan with `syncctl plan --out <file>`.', cause);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw unreadable(`it is not valid JSON (${(cause as Error).message})`, `${RERUN_HINT} Saved plans are written by syncctl; do not edit them.`, cause);
  }
  const version = (value as { formatVersion?: unknown } | null)?.formatVersion;
  if (version !== 1) {
    const found = version === undefined ? 'it has no formatVersion' : `its formatVersion is ${JSON.stringify(version)}, and this syncctl reads only formatVersion 1`;
    throw unreadable(found, `${RERUN_HINT} Use the same syncctl version for plan and apply.`);
  }
  const checked = checkPlanShape(value);
  if ('problem' in checked) {
    throw unreadable(`${checked.problem.where} ${checked.problem.message}`, `${RERUN_HINT} Saved plans are written by syncctl; do not edit them.`);
  }
  return checked.plan;
}

/** Refuses (`stale_plan`) a saved plan made against another state revision or other files. */
export function checkPlanFresh(plan: Plan, current: { stateRevision: number | null; desiredHash: string }): void {
  const reasons: string[] = [];
  if (plan.stateRevision !== current.stateRevision) {
    if (plan.stateRevision === null) reasons.push(`it was made against the files at ${plan.options.base ?? 'a git ref'}, not against the state store`);
    else if (current.stateRevision === null) reasons.push('it was made against the state store, and is being checked without one');
    else reasons.push(`the state was applied since (revision ${plan.stateRevision} then, ${current.stateRevision} now)`);
  }
  if (plan.desiredHash !== current.desiredHash) reasons.push('the definition files changed since');
  if (reasons.length === 0) return;
  throw new SyncctlError('stale_plan', `The saved plan is stale: ${reasons.join('; and ')}. Nothing was applied.`, {
    hint: RERUN_HINT,
    meta: { planRevision: plan.stateRevision, stateRevision: current.stateRevision, planHash: plan.desiredHash, desiredHash: current.desiredHash },
  });
}
