// What a sync worker knows about itself, for /api/syncs, /readyz and the metrics.
import type { ChangeTrigger, IncrementalReport } from './incremental-adapter.js';

/** Where a worker stands right now. */
export type WorkerState = 'starting' | 'initial-sync' | 'pass' | 'idle' | 'failed' | 'stopping' | 'stopped';

export interface PassSummary {
  trigger: ChangeTrigger['kind'];
  at: string;
  durationMs: number;
  caughtUp: boolean;
  failures: number;
  objects: IncrementalReport['objects'];
  /** Per association: what the pass wrote, and what waits or fails after it (absent without associations). */
  associations?: IncrementalReport['associations'];
}

export interface ErrorSummary {
  at: string;
  /** What was running: initial-sync, or the trigger of the pass. */
  during: string;
  code?: string;
  message: string;
}

export interface RecordCounts {
  /** Hub object name. */
  object: string;
  side: 'hub' | 'app';
  synced: number;
  failing: number;
  excluded: number;
  total: number;
}

/** Edges of one association (`from->to`, hub object names). */
export interface AssociationCounts {
  association: string;
  /** In step on both sides. */
  synced: number;
  /** Waiting for their other record to be linked. */
  inQueue: number;
  /** Writes that failed (retried every pass). */
  failing: number;
}

export interface InitialSyncStatus {
  /** Initial syncs this worker started / saw complete / saw fail. */
  started: number;
  completed: number;
  failed: number;
  running: boolean;
  /** Per object and phase: records handled by the running (or last) initial sync. */
  progress: { object: string; phase: string; processed: number; done: boolean }[];
  last?: { at: string; durationMs: number; objects: { object: string; created: { hub: number; app: number }; updated: { hub: number; app: number }; linked: number }[] };
}

/** A snapshot of one worker. */
export interface WorkerStatus {
  state: WorkerState;
  startedAt: string;
  /** Definition and connection hashes this worker runs with. */
  key: string;
  passes: number;
  consecutiveFailures: number;
  lastPass?: PassSummary;
  lastError?: ErrorSummary;
  initialSync: InitialSyncStatus;
  records: RecordCounts[];
  /** Per association of the sync; absent when it lists none. */
  associations?: AssociationCounts[];
  lastChangeSeenAt?: string;
  lastCaughtUpAt?: string;
  /** Whether the app's own change notifications are being followed, per side. */
  watching: { hub: boolean; app: boolean };
  /** Work is queued behind the task in flight. */
  queued: boolean;
}
