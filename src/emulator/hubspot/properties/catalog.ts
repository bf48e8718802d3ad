import type { ObjectTypeName } from '../object-types.js';
import { COMPANY_PROPERTIES } from './companies.js';
import { CONTACT_PROPERTIES } from './contacts.js';
import type { PropertyDefinition } from './definition.js';
import { DEAL_PROPERTIES } from './deals.js';

const CATALOG: Record<ObjectTypeName, ReadonlyMap<string, PropertyDefinition>> = {
  contacts: new Map(CONTACT_PROPERTIES.map((p) => [p.name, p])),
  companies: new Map(COMPANY_PROPERTIES.map((p) => [p.name, p])),
  deals: new Map(DEAL_PROPERTIES.map((p) => [p.name, p])),
};

/** Returned when a request names no properties (HubSpot's defaults per object type). */
const DEFAULT_PROPERTIES: Record<ObjectTypeName, readonly string[]> = {
  contacts: ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'],
  companies: ['createdate', 'domain', 'hs_lastmodifieddate', 'hs_object_id', 'name'],
  deals: ['amount', 'closedate', 'createdate', 'dealname', 'dealstage', 'hs_lastmodifieddate', 'hs_object_id', 'pipeline'],
};

/** Always returned, whatever properties a request names. */
const BASE_PROPERTIES: Record<ObjectTypeName, readonly string[]> = {
  contacts: ['createdate', 'hs_object_id', 'lastmodifieddate'],
  companies: ['createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  deals: ['createdate', 'hs_lastmodifieddate', 'hs_object_id'],
};

/** Searched by a search request's free-text `query`. */
const QUERY_PROPERTIES: Record<ObjectTypeName, readonly string[]> = {
  contacts: ['firstname', 'lastname', 'email', 'phone', 'mobilephone', 'company'],
  companies: ['name', 'domain', 'website', 'phone'],
  deals: ['dealname'],
};

/** The definition of `name` on `type`, if the emulator implements it. */
export function propertyDefinition(type: ObjectTypeName, name: string): PropertyDefinition | undefined {
  return CATALOG[type].get(name);
}

/** Every property of `type`, in catalog order. */
export function allProperties(type: ObjectTypeName): PropertyDefinition[] {
  return [...CATALOG[type].values()];
}

/** HubSpot's default returned properties of `type`. */
export function defaultProperties(type: ObjectTypeName): readonly string[] {
  return DEFAULT_PROPERTIES[type];
}

/** The properties returned with every record of `type`. */
export function baseProperties(type: ObjectTypeName): readonly string[] {
  return BASE_PROPERTIES[type];
}

/** The properties a free-text search query looks in. */
export function queryProperties(type: ObjectTypeName): readonly string[] {
  return QUERY_PROPERTIES[type];
}
