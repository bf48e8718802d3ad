// The emulator's data behind one small interface, served from memory or from a SQLite file.
// The store keeps data only; HubSpot's rules (validation, uniqueness, timestamps) live in crm/.
import type { ObjectTypeName } from '../object-types.js';

/** A CRM record as stored: every set property as a string; unset properties are absent. */
export interface StoredObject {
  readonly type: ObjectTypeName;
  /** A positive integer as a string, unique across all object types of the portal. */
  readonly id: string;
  readonly properties: Readonly<Record<string, string>>;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly archived: boolean;
  readonly archivedAt: string | null;
}

/** One directed association of one type; both directions are stored as separate edges. */
export interface AssociationEdge {
  readonly fromType: ObjectTypeName;
  readonly fromId: string;
  readonly toType: ObjectTypeName;
  readonly toId: string;
  readonly typeId: number;
}

/** A page request over one object type, in ascending id order. */
export interface ListQuery {
  archived: boolean;
  /** Only ids greater than or equal to this one. */
  fromId?: string;
  limit: number;
}

/** Where the emulator keeps its records and associations. */
export interface EmulatorStore {
  readonly kind: 'memory' | 'sqlite';
  /** The next unused record id. */
  nextId(): string;
  get(type: ObjectTypeName, id: string): StoredObject | undefined;
  /** Inserts or replaces a record. */
  put(record: StoredObject): void;
  /** The active (not archived) contact with this email, compared case-insensitively. */
  findContactByEmail(email: string): StoredObject | undefined;
  /** Up to `limit` records with id ≥ `fromId`, ascending by id. */
  list(type: ObjectTypeName, query: ListQuery): StoredObject[];
  /** Every record of `type` that is (or is not) archived, ascending by id. */
  scan(type: ObjectTypeName, archived: boolean): StoredObject[];
  count(type: ObjectTypeName, archived: boolean): number;
  /** Adds an edge; false when it already existed. */
  addAssociation(edge: AssociationEdge): boolean;
  /** Removes an edge; false when it did not exist. */
  removeAssociation(edge: AssociationEdge): boolean;
  /** The edges leaving one record, optionally only those towards `toType`. */
  associationsFrom(fromType: ObjectTypeName, fromId: string, toType?: ObjectTypeName): AssociationEdge[];
  /** Runs `fn` atomically: all of its writes or none. */
  transaction<T>(fn: () => T): T;
  close(): void;
}

/** The key of an edge, for sets and maps. */
export function edgeKey(edge: AssociationEdge): string {
  return `${edge.fromType}:${edge.fromId}>${edge.toType}:${edge.toId}#${edge.typeId}`;
}
