// describe() from HubSpot's properties API: each property's type, whether a write may set it,
// and the options of enumerations.
import type { FieldInfo, FieldType, ObjectDescription } from '../types.js';
import type { HubspotHttpClient } from './http-client.js';
import { failureError, failureFrom, parseErrorBody } from './errors.js';

/** HubSpot's Property, as far as describe() reads it. */
interface ApiProperty {
  name?: unknown;
  type?: unknown;
  fieldType?: unknown;
  calculated?: unknown;
  options?: unknown;
  modificationMetadata?: { readOnlyValue?: unknown };
}

/** Properties HubSpot itself uses to tell records apart (contacts by email, companies by domain). */
export const IDENTIFIERS: Readonly<Record<string, readonly string[]>> = {
  contacts: ['email'],
  companies: ['domain'],
};

/** The path segment of an object type (contacts, companies, deals, or a custom object's type). */
export function objectPath(object: string): string {
  return encodeURIComponent(object);
}

function optionValues(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((o: unknown) => {
    const value = (o as { value?: unknown } | null)?.value;
    return typeof value === 'string' && value !== '' ? [value] : [];
  });
}

/** The syncctl type of a HubSpot property type. */
export function fieldTypeOf(type: unknown, fieldType: unknown, options: readonly string[]): FieldType {
  switch (type) {
    case 'number':
      return 'number';
    case 'bool':
      return 'boolean';
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime';
    case 'enumeration':
      // A multi-select checkbox holds "a;b": not one option, so it syncs as text.
      return fieldType === 'checkbox' || options.length === 0 ? 'string' : 'enum';
    default:
      return 'string';
  }
}

/** One property as a field. */
export function toField(p: ApiProperty): FieldInfo | undefined {
  if (typeof p.name !== 'string' || p.name === '') return undefined;
  const options = optionValues(p.options);
  const type = fieldTypeOf(p.type, p.fieldType, options);
  const readOnly = p.modificationMetadata?.readOnlyValue === true || p.calculated === true;
  return { name: p.name, type, readOnly, ...(type === 'enum' ? { options } : {}) };
}

/** Reads `GET /crm/v3/properties/{object}` into an ObjectDescription. */
export async function describeObject(http: HubspotHttpClient, connection: string, object: string): Promise<ObjectDescription> {
  const action = `describe ${object}`;
  const answer = await http.send({ method: 'GET', path: `/crm/v3/properties/${objectPath(object)}`, query: { archived: 'false' }, action });
  if (answer.status !== 200) throw failureError(failureFrom(answer.status, parseErrorBody(answer.body, answer.headers.get('x-hubspot-correlation-id'))), connection, action);
  const results = (answer.body as { results?: unknown } | null)?.results;
  const seen = new Set<string>();
  const fields: FieldInfo[] = [];
  for (const raw of Array.isArray(results) ? results : []) {
    const field = toField(raw as ApiProperty);
    if (!field || seen.has(field.name)) continue;
    seen.add(field.name);
    fields.push(field);
  }
  const identifiers = (IDENTIFIERS[object] ?? []).filter((name) => seen.has(name));
  return { object, fields, identifiers };
}
