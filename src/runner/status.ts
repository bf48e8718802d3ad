// The runner's status as data: what /api/syncs returns, and what /readyz decides from. Pure.
import type { Problem, Sync } from '../config/index.js';
import { formatLocation } from '../config/problem.js';
import type { AppliedState, Lifecycle } from '../store/types.js';
import type { GenerationResult } from './generation.js';
import type { WorkerStatus } from './worker-status.js';

type Kind = 'Connection' | 'Sync';

/** A problem as status shows it: with its file:line:col. */
export interface ProblemView {
  severity: Problem['severity'];
  code: string;
  message: string;
  hint?: string;
  location?: string;
  resource?: { kind: Kind; name: string };
}

export interface SyncView {
  name: string;
  hub: string;
  app: string;
  enabled: boolean;
  pollInterval: string;
  /** Content hash of the running (applied) definition. */
  hash: string;
  /** Increments each time the definition changes. */
  generation: number;
  lifecycle: Lifecycle;
  detail: string | null;
  appliedAt: string;
  appliedBy: string;
  /** ok: the files hold this definition; rejected: the files' one is invalid and this last good one runs. */
  config: { state: 'ok' | 'rejected'; problems: ProblemView[] };
  definition: Sync;
  /** The worker running it, when it runs. */
  worker: WorkerStatus | null;
}

export interface RejectedView {
  /** The resource, or absent when the file as a whole could not be read. */
  resource?: { kind: Kind; name: string };
  file?: string;
  /** True when a last good definition of it keeps running. */
  keptLastGood: boolean;
  problems: ProblemView[];
}

export interface ReconcileView {
  outcome: GenerationResult['outcome'];
  at: string;
  revision?: number;
  summary?: NonNullable<GenerationResult['plan']>['summary'];
  error?: GenerationResult['error'];
}

export interface RunnerStatus {
  startedAt: string;
  /** Reconciles run so far. */
  generation: number;
  lastReconcile: ReconcileView | null;
  revision: number;
  syncs: SyncView[];
  rejected: RejectedView[];
  connections: { name: string; connector: string; hash: string }[];
}

export interface UnhealthyEntry {
  sync?: string;
  resource?: { kind: Kind; name: string };
  file?: string;
  reason: 'failed' | 'initial-sync' | 'pass-failed' | 'rejected-config';
  detail: string;
}

export interface Readiness {
  ready: boolean;
  status: 'starting' | 'ready' | 'unhealthy';
  unhealthy: UnhealthyEntry[];
}

