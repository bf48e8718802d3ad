// The runner's Prometheus metrics, on a registry of its own (never prom-client's global one, so
// that two runners in one process, as in tests, never share counters). Counters and histograms
// move as things happen; gauges are set from a status view just before each scrape.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { InitialSyncReport } from '../engine/index.js';
import type { Lifecycle } from '../store/types.js';
import type { IncrementalReport } from './incremental-adapter.js';
import type { RunnerStatus } from './status.js';

type Side = 'hub' | 'app';

/** What the gauges show, per sync, at scrape time. */
export interface SyncMetricsView {
  name: string;
  lifecycle: Lifecycle;
  /** Index status counts per object (hub object name) and side. */
  records: readonly { object: string; side: Side; synced: number; failing: number }[];
  /** Epoch ms when a pass last saw a change. */
  lastChangeSeenAt?: number;
  /** Epoch ms when a pass last finished caught up. */
  lastCaughtUpAt?: number;
  initialSync: { running: boolean; progress: readonly { object: string; phase: string; processed: number }[] };
}

export interface MetricsView {
  syncs: readonly SyncMetricsView[];
  rejectedResources: number;
  ready: boolean;
}

const LIFECYCLES: readonly Lifecycle[] = ['pending-initial-sync', 'initial-sync', 'incremental', 'off', 'orphaned', 'failed'];

/** Every metric the runner exposes on GET /metrics. */
export class RunnerMetrics {
  readonly registry = new Registry();
  private readonly written = this.counter('syncctl_records_written_total', 'Records written to an app by incremental passes and initial syncs.', ['sync', 'object', 'side']);
  private readonly seen = this.counter('syncctl_records_seen_total', 'Changed records seen by incremental passes.', ['sync', 'object', 'side']);
  private readonly passes = this.counter('syncctl_passes_total', 'Incremental passes, by trigger and outcome (ok, error).', ['sync', 'trigger', 'outcome']);
  private readonly passDuration = new Histogram({
    name: 'syncctl_pass_duration_seconds',
    help: 'Duration of incremental passes (poll, push, retry-failing).',
    labelNames: ['sync', 'trigger'],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [this.registry],
  });
  private readonly initialSyncs = this.counter('syncctl_initial_syncs_total', 'Initial syncs run by this runner, by outcome (completed, failed, aborted).', ['sync', 'outcome']);
  private readonly reconciles = this.counter('syncctl_reconciles_total', 'Reconciles of the definitions directory, by outcome (applied, unchanged, rejected, locked, error).', ['outcome']);
  private readonly rejectedGenerations = this.counter('syncctl_config_rejected_generations_total', 'Reconciles that found invalid definitions (their syncs kept their last good definition).', []);
  private readonly hookRequests = this.counter('syncctl_push_requests_total', 'Requests to POST /hooks/<connection>, by response status.', ['connection', 'status']);

  private readonly synced = this.gauge('syncctl_records_synced', 'Records in step (linked, in sync) per sync, object and side, from the index.', ['sync', 'object', 'side']);
  private readonly failing = this.gauge('syncctl_records_failing', 'Records marked failing per sync, object and side, from the index.', ['sync', 'object', 'side']);
  private readonly lag = this.gauge('syncctl_lag_seconds', 'Seconds since the sync was last caught up with both apps.', ['sync']);
  private readonly lastChange = this.gauge('syncctl_last_change_seen_timestamp_seconds', 'When a pass last saw a changed record (Unix time).', ['sync']);
  private readonly initialRunning = this.gauge('syncctl_initial_sync_running', '1 while the sync\'s initial sync runs.', ['sync']);
  private readonly initialProgress = this.gauge('syncctl_initial_sync_records_processed', 'Records handled by the running (or last) initial sync, per object and phase.', ['sync', 'object', 'phase']);
  private readonly lifecycle = this.gauge('syncctl_sync_lifecycle', '1 for the lifecycle each sync is in.', ['sync', 'lifecycle']);
  private readonly rejected = this.gauge('syncctl_config_rejected_resources', 'Definitions (and unreadable files) rejected by the last reconcile.', []);
  private readonly ready = this.gauge('syncctl_ready', '1 when /readyz reports ready.', []);

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Counts an incremental pass and what it read and wrote. */
  pass(report: IncrementalReport, seconds: number): void {
    this.passes.inc({ sync: report.sync, trigger: report.trigger, outcome: 'ok' });
    this.passDuration.observe({ sync: report.sync, trigger: report.trigger }, seconds);
    for (const o of report.objects) {
      for (const side of ['hub', 'app'] as const) {
        if (o.seen[side] > 0) this.seen.inc({ sync: report.sync, object: o.object, side }, o.seen[side]);
        if (o.written[side] > 0) this.written.inc({ sync: report.sync, object: o.object, side }, o.written[side]);
      }
    }
  }

