// The CRM object types the emulator serves, and every spelling HubSpot accepts for them in a
// path: the plural name, the singular name and the numeric object type id ("0-1").

export const OBJECT_TYPES = ['contacts', 'companies', 'deals'] as const;

/** A standard object type the emulator implements, by its plural API name. */
export type ObjectTypeName = (typeof OBJECT_TYPES)[number];

interface ObjectTypeInfo {
  /** HubSpot's object type id, used by the associations v4 API. */
  typeId: string;
  /** The singular name (webhook subscription types, v3 association type names). */
  singular: string;
  /** The upper-case name HubSpot uses in some error messages. */
  upper: string;
}

const INFO: Record<ObjectTypeName, ObjectTypeInfo> = {
  contacts: { typeId: '0-1', singular: 'contact', upper: 'CONTACT' },
  companies: { typeId: '0-2', singular: 'company', upper: 'COMPANY' },
  deals: { typeId: '0-3', singular: 'deal', upper: 'DEAL' },
};

const ALIASES = new Map<string, ObjectTypeName>();
for (const name of OBJECT_TYPES) {
  ALIASES.set(name, name);
  ALIASES.set(INFO[name].singular, name);
  ALIASES.set(INFO[name].typeId, name);
}

/** Resolves a path segment ("contacts", "contact", "0-1", any case) to an object type. */
export function resolveObjectType(raw: string): ObjectTypeName | undefined {
  return ALIASES.get(raw.toLowerCase());
}

/** HubSpot's object type id ("0-1" for contacts). */
export function objectTypeId(type: ObjectTypeName): string {
  return INFO[type].typeId;
}

/** The singular name ("contact"). */
export function singularName(type: ObjectTypeName): string {
  return INFO[type].singular;
}

/** The upper-case name ("CONTACT"). */
export function upperName(type: ObjectTypeName): string {
  return INFO[type].upper;
}
