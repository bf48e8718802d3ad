// One running sync: its initial sync (when one is due), then incremental passes on its poll
// timer, on its apps' own change notifications, on a slower retry-failing timer and on pushes.
// Passes of one sync never overlap: every trigger goes through one coalescing queue.
import type { Connection, Sync } from '../config/model.js';
import { runPendingInitialSyncs } from '../engine/index.js';
import type { RecordIndex } from '../engine/record-index.js';
import { isSyncctlError } from '../errors/syncctl-error.js';
import type { Logger } from '../log/logger.js';
import { redactSecrets } from '../log/redact.js';
import type { SqliteStateStore } from '../store/index.js';
import type { AppliedSync } from '../store/types.js';
import { type ChangeTrigger, runIncrementalPass } from './incremental-adapter.js';
import type { RunnerMetrics } from './metrics.js';
import { PendingWork, type SyncTask } from './pending-work.js';
import { SyncConnectors } from './sync-connectors.js';
import { countAssociations, countRecords, countsDue, countsWaitMs, initialSummary, recordProgress } from './worker-records.js';
import type { WorkerStatus } from './worker-status.js';

export interface WorkerDeps {
  store: SqliteStateStore;
  index: RecordIndex;
  env: Record<string, string | undefined>;
  /** The runner's logger: the worker makes its own child with `{ sync }`. */
  logger: Logger;
  metrics: RunnerMetrics;
  /** service: timers, app watches and follow-up polls; once: only the work it is given. */
  mode: 'service' | 'once';
  /** Told when the sync's lifecycle may have moved (an initial sync ended). */
  onLifecycle?: (sync: string) => void;
  watchDebounceMs?: number;
  /** How long stop() waits for the task in flight to finish or checkpoint. */
  stopTimeoutMs?: number;
}

/** A pass that ends not caught up is followed at once by another, at most this many times in a row. */
const MAX_FOLLOW_UPS = 5;
const HOUR_MS = 3_600_000;
/** After refused credentials, the first check whether they work again, then doubling up to an hour. */
const AUTH_RECHECK_FIRST_MS = 5 * 60_000;

/** The retry-failing period for a poll interval: ten polls, at most an hour. */
export function retryIntervalMs(pollIntervalMs: number): number {
  return Math.min(10 * pollIntervalMs, HOUR_MS);
}

/** Runs one applied sync until stopped. */
export class SyncWorker {
  readonly name: string;
  readonly sync: Sync;
  private readonly log: Logger;
  private readonly pending = new PendingWork();
  private readonly abort = new AbortController();
  private readonly timers: NodeJS.Timeout[] = [];
  private draining: Promise<void> | undefined;
  private stopped: Promise<void> | undefined;
  private readonly connectors: SyncConnectors;
  private followUps = 0;
  private countsAt = 0;
  /** What the last count of the index took. */
  private countsCostMs = 0;
  /** A count that passes skipped, waiting until it is due. */
  private countsTimer: NodeJS.Timeout | undefined;
  private readonly st: WorkerStatus;
  /**
   * Set while the app refuses the credentials: timers, app watches and pushes start no pass (each
   * would be one more refused request); one check runs after `delayMs`, doubling up to an hour.
   */
  private auth: { delayMs: number; timer?: NodeJS.Timeout } | undefined;

  /** Delay before the first credentials check after a refusal (tests shorten it). */
  authRecheckMs = AUTH_RECHECK_FIRST_MS;

  constructor(
    applied: AppliedSync,
    connections: { hub: Connection; app: Connection },
    /** Definition and connection hashes: a worker is replaced when this changes. */
    readonly key: string,
    private readonly deps: WorkerDeps,
  ) {
    this.name = applied.name;
    this.sync = applied.definition;
    this.log = deps.logger.child({ sync: applied.name });
    this.st = {
      state: 'starting',
      startedAt: new Date().toISOString(),
      key,
      passes: 0,
      consecutiveFailures: 0,
      initialSync: { started: 0, completed: 0, failed: 0, running: false, progress: [] },
      records: [],
      watching: { hub: false, app: false },
      queued: false,
    };
    this.connectors = new SyncConnectors(this.sync, connections, {
      env: deps.env,
      logger: this.log,
      watch: deps.mode === 'service',
      onChange: () => this.enqueue({ kind: 'poll' }),
      ...(deps.watchDebounceMs !== undefined ? { debounceMs: deps.watchDebounceMs } : {}),
    });
  }

