// The long-lived runner: follows the definitions directory like a GitOps controller, keeps one
// worker per running sync, and serves health, readiness, metrics, status and pushes.
// The directory watch, timers and pushes only enqueue; one reconcile runs at a time.
import type { Server } from 'node:http';
import type { Logger } from '../log/logger.js';
import { openStateStore, type SqliteStateStore } from '../store/index.js';
import { SqliteRecordIndex } from '../store/sqlite/record-index.js';
import type { AppliedState, LockHolder } from '../store/types.js';
import { CoalescingQueue } from './coalescing-queue.js';
import { type DirWatcher, watchDefinitionsDir } from './dir-watcher.js';
import { type GenerationResult, runGeneration } from './generation.js';
import { closeServer, createRunnerServer, listenOn } from './http/server.js';
import type { FileMemory } from './last-good.js';
import { type MetricsView, metricsViewOf, RunnerMetrics } from './metrics.js';
import { buildStatus, type Readiness, readiness, type RunnerStatus } from './status.js';
import { SyncWorker } from './sync-worker.js';
import { lineUpWorkers, pendingWithoutWorker } from './worker-lineup.js';

export interface RunnerOptions {
  /** The definitions directory, as the loader should see it. */
  dir: string;
  statePath: string;
  env: Record<string, string | undefined>;
  logger: Logger;
  /** Who holds the apply lock while the runner reconciles. */
  holder: LockHolder;
  /** Delete syncs removed from the files instead of orphaning them. */
  prune: boolean;
  /** service: runs until stopped; once: one reconcile, initial syncs and one poll per sync. */
  mode: 'service' | 'once';
  /** Where to serve HTTP (service mode). */
  http?: { host: string; port: number };
  debounceMs?: number;
  rescanMs?: number;
  /** How often the state's revision is checked for applies made by others (default 5 s). */
  revisionCheckMs?: number;
  stopTimeoutMs?: number;
  watchDebounceMs?: number;
}

/** reconcile: the files changed; refresh: line workers up with the state; external: the same after another process applied. */
type Job = 'reconcile' | 'refresh' | 'external';

const LOCK_RETRY_MS = [1000, 2000, 5000, 10_000, 30_000];

/** The runner; `start` it, then `stop` it (or `runOnce`). */
export class Runner {
  readonly metrics = new RunnerMetrics();
  private readonly workers = new Map<string, SyncWorker>();
  private readonly memory: FileMemory = new Map();
  private readonly queue = new CoalescingQueue<Job>(
    (jobs) => this.cycle(jobs),
    (err) => this.options.logger.error({ err: err instanceof Error ? err.message : String(err) }, 'reconcile cycle failed'),
  );
  private readonly startedAt = new Date().toISOString();
  private readonly startupInitials = new Set<string>();
  private store: SqliteStateStore | undefined;
  private index: SqliteRecordIndex | undefined;
  private applied: AppliedState = { connections: {}, syncs: {}, revision: 0 };
  /** The state revision the workers were last lined up with. */
  private workersRevision = -1;
  /** Pending syncs without a worker at the last revision check. */
  private pendingBefore = new Set<string>();
  private generation = 0;
  private last: GenerationResult | undefined;
  private attempt: GenerationResult | undefined;
  private firstDone = false;
  private failedAttempts = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private revisionTimer: NodeJS.Timeout | undefined;
  private watcher: DirWatcher | undefined;
  private server: Server | undefined;
  private stopping = false;
  private stopped: Promise<void> | undefined;

  constructor(private readonly options: RunnerOptions) {}

