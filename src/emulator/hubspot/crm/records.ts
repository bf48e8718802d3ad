// Pure construction of stored records: HubSpot's system properties on create, merged values and
// timestamps on update. No I/O, so the rules are easy to read and to test.
import type { ObjectTypeName } from '../object-types.js';
import type { StoredObject } from '../store/index.js';

/** The system properties HubSpot maintains for `type` at time `iso`. */
function touched(type: ObjectTypeName, iso: string): Record<string, string> {
  return type === 'contacts' ? { hs_lastmodifieddate: iso, lastmodifieddate: iso } : { hs_lastmodifieddate: iso };
}

function computed(type: ObjectTypeName, props: Record<string, string>): Record<string, string> {
  if (type !== 'contacts') return props;
  const domain = props.email?.split('@')[1];
  const out = { ...props };
  if (domain) out.hs_email_domain = domain;
  else delete out.hs_email_domain;
  return out;
}

/** A new record with `values` (empty ones dropped) and HubSpot's system properties. */
export function newRecord(type: ObjectTypeName, id: string, values: Record<string, string>, at: number): StoredObject {
  const iso = new Date(at).toISOString();
  const props: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) if (v !== '') props[k] = v;
  if (type === 'deals' && !props.pipeline) props.pipeline = 'default';
  return {
    type,
    id,
    properties: computed(type, { ...props, hs_object_id: id, createdate: iso, ...touched(type, iso) }),
    createdAt: iso,
    updatedAt: iso,
    archived: false,
    archivedAt: null,
  };
}

/** The changed properties of an update: name → new value ('' when cleared). */
export function changedValues(record: StoredObject, values: Record<string, string>): Record<string, string> {
  const changed: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) if ((record.properties[k] ?? '') !== v) changed[k] = v;
  return changed;
}

/** `record` with `changed` applied; timestamps move only when something changed. */
export function updatedRecord(record: StoredObject, changed: Record<string, string>, at: number): StoredObject {
  if (Object.keys(changed).length === 0) return record;
  const iso = new Date(at).toISOString();
  const props: Record<string, string> = { ...record.properties };
  for (const [k, v] of Object.entries(changed)) {
    if (v === '') delete props[k];
    else props[k] = v;
  }
  return { ...record, properties: computed(record.type, { ...props, ...touched(record.type, iso) }), updatedAt: iso };
}

/** `record` with its last-modified timestamps set to `at` (tests forcing shared timestamps). */
export function withLastModified(record: StoredObject, at: number): StoredObject {
  const iso = new Date(at).toISOString();
  return { ...record, properties: { ...record.properties, ...touched(record.type, iso) }, updatedAt: iso };
}

/** `record` archived at `at`. */
export function archivedRecord(record: StoredObject, at: number): StoredObject {
  const iso = new Date(at).toISOString();
  return { ...record, archived: true, archivedAt: iso, updatedAt: iso };
}
