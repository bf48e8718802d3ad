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
