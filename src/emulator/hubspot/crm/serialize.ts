// Records in the objects API's response shape (SimplePublicObject), with HubSpot's property
// selection: named properties come back even when unset (as null), plus the system ones.
import type { ObjectTypeName } from '../object-types.js';
import { baseProperties, defaultProperties, propertyDefinition } from '../properties/catalog.js';
import type { StoredObject } from '../store/index.js';

/** Which properties to return: every set one, or a named list. */
export type PropertySelection = 'all' | readonly string[];

/** A record as the objects API returns it. */
export interface ApiObject {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt?: string;
  associations?: Record<string, { results: Array<{ id: string; type: string }> }>;
}

/** The names a request asked for (`properties=a,b` or repeated), or the type's defaults. */
export function requestedProperties(type: ObjectTypeName, raw: readonly string[] | undefined): readonly string[] {
  const names = (raw ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  return names.length > 0 ? names : defaultProperties(type);
}

/** `record` in the API's shape with the selected properties. */
export function toApiObject(record: StoredObject, selection: PropertySelection): ApiObject {
  const properties: Record<string, string | null> = {};
  if (selection === 'all') {
    Object.assign(properties, record.properties);
  } else {
    // Unknown names are ignored, as HubSpot does on reads; known but unset ones come back as null.
    for (const name of [...baseProperties(record.type), ...selection]) {
      if (propertyDefinition(record.type, name)) properties[name] = record.properties[name] ?? null;
    }
  }
  const sorted: Record<string, string | null> = {};
  for (const key of Object.keys(properties).sort()) sorted[key] = properties[key] ?? null;
  return {
    id: record.id,
    properties: sorted,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    archived: record.archived,
    ...(record.archivedAt === null ? {} : { archivedAt: record.archivedAt }),
  };
}
