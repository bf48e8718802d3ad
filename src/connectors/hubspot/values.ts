// Property values between HubSpot and syncctl. HubSpot sends and takes every value as a string;
// syncctl's records carry typed values (numbers, booleans, ISO dates), as the field types of
// describe() say, and an empty string is "no value" (null).
import type { FieldType, Properties, PropertyValue, RemoteRecord } from '../types.js';

/** A record as HubSpot's objects API answers it (SimplePublicObject). */
export interface ApiObject {
  id: string;
  properties: Record<string, string | null>;
  updatedAt?: string;
  archived?: boolean;
  archivedAt?: string;
}

/** Property types by name, from describe(). */
export type FieldTypes = ReadonlyMap<string, FieldType>;

/** The property that orders changes; every object type has it. */
export const LAST_MODIFIED = 'hs_lastmodifieddate';

const EPOCH_MS = /^-?\d{10,}$/;

function isoOf(raw: string): string | undefined {
  const ms = EPOCH_MS.test(raw) ? Number(raw) : Date.parse(raw);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

/** A HubSpot value as syncctl holds it: typed by the field's type; '' and null are null. */
export function fromHubspot(raw: string | null | undefined, type: FieldType | undefined): PropertyValue {
  if (raw === null || raw === undefined || raw === '') return null;
  switch (type) {
    case 'number': {
      const n = Number(raw);
      return raw.trim() !== '' && Number.isFinite(n) ? n : raw;
    }
    case 'boolean':
      return raw === 'true' ? true : raw === 'false' ? false : raw;
    case 'datetime':
      return isoOf(raw) ?? raw;
    case 'date':
      // Date properties travel as midnight-UTC epoch ms or as YYYY-MM-DD.
      return /^\d{4}-\d{2}-\d{2}$/.test(raw) ? raw : (isoOf(raw)?.slice(0, 10) ?? raw);
    default:
      return raw;
  }
}

/** A syncctl value as HubSpot takes it: '' clears a property. */
export function toHubspot(value: PropertyValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

/** Properties in the form HubSpot's write endpoints take. */
export function toHubspotProperties(properties: Properties): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(properties)) out[name] = toHubspot(value);
  return out;
}

/** The record's last change: hs_lastmodifieddate (lastmodifieddate on old contacts), else updatedAt. */
export function lastModifiedOf(obj: ApiObject): string {
  for (const raw of [obj.properties[LAST_MODIFIED], obj.properties.lastmodifieddate, obj.updatedAt]) {
    const iso = raw ? isoOf(raw) : undefined;
    if (iso) return iso;
  }
  return new Date(0).toISOString();
}

/** Checks that a value has the shape of a SimplePublicObject; anything else is left out. */
export function asApiObject(value: unknown): ApiObject | undefined {
  const v = value as Partial<ApiObject> | null;
  if (v === null || typeof v !== 'object') return undefined;
  const id = typeof v.id === 'number' ? String(v.id) : v.id;
  if (typeof id !== 'string' || id === '' || typeof v.properties !== 'object' || v.properties === null) return undefined;
  return { ...v, id, properties: v.properties } as ApiObject;
}

/** The answer's `results` array as records. */
export function resultsOf(body: unknown): ApiObject[] {
  const results = (body as { results?: unknown } | null)?.results;
  return Array.isArray(results) ? results.flatMap((r) => asApiObject(r) ?? []) : [];
}

/** A HubSpot record as syncctl's RemoteRecord, values typed by `types`. */
export function toRemoteRecord(obj: ApiObject, types: FieldTypes): RemoteRecord {
  const properties: Properties = {};
  for (const [name, raw] of Object.entries(obj.properties)) properties[name] = fromHubspot(raw, types.get(name));
  return { id: obj.id, properties, updatedAt: lastModifiedOf(obj) };
}