  /** Starts with the initial sync when the lifecycle asks for one, else with a catch-up poll. */
  start(lifecycle: AppliedSync['lifecycle']): void {
    this.log.info({ lifecycle, pollIntervalMs: this.sync.pollIntervalMs, mode: this.deps.mode }, 'sync worker started');
    if (lifecycle === 'pending-initial-sync' || lifecycle === 'initial-sync') this.push({ kind: 'initial' });
    else this.beginIncremental();
  }

  /** Queues a pass; false when the worker is stopping. */
  enqueue(trigger: ChangeTrigger): boolean {
    if (this.stopped) return false;
    if (this.auth) {
      this.log.debug({ trigger: trigger.kind }, 'credentials refused: pass not started until they are checked again');
      return true;
    }
    this.push({ kind: 'pass', trigger });
    return true;
  }

  /** Resolves when nothing is queued or running. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /** Stops taking work, lets the task in flight finish or checkpoint, closes the connectors. */
  stop(): Promise<void> {
    this.stopped ??= this.shutdown();
    return this.stopped;
  }

  /** A snapshot for status output. */
  status(): WorkerStatus {
    return structuredClone({ ...this.st, watching: { ...this.connectors.watching }, queued: !this.pending.empty });
  }

  private push(task: SyncTask): void {
    this.pending.add(task);
    this.kick();
  }

  private kick(): void {
    if (this.draining || this.stopped) return;
    this.draining = this.drain()
      .catch((err: unknown) => this.log.error({ err: redactSecrets(err instanceof Error ? err.message : String(err)) }, 'sync worker task failed unexpectedly'))
      .finally(() => {
        this.draining = undefined;
        if (!this.pending.empty) this.kick();
      });
  }

  private async drain(): Promise<void> {
    for (let task = this.pending.next(); task && !this.stopped; task = this.pending.next()) {
      if (task.kind === 'initial') await this.runInitial();
      else await this.runPass(task.trigger);
    }
    if (!this.stopped && this.st.state !== 'failed') this.st.state = 'idle';
  }

  private beginIncremental(): void {
    if (this.deps.mode === 'service') {
      const every = (ms: number, trigger: ChangeTrigger): void => {
        const timer = setInterval(() => this.enqueue(trigger), ms);
        timer.unref();
        this.timers.push(timer);
      };
      every(this.sync.pollIntervalMs, { kind: 'poll' });
      every(retryIntervalMs(this.sync.pollIntervalMs), { kind: 'retry-failing' });
    }
    this.enqueue({ kind: 'poll' });
  }

  private async runInitial(): Promise<void> {
    const is = this.st.initialSync;
    this.st.state = 'initial-sync';
    is.started += 1;
    is.running = true;
    is.progress = [];
    this.log.info({ phase: 'initial-sync' }, 'initial sync started');
    try {
      const reports = await runPendingInitialSyncs({
        store: this.deps.store,
        env: this.deps.env,
        logger: this.deps.logger,
        only: [this.name],
        signal: this.abort.signal,
        onProgress: (e) => recordProgress(is.progress, e),
      });
      const lifecycle = (await this.deps.store.getApplied()).syncs[this.name];
      for (const report of reports) {
        is.last = initialSummary(report);
        this.deps.metrics.initialReport(report);
      }
      if (lifecycle?.lifecycle === 'incremental') {
        is.completed += 1;
        this.deps.metrics.initialSync(this.name, 'completed');
        this.log.info({ phase: 'initial-sync', durationMs: reports[0]?.durationMs }, 'initial sync finished; incremental sync starts');
        this.beginIncremental();
      } else {
        this.initialFailed(undefined, lifecycle?.detail ?? `the sync is ${lifecycle?.lifecycle ?? 'gone'} after its initial sync`);
      }
    } catch (err) {
      if (isSyncctlError(err, 'initial_sync_aborted')) {
        this.deps.metrics.initialSync(this.name, 'aborted');
        this.log.info({ phase: 'initial-sync' }, 'initial sync stopped; its progress is saved and resumes on the next start');
      } else {
        this.initialFailed(err);
      }
    } finally {
      is.running = false;
      await this.refreshCounts(true);
      this.deps.onLifecycle?.(this.name);
    }
  }

