// GENERATED FILE — do not edit. Regenerate with `npm run gen:types` from schema/syncctl.schema.json.
/* eslint-disable */
/**
 * One YAML document of a syncctl definition file: a named Connection or a Sync between two connections.
 */
export type SyncctlDocument = {
  apiVersion: ApiVersion;
  /**
   * What this document defines.
   */
  kind: "Connection" | "Sync";
};
/**
 * Version of the definition format. Only syncctl/v1 exists.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "ApiVersion".
 */
export type ApiVersion = "syncctl/v1";
/**
 * Lower-case letters, digits and dashes; starts and ends with a letter or digit; at most 63 characters.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "Name".
 */
export type Name = string;
/**
 * A reference to an environment variable, written ${env:NAME}. Secrets are only ever given this way.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "EnvRef".
 */
export type EnvRef = string;
/**
 * A duration such as 30s, 5m or 1h.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "Duration".
 */
export type Duration = string;
/**
 * A named account of an app. Several accounts of one app are several connections.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "Connection".
 */
export type ConnectionDocument = Connection;
/**
 * Which connector talks to the app.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "ConnectorName".
 */
export type ConnectorName = "sqlite" | "hubspot";
/**
 * An object (table) name in its app, e.g. contacts.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "ObjectName".
 */
export type ObjectName = string;
/**
 * A property (field) name in its app.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "PropertyName".
 */
export type PropertyName = string;
/**
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "Filter".
 */
export type FilterCondition = Filter;
/**
 * two-way: both ways; to-hub: app -> hub only; to-app: hub -> app only.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "Direction".
 */
export type Direction = "two-way" | "to-hub" | "to-app";
/**
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "Side".
 */
export type Side = "hub" | "app";

export interface Connection {
  apiVersion: ApiVersion;
  kind: "Connection";
  name: Name;
  description?: string;
  connector: ConnectorName;
  options: {};
}
/**
 * A SQLite database file of the user's own: each object is a table.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "SqliteOptions".
 */
export interface SqliteConnectionOptions {
  /**
   * Path of the database file, relative to the definition file.
   */
  path: string;
  /**
   * Per object: its table and columns. An object not listed is a table of the same name with columns id and updated_at.
   */
  objects?: {
    [k: string]: SqliteObjectOptions | undefined;
  };
  /**
   * Per association, keyed `<from>-<to>` by this app's object names (e.g. customers-accounts): its link table. The table also serves the reverse direction. Not listed: a table `<from>_<to>` (or `<to>_<from>`) with columns `<from>_id` and `<to>_id` (singular, e.g. customer_id, or as named) and an optional is_primary.
   */
  associations?: {
    [k: string]: SqliteAssociationOptions | undefined;
  };
}
/**
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "SqliteObject".
 */
export interface SqliteObjectOptions {
  /**
   * Table name; defaults to the object name.
   */
  table?: string;
  /**
   * Primary key column.
   */
  id?: string;
  /**
   * Column holding the last-modified time.
   */
  updatedAt?: string;
  /**
   * Property name -> column name, where they differ.
   */
  columns?: {
    [k: string]: string | undefined;
  };
}
/**
 * The link table of one association: a row per associated pair.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "SqliteAssociation".
 */
export interface SqliteAssociationOptions {
  /**
   * Link table name.
   */
  table: string;
  /**
   * Column holding the id of the `<from>` record; defaults to `<from>_id` (singular first: customer_id, then customers_id).
   */
  fromColumn?: string;
  /**
   * Column holding the id of the `<to>` record; defaults to `<to>_id` (singular first: account_id, then accounts_id).
   */
  toColumn?: string;
  /**
   * 0/1 column marking the `<from>` record's primary association; defaults to is_primary when the table has it. Without one every association counts as primary.
   */
  primaryColumn?: string;
}
/**
 * A HubSpot account reached with a private-app token.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "HubspotOptions".
 */
export interface HubspotConnectionOptions {
  /**
   * Private-app access token, as ${env:NAME}.
   */
  token: string;
  /**
   * API host; defaults to https://api.hubapi.com. Point it at `syncctl emulator hubspot` to try configs offline.
   */
  baseUrl?: string;
  /**
   * Account tier; sets the request budget per 10 seconds.
   */
  tier?: "standard" | "professional" | "enterprise";
  /**
   * App client secret used to verify webhook signatures, as ${env:NAME}.
   */
  webhookSecret?: string;
}
/**
 * A two-way (or one-way) sync between a hub connection and an app connection.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "Sync".
 */
export interface SyncDocument {
  apiVersion: ApiVersion;
  kind: "Sync";
  name: Name;
  description?: string;
  /**
   * Lower-case letters, digits and dashes; starts and ends with a letter or digit; at most 63 characters.
   */
  hub: string;
  /**
   * Lower-case letters, digits and dashes; starts and ends with a letter or digit; at most 63 characters.
   */
  app: string;
  /**
   * false turns the sync off: nothing moves and the index is kept.
   */
  enabled?: boolean;
  /**
   * How often both sides are polled for changes.
   */
  pollInterval?: string;
  notify?: {
    /**
     * URL that gets a POST when an initial sync completes; an ${env:NAME} reference when it holds a secret.
     */
    webhook: EnvRef;
  };
  /**
   * @minItems 1
   * @maxItems 50
   */
  objects: [SyncObjectDefinition, ...SyncObjectDefinition[]];
  associations?: AssociationDefinition[];
}
/**
 * A pair of objects kept in step: the hub's object and the app's object.
 *
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "SyncObject".
 */
export interface SyncObjectDefinition {
  hub: ObjectName;
  app: ObjectName;
  /**
   * two-way: both ways; to-hub: app -> hub only; to-app: hub -> app only.
   */
  direction?: "two-way" | "to-hub" | "to-app";
  /**
   * The app whose value wins when both sides hold different values.
   */
  conflictWinner?: "hub" | "app";
  /**
   * Contacts only (default true): sync only contacts with a valid email address.
   */
  onlyWithEmail?: boolean;
  /**
   * Hub properties that identify the same record on both sides. Defaults: contacts [email]; companies [name, domain]; other objects: none (records are created, never matched).
   *
   * @minItems 1
   */
  match?: [PropertyName, ...PropertyName[]];
  mappings?: {
    /**
     * Map same-named, type-compatible fields of the two objects.
     */
    defaults?: boolean;
    fields?: FieldMapping[];
  };
  /**
   * Limit which records take part in the initial sync. Linked records keep syncing.
   */
  filters?: {
    hub?: FilterCondition[];
    app?: FilterCondition[];
  };
}
/**
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "FieldMapping".
 */
export interface FieldMapping {
  hub: PropertyName;
  app: PropertyName;
  /**
   * A record missing this field fails with 'missing required field'.
   */
  required?: boolean;
  /**
   * false switches the mapping off (also a default mapping of the same fields).
   */
  enabled?: boolean;
}
export interface Filter {
  property: PropertyName;
  op: "eq" | "neq" | "in" | "not_in" | "contains" | "gt" | "gte" | "lt" | "lte" | "exists" | "not_exists";
  /**
   * The value to compare with: a list for in/not_in; absent for exists/not_exists.
   */
  value?: string | number | boolean | (string | number | boolean)[];
}
/**
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "Association".
 */
export interface AssociationDefinition {
  /**
   * An object (table) name in its app, e.g. contacts.
   */
  from: string;
  /**
   * An object (table) name in its app, e.g. contacts.
   */
  to: string;
}
