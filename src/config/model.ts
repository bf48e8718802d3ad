// The normalised, validated definitions that the rest of syncctl works with. They are
// derived from the generated document types (schema/ is the one source of truth): here
// every default is filled in, lists are in a canonical order, and objects are frozen.
import type {
  AssociationDefinition,
  ConnectionDocument,
  ConnectorName,
  Direction,
  FieldMapping,
  FilterCondition,
  Side,
  SyncDocument,
  SyncObjectDefinition,
} from './types.generated.js';
import type { SourceRef } from './problem.js';

export type { ConnectorName, Direction, Side, FilterCondition, AssociationDefinition };

/** A named connection with its options as written (env references unresolved). */
export interface Connection {
  readonly name: ConnectionDocument['name'];
  readonly connector: ConnectorName;
  readonly description?: string;
  /** Options exactly as written, `${env:X}` references kept as they are. */
  readonly options: Readonly<Record<string, unknown>>;
  /** Directory of the file that defined it: relative paths in options resolve against it. */
  readonly baseDir: string;
  readonly source?: SourceRef;
}

export type FieldMap = Readonly<Required<FieldMapping>>;

/** One object pair of a sync, every default applied. */
export interface SyncObject {
  readonly hub: SyncObjectDefinition['hub'];
  readonly app: SyncObjectDefinition['app'];
  readonly direction: Direction;
  readonly conflictWinner: Side;
  /** Always false for objects other than contacts. */
  readonly onlyWithEmail: boolean;
  /** Hub properties that identify a record on both sides (empty: never matched, always created). */
  readonly match: readonly string[];
  readonly mappings: {
    readonly defaults: boolean;
    /** Explicit mappings, sorted by hub then app property. */
    readonly fields: readonly FieldMap[];
  };
  readonly filters: {
    readonly hub: readonly FilterCondition[];
    readonly app: readonly FilterCondition[];
  };
}

/** A sync, every default applied. */
export interface Sync {
  readonly name: SyncDocument['name'];
  readonly description?: string;
  readonly hub: string;
  readonly app: string;
  readonly enabled: boolean;
  /** As written (default 5m). */
  readonly pollInterval: string;
  readonly pollIntervalMs: number;
  readonly notify?: { readonly webhook: string };
  /** Sorted by hub object name. */
  readonly objects: readonly SyncObject[];
  /** Sorted by from, then to. */
  readonly associations: readonly AssociationDefinition[];
  readonly source?: SourceRef;
}

/** Everything the definition files say: the desired state. */
export interface DesiredState {
  readonly connections: Readonly<Record<string, Connection>>;
  readonly syncs: Readonly<Record<string, Sync>>;
}