  private async runPass(trigger: ChangeTrigger): Promise<void> {
    this.st.state = 'pass';
    const started = performance.now();
    try {
      const { hub, app } = this.connectors.open();
      const report = await runIncrementalPass({ sync: this.sync, hub, app, index: this.deps.index, logger: this.log, trigger, signal: this.abort.signal });
      const seconds = (performance.now() - started) / 1000;
      const now = new Date().toISOString();
      this.deps.metrics.pass(report, seconds);
      this.st.passes += 1;
      this.st.consecutiveFailures = 0;
      if (this.auth) await this.authRestored();
      this.st.lastPass = {
        trigger: trigger.kind, at: now, durationMs: report.durationMs, caughtUp: report.caughtUp, failures: report.failures, objects: report.objects,
        ...(report.associations.length > 0 ? { associations: report.associations } : {}),
      };
      const seen = report.objects.reduce((n, o) => n + o.seen.hub + o.seen.app, 0);
      if (seen > 0) this.st.lastChangeSeenAt = now;
      if (report.caughtUp) this.st.lastCaughtUpAt = now;
      // The engine logs each pass itself; this line adds the runner's view (trigger, follow-ups).
      this.log.debug({ phase: 'incremental', trigger: trigger.kind, durationMs: report.durationMs, caughtUp: report.caughtUp, failures: report.failures, objects: report.objects }, 'incremental pass finished');
      this.followUp(report.caughtUp);
      // A full association reconciliation changes the counts at once: not worth waiting for.
      await this.refreshCounts(report.associations.some((a) => a.full));
    } catch (err) {
      const seconds = (performance.now() - started) / 1000;
      if (this.abort.signal.aborted) {
        this.log.info({ phase: 'incremental', trigger: trigger.kind }, 'incremental pass stopped by shutdown');
        return;
      }
      this.deps.metrics.passFailed(this.name, trigger.kind, seconds);
      this.st.consecutiveFailures += 1;
      this.failed(trigger.kind, err);
      if (isSyncctlError(err, 'auth_failed')) await this.authRefused(err.message);
      // A connector in a bad state (a replaced file, a dropped socket) is rebuilt for the next pass.
      await this.connectors.close();
    }
  }

  /**
   * The app refused the credentials: the sync stops moving (state failed, the stored lifecycle
   * says why, so `syncctl status` shows it too) instead of sending one refused request per poll,
   * push and app change. It checks again after a while, in case the token was fixed at the app.
   */
  private async authRefused(message: string): Promise<void> {
    const delayMs = this.auth ? Math.min(this.auth.delayMs * 2, HOUR_MS) : this.authRecheckMs;
    if (this.auth?.timer) clearTimeout(this.auth.timer);
    this.pending.clear();
    this.st.state = 'failed';
    const timer = setTimeout(() => {
      if (this.auth) this.auth.timer = undefined;
      this.push({ kind: 'pass', trigger: { kind: 'poll' } });
    }, delayMs);
    timer.unref();
    this.auth = { delayMs, timer };
    this.log.error({ phase: 'incremental', code: 'auth_failed', recheckInMs: delayMs }, 'credentials refused: the sync stops until they work again');
    await this.setDetail(`stopped: auth failed (${redactSecrets(message)}); checked again every ${Math.round(delayMs / 60_000)} min, or fix the token and restart the runner`);
  }