/** Builds the status from the applied state, the workers and the last reconcile. */
export function buildStatus(input: {
  startedAt: string;
  generation: number;
  /** The last reconcile that got as far as loading and planning (its rejections stand until the next). */
  last: GenerationResult | undefined;
  /** The last reconcile attempted (it may have found the state locked). */
  attempt: GenerationResult | undefined;
  applied: AppliedState;
  workers: ReadonlyMap<string, { status(): WorkerStatus }>;
}): RunnerStatus {
  const { applied, last } = input;
  const errors = (last?.problems ?? []).filter((p) => p.severity === 'error');
  const rejectedKeys = new Set((last?.rejected ?? []).map((r) => `${r.kind}:${r.name}`));
  const keptKeys = new Set((last?.kept ?? []).map((k) => `${k.kind}:${k.name}`));
  const brokenFiles = new Set(last?.brokenFiles ?? []);
  const keptFromBroken = new Map((last?.kept ?? []).filter((k) => k.file !== undefined && brokenFiles.has(k.file)).map((k) => [`${k.kind}:${k.name}`, k.file as string]));

  const problemsOf = (kind: Kind, name: string, also: readonly string[] = []): ProblemView[] => {
    const brokenFile = keptFromBroken.get(`${kind}:${name}`);
    return errors
      .filter((p) => (p.resource ? (p.resource.kind === kind && p.resource.name === name) || (p.resource.kind === 'Connection' && also.includes(p.resource.name)) : p.file === brokenFile))
      .map(problemView);
  };

  const syncs: SyncView[] = Object.values(applied.syncs).map((s) => {
    const key = `Sync:${s.name}`;
    const rejected = rejectedKeys.has(key) || keptFromBroken.has(key);
    return {
      name: s.name,
      hub: s.definition.hub,
      app: s.definition.app,
      enabled: s.definition.enabled,
      pollInterval: s.definition.pollInterval,
      hash: s.hash,
      generation: s.generation,
      lifecycle: s.lifecycle,
      detail: s.detail,
      appliedAt: s.appliedAt,
      appliedBy: s.appliedBy,
      config: { state: rejected ? 'rejected' : 'ok', problems: rejected ? problemsOf('Sync', s.name, [s.definition.hub, s.definition.app]) : [] },
      definition: s.definition,
      worker: input.workers.get(s.name)?.status() ?? null,
    };
  });

  const rejected: RejectedView[] = [];
  for (const r of last?.rejected ?? []) {
    rejected.push({ resource: { kind: r.kind, name: r.name }, file: r.file, keptLastGood: keptKeys.has(`${r.kind}:${r.name}`), problems: problemsOf(r.kind, r.name) });
  }
  const fileLevel = errors.filter((p) => p.resource === undefined);
  for (const file of new Set(fileLevel.map((p) => p.file ?? ''))) {
    const problems = fileLevel.filter((p) => (p.file ?? '') === file).map(problemView);
    rejected.push({ ...(file ? { file } : {}), keptLastGood: (last?.kept ?? []).some((k) => k.file === file) || Boolean(last?.total), problems });
  }

  return {
    startedAt: input.startedAt,
    generation: input.generation,
    lastReconcile: input.attempt ? reconcileView(input.attempt) : null,
    revision: applied.revision,
    syncs,
    rejected,
    connections: Object.values(applied.connections).map((c) => ({ name: c.name, connector: c.definition.connector, hash: c.hash })),
  };
}

/** Ready once start-up is done and no sync is failed, rejected or still in its initial sync. */
export function readiness(status: RunnerStatus, startupDone: boolean): Readiness {
  const unhealthy: UnhealthyEntry[] = [];
  for (const s of status.syncs) {
    if (!s.enabled || s.lifecycle === 'off' || s.lifecycle === 'orphaned') continue;
    if (s.lifecycle === 'failed') unhealthy.push({ sync: s.name, reason: 'failed', detail: s.detail ?? s.worker?.lastError?.message ?? 'the sync failed' });
    else if (s.lifecycle === 'pending-initial-sync' || s.lifecycle === 'initial-sync') unhealthy.push({ sync: s.name, reason: 'initial-sync', detail: 'initial sync still running' });
    else if (s.worker?.lastError && s.worker.consecutiveFailures > 0) unhealthy.push({ sync: s.name, reason: 'pass-failed', detail: s.worker.lastError.message });
  }
  for (const r of status.rejected) {
    const first = r.problems[0];
    const detail = first ? `${first.location ? `${first.location}: ` : ''}${first.message}` : 'rejected';
    const where = r.resource ? { resource: r.resource, ...(r.resource.kind === 'Sync' ? { sync: r.resource.name } : {}) } : {};
    unhealthy.push({ ...where, ...(r.file ? { file: r.file } : {}), reason: 'rejected-config', detail });
  }
  if (!startupDone) return { ready: false, status: 'starting', unhealthy };
  return unhealthy.length === 0 ? { ready: true, status: 'ready', unhealthy } : { ready: false, status: 'unhealthy', unhealthy };
}

function problemView(p: Problem): ProblemView {
  const location = formatLocation(p);
  return {
    severity: p.severity,
    code: p.code,
    message: p.message,
    ...(p.hint !== undefined ? { hint: p.hint } : {}),
    ...(location ? { location } : {}),
    ...(p.resource ? { resource: p.resource } : {}),
  };
}

function reconcileView(last: GenerationResult): ReconcileView {
  return {
    outcome: last.outcome,
    at: last.at,
    ...(last.revision !== undefined ? { revision: last.revision } : {}),
    ...(last.plan ? { summary: last.plan.summary } : {}),
    ...(last.error ? { error: last.error } : {}),
  };
}