  /** Opens the state, serves HTTP, watches the directory and asks for the first reconcile; resolves to the URL served. */
  async start(): Promise<string | undefined> {
    await this.open();
    let url: string | undefined;
    if (this.options.http) {
      this.server = createRunnerServer({
        logger: this.options.logger,
        metrics: this.metrics,
        status: () => this.status(),
        readiness: () => this.readiness(),
        metricsView: () => this.metricsView(),
        hooks: {
          connection: (name) => this.applied.connections[name]?.definition,
          connectionNames: () => Object.keys(this.applied.connections),
          syncs: () => Object.values(this.applied.syncs).map((s) => s.definition),
          push: (sync, trigger) => this.workers.get(sync)?.enqueue(trigger) ?? false,
          env: this.options.env,
          logger: this.options.logger,
        },
      });
      url = await listenOn(this.server, this.options.http.host, this.options.http.port);
    }
    if (this.options.mode === 'service') {
      this.watcher = watchDefinitionsDir(this.options.dir, (reason) => {
        this.options.logger.info({ reason }, 'definitions changed: reconcile queued');
        this.queue.request('reconcile');
      }, { logger: this.options.logger, debounceMs: this.options.debounceMs ?? 300, rescanMs: this.options.rescanMs ?? 5000 });
      this.revisionTimer = setInterval(() => void this.checkRevision(), this.options.revisionCheckMs ?? 5000);
      this.revisionTimer.unref();
      // The first reconcile reads the files only once a change to them can no longer go unnoticed.
      await this.watcher.ready;
    }
    this.options.logger.info({ dir: this.options.dir, state: this.options.statePath, url, prune: this.options.prune, mode: this.options.mode }, 'runner started');
    this.queue.request('reconcile');
    return url;
  }

  /** Waits until the queue and every worker have nothing left to do (--once). */
  async settle(): Promise<void> {
    for (;;) {
      await this.queue.idle();
      await Promise.all([...this.workers.values()].map((w) => w.idle()));
      if (this.queue.isIdle && [...this.workers.values()].every((w) => !w.status().queued && w.status().state !== 'pass' && w.status().state !== 'initial-sync')) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Stops taking work, lets work in flight finish or checkpoint, releases everything. */
  stop(): Promise<void> {
    this.stopped ??= this.shutdown();
    return this.stopped;
  }

  /** The status as /api/syncs shows it. */
  async status(): Promise<RunnerStatus> {
    if (this.store && !this.stopping) {
      try {
        this.applied = await this.store.getApplied();
      } catch {
        // Keep the last snapshot: status must answer even while the state is busy.
      }
    }
    return buildStatus({ startedAt: this.startedAt, generation: this.generation, last: this.last, attempt: this.attempt, applied: this.applied, workers: this.workers });
  }

  /** Readiness as /readyz answers it. */
  async readiness(): Promise<Readiness> {
    return readiness(await this.status(), this.firstDone && this.startupInitials.size === 0);
  }

  /** The last reconcile attempted. */
  get lastReconcile(): GenerationResult | undefined {
    return this.attempt;
  }

  private async metricsView(): Promise<MetricsView> {
    const status = await this.status();
    return metricsViewOf(status, readiness(status, this.firstDone && this.startupInitials.size === 0).ready);
  }

  private async open(): Promise<void> {
    this.store = await openStateStore(this.options.statePath);
    this.index = new SqliteRecordIndex(this.store.database, this.store.location);
    this.applied = await this.store.getApplied();
  }

  private async cycle(jobs: ReadonlySet<Job>): Promise<void> {
    const store = this.store;
    if (!store || this.stopping) return;
    if (jobs.has('reconcile')) {
      const result = await runGeneration({
        store,
        dir: this.options.dir,
        env: this.options.env,
        logger: this.options.logger,
        holder: this.options.holder,
        prune: this.options.prune,
        memory: this.memory,
        stopWorkers: (names) => this.stopWorkers(names),
      });
      this.generation += 1;
      this.attempt = result;
      const completed = result.outcome !== 'locked' && result.outcome !== 'error';
      if (completed) this.last = result;
      this.metrics.reconcile(result.outcome, completed && result.problems.some((p) => p.severity === 'error'));
      this.options.logger.info({ generation: this.generation, outcome: result.outcome, revision: result.revision, error: result.error }, 'reconcile finished');
      if (completed) this.failedAttempts = 0;
      else this.retryLater(result);
    }
    await this.refreshWorkers(jobs.size === 1 && jobs.has('external'));
    if (this.last) this.firstDone = true;
  }

  private retryLater(result: GenerationResult): void {
    if (this.options.mode === 'once' || this.stopping) return;
    const delay = LOCK_RETRY_MS[Math.min(this.failedAttempts, LOCK_RETRY_MS.length - 1)] ?? 30_000;
    this.failedAttempts += 1;
    const level = result.outcome === 'locked' ? 'warn' : 'error';
    this.options.logger[level]({ retryInMs: delay, error: result.error }, result.outcome === 'locked' ? 'state is locked by another apply; reconcile retries' : 'reconcile failed; it retries');
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.queue.request('reconcile');
    }, delay);
    this.retryTimer.unref();
  }