  private async authRestored(): Promise<void> {
    if (this.auth?.timer) clearTimeout(this.auth.timer);
    this.auth = undefined;
    this.log.info({ phase: 'incremental' }, 'credentials accepted again; the sync moves again');
    await this.setDetail(null);
  }

  /** Records why an incremental sync is not moving (null: it is) in the state, for `syncctl status`. */
  private async setDetail(detail: string | null): Promise<void> {
    try {
      const applied = (await this.deps.store.getApplied()).syncs[this.name];
      if (applied?.lifecycle === 'incremental') await this.deps.store.setLifecycle(this.name, 'incremental', detail);
    } catch (err) {
      this.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'cannot record the sync\'s state');
    }
  }

  private followUp(caughtUp: boolean): void {
    if (caughtUp) {
      this.followUps = 0;
      return;
    }
    if (this.followUps >= MAX_FOLLOW_UPS) {
      this.log.warn({ followUps: this.followUps }, 'still not caught up after several passes in a row; waiting for the next poll');
      this.followUps = 0;
      return;
    }
    this.followUps += 1;
    this.enqueue({ kind: 'poll' });
  }

  private initialFailed(err: unknown, detail?: string): void {
    this.st.initialSync.failed += 1;
    this.st.state = 'failed';
    this.deps.metrics.initialSync(this.name, 'failed');
    this.failed('initial-sync', err, detail);
  }

  private failed(during: string, err: unknown, detail?: string): void {
    const message = redactSecrets(detail ?? (err instanceof Error ? err.message : String(err)));
    const code = isSyncctlError(err) ? err.code : undefined;
    this.st.lastError = { at: new Date().toISOString(), during, ...(code ? { code } : {}), message };
    this.log.error({ phase: during === 'initial-sync' ? 'initial-sync' : 'incremental', trigger: during, code, err: message }, during === 'initial-sync' ? 'initial sync failed' : 'incremental pass failed');
  }

  private async refreshCounts(force: boolean): Promise<void> {
    // --once has no endpoints to keep answering, and judges its exit by these counts: always fresh.
    if (!force && this.deps.mode === 'service' && !countsDue(Date.now() - this.countsAt, this.countsCostMs)) {
      // Passes skipped a count: one more when it is due, so that the last passes of a burst are counted.
      if (this.countsTimer === undefined && !this.stopped) {
        this.countsTimer = setTimeout(() => {
          this.countsTimer = undefined;
          if (!this.stopped) void this.refreshCounts(false);
        }, Math.max(0, this.countsAt + countsWaitMs(this.countsCostMs) - Date.now()));
        this.countsTimer.unref();
      }
      return;
    }
    const started = performance.now();
    try {
      this.st.records = await countRecords(this.deps.index, this.sync);
      const associations = await countAssociations(this.deps.index, this.sync);
      if (associations) this.st.associations = associations;
    } catch (err) {
      this.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'cannot read the index counts');
    }
    this.countsCostMs = performance.now() - started;
    this.countsAt = Date.now();
  }

  private async shutdown(): Promise<void> {
    this.st.state = 'stopping';
    this.pending.clear();
    for (const timer of this.timers) clearInterval(timer);
    if (this.countsTimer) clearTimeout(this.countsTimer);
    if (this.auth?.timer) clearTimeout(this.auth.timer);
    this.abort.abort();
    const inFlight = this.draining;
    if (inFlight) {
      const limit = this.deps.stopTimeoutMs ?? 5000;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        inFlight.then(() => false),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(true), limit);
        }),
      ]);
      clearTimeout(timer);
      if (timedOut) this.log.warn({ waitedMs: limit }, 'the task in flight did not stop in time; closing its connectors');
    }
    await this.connectors.dispose();
    this.st.state = 'stopped';
    this.log.info({}, 'sync worker stopped');
  }
}
