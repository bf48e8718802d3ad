// The shape of `syncctl status --format json` (formatVersion 1). Tools may rely on it: add
// fields freely, but removing or renaming one needs formatVersion 2.
import type { Direction } from '../config/model.js';
import type { ExclusionReason, FailureCategory } from '../errors/categories.js';
import type { Lifecycle } from '../store/types.js';
import type { RunInfo } from './record-query.js';

export const STATUS_FORMAT_VERSION = 1;

/** A definition problem that keeps a sync's file from being applied. */
export interface ConfigProblemRef {
  code: string;
  message: string;
  file: string | null;
  line: number | null;
  column: number | null;
  /** file:line:col, as editors and CI annotations read it. */
  location: string;
}

/**
 * What the definition files say about a sync, when --dir was read:
 * ok (valid), rejected (has errors: the last applied definition keeps running),
 * absent (no file defines it any more).
 */
export interface ConfigStatus {
  state: 'ok' | 'rejected' | 'absent';
  problems: ConfigProblemRef[];
}

/** Counts of one side of an object. */
export interface SideStatus {
  inSync: number;
  failing: number;
  excluded: number;
  inQueue: number;
  /** Indexed by a running initial sync, outcome not decided yet. */
  pending: number;
  /** Unmatched, and the direction does not create them on the other side. */
  skipped: number;
  total: number;
  failingByCategory: Partial<Record<FailureCategory, number>>;
  excludedByReason: Partial<Record<ExclusionReason, number>>;
  lastChangeSeen: string | null;
}

/** The object's latest initial-sync run, from its checkpoint. */
export interface RunStatus {
  run: number;
  phase: RunInfo['phase'];
  /** 1-3 for index-hub, sync-app, sync-hub; 3 when done. */
  step: number;
  completed: boolean;
  startedAt: string;
  updatedAt: string;
  /** Records read from each app so far in this run. */
  scanned: { hub: number; app: number };
}

export interface ObjectStatus {
  /** Hub object name (the object's key). */
  object: string;
  appObject: string;
  direction: Direction;
  hub: SideStatus;
  app: SideStatus;
  /** The later of the two sides' last change seen. */
  lastChangeSeen: string | null;
  lastRun: RunStatus | null;
}

/** One association of a sync: its edges in step, waiting and failing. */
export interface AssociationStatus {
  /** `from->to` by hub object names. */
  association: string;
  from: string;
  to: string;
  /** Only each from record's primary edge syncs (contacts→companies, deals→companies). */
  primaryOnly: boolean;
  /** Edges in step on both sides. */
  synced: number;
  /** Edges waiting for their other end to get linked (category association_target_not_synced). */
  inQueue: number;
  /** Edge writes that failed; retried on every pass. */
  failing: number;
  failingByCategory: Partial<Record<FailureCategory, number>>;
  /** The full reconciliation ran to the end for the two objects' current initial syncs. */
  reconciled: boolean;
}

export interface SyncStatus {
  name: string;
  /** Connection names. */
  hub: string | null;
  app: string | null;
  /** null: a definition file names this sync, but it was never applied. */
  lifecycle: Lifecycle | null;
  /** Why it failed, or other detail the engine or runner left. */
  detail: string | null;
  /** When an initial sync is pending: the objects it restarts (hub names), or 'all'. */
  restart: 'all' | readonly string[] | null;
  enabled: boolean | null;
  appliedAt: string | null;
  generation: number | null;
  /** null when the definitions directory was not read. */
  config: ConfigStatus | null;
  objects: ObjectStatus[];
  associations: AssociationStatus[];
}

export interface StatusReport {
  formatVersion: typeof STATUS_FORMAT_VERSION;
  generatedAt: string;
  /** Where the state lives. */
  state: string;
  /** The definitions directory that was read for rejected files, or null. */
  definitions: string | null;
  syncs: SyncStatus[];
  /** Definition errors that name no resource (e.g. a file that is not YAML): the sync they meant is unknown. */
  configProblems: ConfigProblemRef[];
}