  /** Starts, keeps or replaces workers so that exactly the running syncs of the state have one (see worker-lineup.ts). */
  private async refreshWorkers(external = false): Promise<void> {
    const store = this.store;
    if (!store || this.stopping) return;
    const applied = await store.getApplied();
    this.applied = applied;
    this.workersRevision = applied.revision;
    const lineup = lineUpWorkers({ applied, workers: this.workers, external, pendingBefore: this.pendingBefore });
    await this.stopWorkers(lineup.stop);
    for (const name of lineup.deferred) this.options.logger.info({ sync: name }, 'initial sync left to the process that applied it, for now');
    for (const b of lineup.broken) this.options.logger.error({ sync: b.sync, connection: b.connection }, `sync ${b.sync} cannot run: its connection ${b.connection} is not applied`);
    for (const { sync, key, connections } of lineup.start) {
      if (this.stopping) return;
      const worker = new SyncWorker(sync, connections, key, {
        store,
        index: this.index as SqliteRecordIndex,
        env: this.options.env,
        logger: this.options.logger,
        metrics: this.metrics,
        mode: this.options.mode,
        onLifecycle: (name) => {
          this.startupInitials.delete(name);
          this.queue.request('refresh');
        },
        ...(this.options.watchDebounceMs !== undefined ? { watchDebounceMs: this.options.watchDebounceMs } : {}),
        ...(this.options.stopTimeoutMs !== undefined ? { stopTimeoutMs: this.options.stopTimeoutMs } : {}),
      });
      this.workers.set(sync.name, worker);
      if (!this.firstDone && sync.lifecycle !== 'incremental') this.startupInitials.add(sync.name);
      worker.start(sync.lifecycle);
    }
  }

  private async stopWorkers(names: readonly string[]): Promise<void> {
    await Promise.all(
      names.map(async (name) => {
        const worker = this.workers.get(name);
        if (!worker) return;
        this.workers.delete(name);
        this.startupInitials.delete(name);
        await worker.stop();
      }),
    );
  }

  // Another process applied (e.g. `syncctl apply --detach`): start or restart what it changed.
  private async checkRevision(): Promise<void> {
    if (!this.store || this.stopping || !this.queue.isIdle) return;
    try {
      const applied = await this.store.getApplied();
      const pending = pendingWithoutWorker(applied, this.workers);
      const waited = pending.some((name) => this.pendingBefore.has(name));
      this.pendingBefore = new Set(pending);
      if (applied.revision !== this.workersRevision || waited) this.queue.request('external');
    } catch {
      // A busy state: the next check tries again.
    }
  }

  private async shutdown(): Promise<void> {
    this.stopping = true;
    this.queue.close();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.revisionTimer) clearInterval(this.revisionTimer);
    this.options.logger.info({}, 'runner stopping: no new work is taken');
    // Workers are told first: a pass in flight starts checkpointing while the server drains.
    await Promise.all([this.stopWorkers([...this.workers.keys()]), this.watcher?.close(), this.server ? closeServer(this.server) : undefined]);
    await this.queue.idle();
    await this.stopWorkers([...this.workers.keys()]);
    await this.store?.close();
    this.options.logger.info({}, 'runner stopped');
  }
}
