// What an initial sync (or its dry run) did, per object: counts per outcome and, for dry runs,
// a few sample records with field-level before -> after.
import type { PropertyValue } from '../connectors/types.js';
import { EXCLUSION_REASONS, type ExclusionReason, type FailureCategory } from '../errors/categories.js';
import type { Side } from './record-index.js';

/** Outcome counts of one object. Pairs count once; excluded and failing count records. */
export interface ObjectCounts {
  /** Records read from each app. */
  scanned: Record<Side, number>;
  /** Pairs linked and in step at the end (matched now or linked before). */
  linked: number;
  /** Records created on each side. */
  created: Record<Side, number>;
  /** Records updated on each side. */
  updated: Record<Side, number>;
  /** Pairs where both sides held different values for at least one field (the winner decided). */
  conflicts: number;
  excluded: Record<ExclusionReason, number>;
  failing: Partial<Record<FailureCategory, number>>;
  /** Duplicates found within each app (also counted in excluded.duplicate). */
  duplicates: Record<Side, number>;
  /** Unmatched records that the direction does not create on the other side. */
  skipped: number;
}

/** All zero. */
export function zeroCounts(): ObjectCounts {
  const excluded = Object.fromEntries(Object.keys(EXCLUSION_REASONS).map((k) => [k, 0])) as Record<ExclusionReason, number>;
  return {
    scanned: { hub: 0, app: 0 },
    linked: 0,
    created: { hub: 0, app: 0 },
    updated: { hub: 0, app: 0 },
    conflicts: 0,
    excluded,
    failing: {},
    duplicates: { hub: 0, app: 0 },
    skipped: 0,
  };
}

/** Counts read back from a checkpoint, tolerating older or partial shapes. */
export function countsFrom(stored: unknown): ObjectCounts {
  const base = zeroCounts();
  if (stored === null || typeof stored !== 'object') return base;
  const s = stored as Partial<ObjectCounts>;
  return {
    scanned: { ...base.scanned, ...s.scanned },
    linked: s.linked ?? 0,
    created: { ...base.created, ...s.created },
    updated: { ...base.updated, ...s.updated },
    conflicts: s.conflicts ?? 0,
    excluded: { ...base.excluded, ...s.excluded },
    failing: { ...s.failing },
    duplicates: { ...base.duplicates, ...s.duplicates },
    skipped: s.skipped ?? 0,
  };
}

/** Adds one failing record of `category`. */
export function countFailing(counts: ObjectCounts, category: FailureCategory): void {
  counts.failing[category] = (counts.failing[category] ?? 0) + 1;
}

/** One field of a sample: its value on a side before and after. */
export interface FieldDiff {
  /** `hub.email` or `app.email_address`. */
  field: string;
  before: PropertyValue;
  after: PropertyValue;
}

export type SampleKind = 'create-in-hub' | 'create-in-app' | 'update-in-hub' | 'update-in-app' | 'conflict' | 'excluded' | 'failing';

/** A record the dry run shows as an example of what would happen. */
export interface Sample {
  kind: SampleKind;
  /** The record it is about, as `hub:ID` or `app:ID`. */
  record: string;
  /** Its partner, when it has or would get one. */
  partner?: string;
  changes?: FieldDiff[];
  /** Exclusion reason or failure category, with the message. */
  reason?: string;
  message?: string;
}

/** The outcome of one object pair. */
export interface ObjectReport {
  /** The object's key: its hub object name. */
  object: string;
  hubObject: string;
  appObject: string;
  /** True when this run resumed an interrupted one, false when it started afresh; skipped: already done. */
  resumed: boolean;
  skippedAsDone: boolean;
  counts: ObjectCounts;
  /** Dry runs only: a few example records per kind. */
  samples: Sample[];
}

/** The outcome of one sync's initial sync (or its dry run). */
export interface InitialSyncReport {
  sync: string;
  dryRun: boolean;
  durationMs: number;
  objects: ObjectReport[];
}

/** Keeps at most `perKind` samples of each kind. */
export class SampleCollector {
  readonly samples: Sample[] = [];
  private readonly perKindCount = new Map<SampleKind, number>();

  constructor(
    private readonly enabled: boolean,
    private readonly perKind = 3,
  ) {}

  /** True when a sample of `kind` would still be kept (saves building one that is not). */
  wants(kind: SampleKind): boolean {
    return this.enabled && (this.perKindCount.get(kind) ?? 0) < this.perKind;
  }

  /** Keeps `sample` when its kind has room left. */
  add(sample: Sample): void {
    if (!this.wants(sample.kind)) return;
    this.perKindCount.set(sample.kind, (this.perKindCount.get(sample.kind) ?? 0) + 1);
    this.samples.push(sample);
  }
}
