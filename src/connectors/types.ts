// The one small interface every connector serves (SQLite now; HubSpot and PostgreSQL later).
// The engine depends on nothing else of a connector.
import type { FailureCategory } from '../errors/categories.js';

export type FieldType = 'string' | 'number' | 'boolean' | 'date' | 'datetime' | 'enum';

export interface FieldInfo {
  name: string;
  type: FieldType;
  readOnly: boolean;
  /** Allowed values of an enum field. */
  options?: readonly string[];
}

export interface ObjectDescription {
  object: string;
  fields: readonly FieldInfo[];
  /** Properties that identify a record in this app (e.g. email), as the app itself enforces or suggests. */
  identifiers: readonly string[];
  /** Properties the app has but the connector cannot sync, each with why (e.g. a BLOB column). */
  unsupported?: Readonly<Record<string, string>>;
}

export type PropertyValue = string | number | boolean | null;
export type Properties = Record<string, PropertyValue>;

export interface RemoteRecord {
  id: string;
  properties: Properties;
  /** ISO-8601 UTC timestamp of the record's last change at the app. */
  updatedAt: string;
}

export interface ListOptions {
  /** Resume after this cursor (from a previous page's nextCursor). */
  cursor?: string;
  pageSize: number;
  /** Only these properties are needed; a connector may return more. */
  properties?: readonly string[];
}

export interface Page {
  records: RemoteRecord[];
  /** Cursor to resume after this page; absent on the last page. */
  nextCursor?: string;
}

/** Position of a change feed: the keyset (updatedAt, id) of the last change seen. */
export interface ChangeCursor {
  updatedAt: string;
  id: string;
}

export interface ChangesOptions {
  pageSize: number;
  properties?: readonly string[];
  /** Re-read changes this many milliseconds before the cursor (clock skew, index lag). */
  overlapMs?: number;
}

export interface ChangePage {
  records: RemoteRecord[];
  /** Cursor after the last record of this page. */
  cursor: ChangeCursor | undefined;
}

export interface CreateInput {
  /** Caller's reference for this input (an intent id); echoed in its result. */
  ref: string;
  properties: Properties;
}

export interface UpdateInput {
  id: string;
  properties: Properties;
}

export type WriteResult =
  | { ok: true; ref?: string; id: string; updatedAt?: string }
  | {
      ok: false;
      ref?: string;
      id?: string;
      category: FailureCategory;
      /** The app's own message, safe to show (never credentials). */
      message: string;
      /** True when trying again later may succeed (rate limits, 5xx, timeouts). */
      retryable: boolean;
      /** How long the app asked to wait before trying again (e.g. a 429's Retry-After), in ms. */
      retryAfterMs?: number;
      /** When the app says the record already exists (e.g. HubSpot 409), the existing id. */
      existingId?: string;
    };

/**
 * A kind of association between two objects of one app, named by that app's object names
 * (contacts→companies at HubSpot; customers→accounts in a shop). Kinds are directed: the
 * engine always asks in the direction a sync's `associations` entry names (from → to).
 */
export interface AssociationKind {
  from: string;
  to: string;
}

/** One association: record `fromId` of `kind.from` is associated with `toId` of `kind.to`. */
export interface AssociationEdge {
  fromId: string;
  toId: string;
  /**
   * The from record's primary association of this kind (a contact's primary company). An app
   * that keeps no primary flag for the kind reports every edge as primary.
   */
  primary: boolean;
}

/** A removal names only the two ends. */
export interface AssociationEnds {
  fromId: string;
  toId: string;
}

export interface AssociationPage {
  edges: AssociationEdge[];
  /** Cursor to resume after this page; absent on the last page. */
  nextCursor?: string;
}

/** The outcome of one association write, in input order. */
export type AssociationWriteResult =
  | { ok: true }
  | { ok: false; category: FailureCategory; message: string; retryable: boolean; retryAfterMs?: number };

/** Associations of an app. Every call is batched: the engine never asks per record. */
export interface AssociationsApi {
  /** Whether this app holds associations of `kind` (a configured or conventional table, a HubSpot type). */
  supports(kind: AssociationKind): boolean;
  /** Every edge of each of `fromIds` (ids without any are simply absent). */
  read(kind: AssociationKind, fromIds: readonly string[]): Promise<AssociationEdge[]>;
  /** Every edge pointing at each of `toIds`, still reported in the kind's direction. */
  readReverse(kind: AssociationKind, toIds: readonly string[]): Promise<AssociationEdge[]>;
  /**
   * Adds edges; idempotent (adding an existing edge succeeds and sets its primary flag). An
   * edge with `primary: true` becomes its from record's primary: the app's other edges of that
   * from record lose the flag (they stay associated). One result per input, in input order.
   */
  add(kind: AssociationKind, edges: readonly AssociationEdge[]): Promise<AssociationWriteResult[]>;
  /** Removes edges; idempotent (removing an absent edge succeeds). One result per input, in order. */
  remove(kind: AssociationKind, edges: readonly AssociationEnds[]): Promise<AssociationWriteResult[]>;
  /**
   * Optional: every edge of `kind`, page by page, when reading them all is cheap enough to do
   * on every incremental pass (a local table). Without it the engine re-reads associations only
   * around records that changed (and around webhook association events).
   */
  scan?(kind: AssociationKind, options: { cursor?: string; pageSize: number }): AsyncIterable<AssociationPage>;
}

export interface Connector {
  /** Fields, their types and the object's identifiers. */
  describe(object: string): Promise<ObjectDescription>;
  /** Streams every record of an object, page by page, never the whole object at once. */
  list(object: string, options: ListOptions): AsyncIterable<Page>;
  /** Reads records by id; ids that do not exist are left out of the result. */
  read(object: string, ids: readonly string[], properties?: readonly string[]): Promise<RemoteRecord[]>;
  /** Creates records; one result per input, in input order. One bad record never fails the batch. */
  create(object: string, inputs: readonly CreateInput[]): Promise<WriteResult[]>;
  /** Updates records; one result per input, in input order. */
  update(object: string, inputs: readonly UpdateInput[]): Promise<WriteResult[]>;
  /** Records changed at or after `since` (minus the overlap), in (updatedAt, id) order. */
  changes(object: string, since: ChangeCursor | undefined, options: ChangesOptions): AsyncIterable<ChangePage>;
  /** Releases files, sockets and timers. */
  close(): Promise<void>;
  /**
   * Optional: calls `onChange(object)` soon after one of `objects` may have changed at the app
   * (e.g. SQLite watching its file), so a pass can start at once; returns the unsubscribe.
   */
  watch?(objects: readonly string[], onChange: (object: string) => void): () => void;
  /** Optional: associations between this app's objects. Absent: the app's associations are left alone. */
  readonly associations?: AssociationsApi;
}

/** What a connector needs to be built: its options with env references already resolved. */
export interface ConnectorContext {
  /** Connection name, for messages. */
  connection: string;
  /** Directory that relative paths in options resolve against. */
  baseDir: string;
}

export interface ConnectorFactory {
  readonly name: string;
  /** Option names that hold secrets: redacted everywhere, and changing only them never restarts a sync. */
  readonly secretOptions: readonly string[];
  create(options: Readonly<Record<string, unknown>>, context: ConnectorContext): Connector;
}