  /** Counts a pass that threw. */
  passFailed(sync: string, trigger: string, seconds: number): void {
    this.passes.inc({ sync, trigger, outcome: 'error' });
    this.passDuration.observe({ sync, trigger }, seconds);
  }

  /** Counts the records an initial sync wrote (created or updated), per object and side. */
  initialReport(report: InitialSyncReport): void {
    for (const o of report.objects) {
      for (const side of ['hub', 'app'] as const) {
        const count = o.counts.created[side] + o.counts.updated[side];
        if (count > 0) this.written.inc({ sync: report.sync, object: o.object, side }, count);
      }
    }
  }

  /** Counts a finished initial sync. */
  initialSync(sync: string, outcome: 'completed' | 'failed' | 'aborted'): void {
    this.initialSyncs.inc({ sync, outcome });
  }

  /** Counts a reconcile, and a rejected generation when definitions were invalid. */
  reconcile(outcome: 'applied' | 'unchanged' | 'rejected' | 'locked' | 'error', rejectedDefinitions: boolean): void {
    this.reconciles.inc({ outcome });
    if (rejectedDefinitions) this.rejectedGenerations.inc();
  }

  /** Counts a push request (connection is "unknown" for names that are not applied). */
  hook(connection: string, status: number): void {
    this.hookRequests.inc({ connection, status: String(status) });
  }

  /** The exposition text, gauges set from `view` first. */
  async render(view: MetricsView, now = Date.now()): Promise<string> {
    for (const g of [this.synced, this.failing, this.lag, this.lastChange, this.initialRunning, this.initialProgress, this.lifecycle]) g.reset();
    for (const sync of view.syncs) {
      for (const r of sync.records) {
        this.synced.set({ sync: sync.name, object: r.object, side: r.side }, r.synced);
        this.failing.set({ sync: sync.name, object: r.object, side: r.side }, r.failing);
      }
      if (sync.lastCaughtUpAt !== undefined) this.lag.set({ sync: sync.name }, Math.max(0, (now - sync.lastCaughtUpAt) / 1000));
      if (sync.lastChangeSeenAt !== undefined) this.lastChange.set({ sync: sync.name }, sync.lastChangeSeenAt / 1000);
      this.initialRunning.set({ sync: sync.name }, sync.initialSync.running ? 1 : 0);
      for (const p of sync.initialSync.progress) this.initialProgress.set({ sync: sync.name, object: p.object, phase: p.phase }, p.processed);
      for (const lc of LIFECYCLES) this.lifecycle.set({ sync: sync.name, lifecycle: lc }, lc === sync.lifecycle ? 1 : 0);
    }
    this.rejected.set(view.rejectedResources);
    this.ready.set(view.ready ? 1 : 0);
    return this.registry.metrics();
  }

  /** The Content-Type of render()'s text. */
  get contentType(): string {
    return this.registry.contentType;
  }

  private counter<L extends string>(name: string, help: string, labelNames: L[]): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  private gauge<L extends string>(name: string, help: string, labelNames: L[]): Gauge<L> {
    return new Gauge({ name, help, labelNames, registers: [this.registry] });
  }
}

/** The gauges' view of a status. */
export function metricsViewOf(status: RunnerStatus, ready: boolean): MetricsView {
  return {
    ready,
    rejectedResources: status.rejected.length,
    syncs: status.syncs.map((s) => ({
      name: s.name,
      lifecycle: s.lifecycle,
      records: s.worker?.records ?? [],
      ...(s.worker?.lastChangeSeenAt ? { lastChangeSeenAt: Date.parse(s.worker.lastChangeSeenAt) } : {}),
      ...(s.worker?.lastCaughtUpAt ? { lastCaughtUpAt: Date.parse(s.worker.lastCaughtUpAt) } : {}),
      initialSync: { running: s.worker?.initialSync.running ?? false, progress: s.worker?.initialSync.progress ?? [] },
    })),
  };
}
