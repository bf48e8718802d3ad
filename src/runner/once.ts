// `syncctl run --once`, for cron and CI: one reconcile, the initial syncs it calls for, and one
// incremental poll per running sync (followed up while not caught up); then a verdict.
import type { GenerationResult } from './generation.js';
import { Runner, type RunnerOptions } from './runner.js';
import type { RunnerStatus } from './status.js';

export interface OnceOptions extends Omit<RunnerOptions, 'mode' | 'http'> {
  /** Records marked failing make the run fail too (by default they are reported only). */
  failOnRecordErrors: boolean;
}

export interface OnceResult {
  /** 0: reconciled and every running sync caught up; 1: something failed (see lines). */
  code: number;
  /** Human-readable outcome, one line per sync plus a verdict. */
  lines: string[];
  status: RunnerStatus;
  reconcile: GenerationResult | undefined;
}

/** Runs the runner once and judges the outcome. */
export async function runOnce(options: OnceOptions): Promise<OnceResult> {
  const runner = new Runner({ ...options, mode: 'once' });
  try {
    await runner.start();
    await runner.settle();
    const status = await runner.status();
    return { ...judgeOnce(status, runner.lastReconcile, options.failOnRecordErrors), status, reconcile: runner.lastReconcile };
  } finally {
    await runner.stop();
  }
}

/** The verdict of a --once run: exit code and the lines that explain it. */
export function judgeOnce(status: RunnerStatus, reconcile: GenerationResult | undefined, failOnRecordErrors: boolean): { code: number; lines: string[] } {
  const lines: string[] = [];
  const failures: string[] = [];
  if (!reconcile) failures.push('no reconcile ran');
  else if (reconcile.outcome === 'locked' || reconcile.outcome === 'error') {
    failures.push(`reconcile ${reconcile.outcome === 'locked' ? 'could not take the apply lock' : 'failed'}: ${reconcile.error?.message ?? 'see the log'}`);
  }
  for (const r of status.rejected) {
    const what = r.resource ? `${r.resource.kind.toLowerCase()} ${r.resource.name}` : (r.file ?? 'the definitions');
    for (const p of r.problems) failures.push(`rejected ${what}${r.keptLastGood ? ' (its last good definition ran)' : ''}: ${p.location ? `${p.location}: ` : ''}${p.message}`);
  }
  let failingRecords = 0;
  for (const s of status.syncs) {
    if (!s.enabled || s.lifecycle === 'off' || s.lifecycle === 'orphaned') {
      lines.push(`${s.name}: ${s.lifecycle === 'orphaned' ? 'orphaned' : 'off'}`);
      continue;
    }
    const w = s.worker;
    const failing = (w?.records ?? []).reduce((n, r) => n + r.failing, 0);
    failingRecords += failing;
    const pass = w?.lastPass;
    const passText = pass ? `${pass.caughtUp ? 'caught up' : 'NOT caught up'}: ${sum(pass.objects, 'seen')} seen, ${sum(pass.objects, 'written')} written` : 'no incremental pass';
    const initial = w && w.initialSync.started > 0 ? `initial sync ${w.initialSync.completed > 0 ? 'completed' : 'did not complete'}; ` : '';
    lines.push(`${s.name}: ${s.lifecycle}; ${initial}${passText}; ${failing} record(s) failing`);
    if (s.lifecycle === 'failed') failures.push(`sync ${s.name} failed: ${s.detail ?? w?.lastError?.message ?? 'see the log'}`);
    else if (s.lifecycle !== 'incremental') failures.push(`sync ${s.name}: initial sync did not complete (${s.lifecycle})`);
    else if (w?.lastError && w.consecutiveFailures > 0) failures.push(`sync ${s.name}: incremental pass failed: ${w.lastError.message}`);
    else if (!pass) failures.push(`sync ${s.name}: no incremental pass ran`);
    else if (!pass.caughtUp) failures.push(`sync ${s.name}: not caught up after its passes`);
  }
  if (failingRecords > 0) {
    const text = `${failingRecords} record(s) failing (see the record status)`;
    if (failOnRecordErrors) failures.push(text);
    else lines.push(`note: ${text}; --fail-on-record-errors makes this fail the run`);
  }
  for (const f of failures) lines.push(`FAILED ${f}`);
  lines.push(failures.length === 0 ? 'All running syncs caught up.' : `${failures.length} problem(s): exit 1.`);
  return { code: failures.length === 0 ? 0 : 1, lines };
}

function sum(objects: readonly { seen: { hub: number; app: number }; written: { hub: number; app: number } }[], key: 'seen' | 'written'): number {
  return objects.reduce((n, o) => n + o[key].hub + o[key].app, 0);
}
