// The plan is data: a pure diff of desired vs applied returns these steps; apply only executes them.
import type { Connection, Sync } from '../config/model.js';
import type { Lifecycle } from '../store/types.js';

/** What a step forces, like Terraform's "forces replacement". */
export type Forces =
  | { kind: 'none' }
  /** The whole sync's initial sync restarts. */
  | { kind: 'restart-sync' }
  /** Only these objects (hub names) restart their initial sync. */
  | { kind: 'restart-objects'; objects: readonly string[] };

/** One field-level difference, at a readable path such as `objects[contacts].direction`. */
export interface FieldChange {
  path: string;
  /** Absent (undefined) when the field or item was added. */
  before: unknown;
  /** Absent (undefined) when the field or item was removed. */
  after: unknown;
  /** What the change does beyond its value, e.g. "its part of the index is dropped". */
  note?: string;
}

/** What is running now, as the diff sees it: from the state store, or from the files at a git ref. */
export interface CurrentState {
  connections: Readonly<Record<string, Connection>>;
  syncs: Readonly<Record<string, { definition: Sync; lifecycle: Lifecycle }>>;
}

/** Shared by every step: explanations for the reader that are not field changes. */
interface StepNotes {
  /** e.g. "back in the files after being orphaned", "kept: orphaned sync x still uses it". */
  notes?: readonly string[];
}

export type PlanStep = StepNotes &
  (
    | { kind: 'create'; resource: 'connection'; name: string; after: Connection; forces: { kind: 'none' } }
    | { kind: 'create'; resource: 'sync'; name: string; after: Sync; forces: Forces }
    | {
        kind: 'change';
        resource: 'connection';
        name: string;
        before: Connection;
        after: Connection;
        changes: readonly FieldChange[];
        forces: Forces;
        /** Syncs that use this connection and restart because of it. */
        restarts: readonly string[];
      }
    | { kind: 'change'; resource: 'sync'; name: string; before: Sync; after: Sync; changes: readonly FieldChange[]; forces: Forces }
    | { kind: 'turn-off'; resource: 'sync'; name: string; before: Sync; after: Sync; changes: readonly FieldChange[]; forces: { kind: 'none' } }
    | { kind: 'turn-on'; resource: 'sync'; name: string; before: Sync; after: Sync; changes: readonly FieldChange[]; forces: Forces }
    /** Removed from the files without --allow-delete: turned off, index kept, reported as orphaned. */
    | { kind: 'orphan'; resource: 'sync'; name: string; before: Sync; forces: { kind: 'none' } }
    | { kind: 'delete'; resource: 'connection' | 'sync'; name: string; before: Connection | Sync; forces: { kind: 'none' } }
    | { kind: 'unchanged'; resource: 'connection' | 'sync'; name: string }
  );

export type StepKind = PlanStep['kind'];

export interface PlanSummary {
  create: number;
  change: number;
  /** Syncs whose initial sync (re)starts: enabled creates, turn-ons and changes that restart. */
  restart: number;
  /** Of the `change` steps alone, how many restart an initial sync (the summary line's "(N restart initial sync)"). */
  changeRestart: number;
  turnOff: number;
  turnOn: number;
  orphan: number;
  delete: number;
  unchanged: number;
}

export interface Plan {
  formatVersion: 1;
  createdAt: string;
  /** The state store revision the plan was made against (null: planned against a git ref). */
  stateRevision: number | null;
  /** Hash of the desired state the plan was made from: a saved plan is refused when files changed. */
  desiredHash: string;
  /** What the plan was made with. */
  options: { allowDelete: boolean; base?: string };
  steps: readonly PlanStep[];
  summary: PlanSummary;
  /**
   * Optional record-level dry run per sync (`plan --data`), filled by the engine.
   * Renderers print it through a pluggable formatter (src/plan/data-section.ts).
   */
  data?: Record<string, unknown>;
}
