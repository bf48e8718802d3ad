import { describe, expect, it } from 'vitest';
import { connection, errors, load, sync, withConnections, yamlOf, type Doc } from './helpers.js';

// Every field of schema/syncctl.schema.json, accepted and rejected. Each case changes one
// thing in an otherwise valid document; a rejected case names the code and JSON pointer.
interface Case {
  name: string;
  doc: () => Doc;
  /** undefined: accepted. */
  code?: string;
  path?: string;
}

const ENV = { HUBSPOT_TOKEN: 'pat-eu1-0000', HOOK_URL: 'https://hooks.example.com/abc', HS_SECRET: 'secret-0000' };
const hubspot = (options: Doc): Doc => connection('hs', { token: '${env:HUBSPOT_TOKEN}', ...options }, 'hubspot');
const sqlite = (options: Doc): Doc => connection('db', { path: './db.sqlite', ...options });
const withObject = (object: Doc, extra: Doc = {}): Doc => sync('s', { objects: [{ hub: 'contacts', app: 'customers', ...object }], ...extra });
const filter = (condition: Doc): Doc => withObject({ filters: { hub: [condition] } });

const connectionCases: Case[] = [
  { name: 'a minimal sqlite connection', doc: () => sqlite({}) },
  { name: 'apiVersion missing', doc: () => ({ ...sqlite({}), apiVersion: undefined }), code: 'missing_api_version', path: '' },
  { name: 'apiVersion other than syncctl/v1', doc: () => ({ ...sqlite({}), apiVersion: 'syncctl/v2' }), code: 'unsupported_api_version', path: '/apiVersion' },
  { name: 'kind missing', doc: () => ({ ...sqlite({}), kind: undefined }), code: 'missing_kind', path: '' },
  { name: 'kind unknown', doc: () => ({ ...sqlite({}), kind: 'connection' }), code: 'unknown_kind', path: '/kind' },
  { name: 'name with dashes and digits', doc: () => ({ ...sqlite({}), name: 'crm-eu-2' }) },
  { name: 'name of 63 characters', doc: () => ({ ...sqlite({}), name: 'a'.repeat(63) }) },
  { name: 'name of 64 characters', doc: () => ({ ...sqlite({}), name: 'a'.repeat(64) }), code: 'invalid_format', path: '/name' },
  { name: 'name in upper case', doc: () => ({ ...sqlite({}), name: 'CRM' }), code: 'invalid_format', path: '/name' },
  { name: 'name starting with a dash', doc: () => ({ ...sqlite({}), name: '-crm' }), code: 'invalid_format', path: '/name' },
  { name: 'name a number', doc: () => ({ ...sqlite({}), name: 5 }), code: 'invalid_type', path: '/name' },
  { name: 'name missing', doc: () => ({ ...sqlite({}), name: undefined }), code: 'missing_property', path: '' },
  { name: 'description', doc: () => ({ ...sqlite({}), description: 'The CRM of the EU team.' }) },
  { name: 'description too long', doc: () => ({ ...sqlite({}), description: 'x'.repeat(501) }), code: 'too_long', path: '/description' },
  { name: 'description not a string', doc: () => ({ ...sqlite({}), description: ['x'] }), code: 'invalid_type', path: '/description' },
  { name: 'connector unknown', doc: () => ({ ...sqlite({}), connector: 'postgres' }), code: 'invalid_enum_value', path: '/connector' },
  { name: 'connector missing', doc: () => ({ ...sqlite({}), connector: undefined }), code: 'missing_property', path: '' },
  { name: 'options missing', doc: () => ({ ...sqlite({}), options: undefined }), code: 'missing_property', path: '' },
  { name: 'options a list', doc: () => ({ ...sqlite({}), options: ['./db'] }), code: 'invalid_type', path: '/options' },
  { name: 'unknown top-level property', doc: () => ({ ...sqlite({}), labels: {} }), code: 'unknown_property', path: '/labels' },
  // sqlite options
  { name: 'sqlite path missing', doc: () => connection('db', {}), code: 'missing_property', path: '/options' },
  { name: 'sqlite path empty', doc: () => sqlite({ path: '' }), code: 'too_short', path: '/options/path' },
  { name: 'sqlite unknown option', doc: () => sqlite({ file: 'x' }), code: 'unknown_property', path: '/options/file' },
  { name: 'sqlite objects in full', doc: () => sqlite({ objects: { contacts: { table: 'people', id: 'person_id', updatedAt: 'modified', columns: { firstname: 'first_name' } } } }) },
  { name: 'sqlite objects key not an identifier', doc: () => sqlite({ objects: { 'my-contacts': {} } }), code: 'invalid_property_name', path: '/options/objects/my-contacts' },
  { name: 'sqlite object table not an identifier', doc: () => sqlite({ objects: { contacts: { table: 'my table' } } }), code: 'invalid_format', path: '/options/objects/contacts/table' },
  { name: 'sqlite object id not an identifier', doc: () => sqlite({ objects: { contacts: { id: '1id' } } }), code: 'invalid_format', path: '/options/objects/contacts/id' },
  { name: 'sqlite object updatedAt not a string', doc: () => sqlite({ objects: { contacts: { updatedAt: 3 } } }), code: 'invalid_type', path: '/options/objects/contacts/updatedAt' },
  { name: 'sqlite object column not a string', doc: () => sqlite({ objects: { contacts: { columns: { email: 7 } } } }), code: 'invalid_type', path: '/options/objects/contacts/columns/email' },
  { name: 'sqlite object unknown key', doc: () => sqlite({ objects: { contacts: { tabel: 'x' } } }), code: 'unknown_property', path: '/options/objects/contacts/tabel' },
  { name: 'sqlite associations in full', doc: () => sqlite({ associations: { 'contacts-companies': { table: 'contact_company', fromColumn: 'contact_id', toColumn: 'company_id', primaryColumn: 'is_primary' } } }) },
  { name: 'sqlite association without table', doc: () => sqlite({ associations: { 'contacts-companies': { fromColumn: 'a' } } }), code: 'missing_property', path: '/options/associations/contacts-companies' },
  { name: 'sqlite association unknown key', doc: () => sqlite({ associations: { x: { table: 't', via: 'y' } } }), code: 'unknown_property', path: '/options/associations/x/via' },
  // hubspot options
  { name: 'hubspot in full', doc: () => hubspot({ baseUrl: 'http://127.0.0.1:4010', tier: 'enterprise', webhookSecret: '${env:HS_SECRET}' }) },
  { name: 'hubspot token missing', doc: () => connection('hs', { tier: 'standard' }, 'hubspot'), code: 'missing_property', path: '/options' },
  { name: 'hubspot token written literally', doc: () => hubspot({ token: 'pat-na1-1234' }), code: 'invalid_format', path: '/options/token' },
  { name: 'hubspot baseUrl not a URL', doc: () => hubspot({ baseUrl: 'not a url' }), code: 'invalid_format', path: '/options/baseUrl' },
  { name: 'hubspot tier unknown', doc: () => hubspot({ tier: 'gold' }), code: 'invalid_enum_value', path: '/options/tier' },
  { name: 'hubspot webhookSecret written literally', doc: () => hubspot({ webhookSecret: 'abc' }), code: 'invalid_format', path: '/options/webhookSecret' },
  { name: 'hubspot unknown option', doc: () => hubspot({ portalId: 1 }), code: 'unknown_property', path: '/options/portalId' },
];

const syncCases: Case[] = [
  { name: 'a minimal sync', doc: () => sync('s') },
  { name: 'hub missing', doc: () => ({ ...sync('s'), hub: undefined }), code: 'missing_property', path: '' },
  { name: 'app not a name', doc: () => ({ ...sync('s'), app: 'Shop' }), code: 'invalid_format', path: '/app' },
  { name: 'description', doc: () => sync('s', { description: 'Customers of the shop.' }) },
  { name: 'enabled false', doc: () => sync('s', { enabled: false }) },
  { name: 'enabled a string', doc: () => sync('s', { enabled: 'yes' }), code: 'invalid_type', path: '/enabled' },
  ...['1000ms', '30s', '5m', '1h'].map((d) => ({ name: `pollInterval ${d}`, doc: () => sync('s', { pollInterval: d }) })),
  { name: 'pollInterval in words', doc: () => sync('s', { pollInterval: '5 minutes' }), code: 'invalid_format', path: '/pollInterval' },
  { name: 'pollInterval a number', doc: () => sync('s', { pollInterval: 300 }), code: 'invalid_type', path: '/pollInterval' },
  { name: 'notify webhook URL', doc: () => sync('s', { notify: { webhook: 'https://hooks.example.com/x' } }) },
  { name: 'notify webhook env reference', doc: () => sync('s', { notify: { webhook: '${env:HOOK_URL}' } }) },
  { name: 'notify webhook not http', doc: () => sync('s', { notify: { webhook: 'ftp://x' } }), code: 'invalid_format', path: '/notify/webhook' },
  { name: 'notify without webhook', doc: () => sync('s', { notify: {} }), code: 'missing_property', path: '/notify' },
  { name: 'notify unknown key', doc: () => sync('s', { notify: { webhook: 'https://x.example', email: 'a@b' } }), code: 'unknown_property', path: '/notify/email' },
  { name: 'objects missing', doc: () => ({ ...sync('s'), objects: undefined }), code: 'missing_property', path: '' },
  { name: 'objects empty', doc: () => sync('s', { objects: [] }), code: 'too_few_items', path: '/objects' },
  { name: 'objects more than 50', doc: () => sync('s', { objects: Array.from({ length: 51 }, (_, i) => ({ hub: `o${i}`, app: `a${i}` })) }), code: 'too_many_items', path: '/objects' },
  { name: 'objects a mapping', doc: () => sync('s', { objects: { hub: 'contacts', app: 'customers' } }), code: 'invalid_type', path: '/objects' },
  { name: 'object hub missing', doc: () => sync('s', { objects: [{ app: 'customers' }] }), code: 'missing_property', path: '/objects/0' },
  { name: 'object hub not an identifier', doc: () => sync('s', { objects: [{ hub: 'my-contacts', app: 'customers' }] }), code: 'invalid_format', path: '/objects/0/hub' },
  { name: 'object app missing', doc: () => sync('s', { objects: [{ hub: 'contacts' }] }), code: 'missing_property', path: '/objects/0' },
  ...['two-way', 'to-hub', 'to-app'].map((d) => ({ name: `direction ${d}`, doc: () => withObject({ direction: d }) })),
  { name: 'direction unknown', doc: () => withObject({ direction: 'both' }), code: 'invalid_enum_value', path: '/objects/0/direction' },
  { name: 'conflictWinner app', doc: () => withObject({ conflictWinner: 'app' }) },
  { name: 'conflictWinner unknown', doc: () => withObject({ conflictWinner: 'crm' }), code: 'invalid_enum_value', path: '/objects/0/conflictWinner' },
  { name: 'onlyWithEmail false', doc: () => withObject({ onlyWithEmail: false }) },
  { name: 'onlyWithEmail a string', doc: () => withObject({ onlyWithEmail: 'no' }), code: 'invalid_type', path: '/objects/0/onlyWithEmail' },
  { name: 'match several', doc: () => withObject({ match: ['email', 'phone'], mappings: { fields: [{ hub: 'phone', app: 'phone' }] } }) },
  { name: 'match empty', doc: () => withObject({ match: [] }), code: 'too_few_items', path: '/objects/0/match' },
  { name: 'match repeated', doc: () => withObject({ match: ['email', 'email'] }), code: 'duplicate_items', path: '/objects/0/match/1' },
  { name: 'match not a property name', doc: () => withObject({ match: ['e mail'] }), code: 'invalid_format', path: '/objects/0/match/0' },
  { name: 'mappings in full', doc: () => withObject({ mappings: { defaults: false, fields: [{ hub: 'email', app: 'mail', required: true, enabled: true }, { hub: 'address.city', app: 'city', enabled: false }] } }) },
  { name: 'mappings defaults a string', doc: () => withObject({ mappings: { defaults: 'yes' } }), code: 'invalid_type', path: '/objects/0/mappings/defaults' },
  { name: 'mappings unknown key', doc: () => withObject({ mappings: { custom: [] } }), code: 'unknown_property', path: '/objects/0/mappings/custom' },
  { name: 'mapping without app', doc: () => withObject({ mappings: { fields: [{ hub: 'email' }] } }), code: 'missing_property', path: '/objects/0/mappings/fields/0' },
  { name: 'mapping required a string', doc: () => withObject({ mappings: { fields: [{ hub: 'email', app: 'email', required: 'yes' }] } }), code: 'invalid_type', path: '/objects/0/mappings/fields/0/required' },
  { name: 'mapping enabled a number', doc: () => withObject({ mappings: { fields: [{ hub: 'email', app: 'email', enabled: 0 }] } }), code: 'invalid_type', path: '/objects/0/mappings/fields/0/enabled' },
  { name: 'mapping property too long', doc: () => withObject({ mappings: { fields: [{ hub: 'a'.repeat(201), app: 'email' }] } }), code: 'too_long', path: '/objects/0/mappings/fields/0/hub' },
  // filters: every op, with the value it takes
  ...['eq', 'neq', 'contains', 'gt', 'gte', 'lt', 'lte'].map((op) => ({ name: `filter ${op}`, doc: () => filter({ property: 'score', op, value: 5 }) })),
  ...['in', 'not_in'].map((op) => ({ name: `filter ${op}`, doc: () => filter({ property: 'stage', op, value: ['lead', 3, true] }) })),
  ...['exists', 'not_exists'].map((op) => ({ name: `filter ${op}`, doc: () => filter({ property: 'email', op }) })),
  { name: 'filters on the app side', doc: () => withObject({ filters: { app: [{ property: 'active', op: 'eq', value: true }], hub: [] } }) },
  { name: 'filter op unknown', doc: () => filter({ property: 'a', op: 'between', value: 1 }), code: 'invalid_enum_value', path: '/objects/0/filters/hub/0/op' },
  { name: 'filter without property', doc: () => filter({ op: 'exists' }), code: 'missing_property', path: '/objects/0/filters/hub/0' },
  { name: 'filter in with one value', doc: () => filter({ property: 'a', op: 'in', value: 'x' }), code: 'invalid_type', path: '/objects/0/filters/hub/0/value' },
  { name: 'filter in with an empty list', doc: () => filter({ property: 'a', op: 'in', value: [] }), code: 'too_few_items', path: '/objects/0/filters/hub/0/value' },
  { name: 'filter eq with a list', doc: () => filter({ property: 'a', op: 'eq', value: ['x'] }), code: 'invalid_value', path: '/objects/0/filters/hub/0/value' },
  { name: 'filter eq without value', doc: () => filter({ property: 'a', op: 'eq' }), code: 'missing_property', path: '/objects/0/filters/hub/0' },
  { name: 'filter exists with a value', doc: () => filter({ property: 'a', op: 'exists', value: 'x' }), code: 'invalid_value', path: '/objects/0/filters/hub/0/value' },
  { name: 'filter value a mapping', doc: () => filter({ property: 'a', op: 'eq', value: { x: 1 } }), code: 'invalid_type', path: '/objects/0/filters/hub/0/value' },
  { name: 'filters unknown side', doc: () => withObject({ filters: { both: [] } }), code: 'unknown_property', path: '/objects/0/filters/both' },
  { name: 'object unknown key', doc: () => withObject({ conflictWiner: 'app' }), code: 'unknown_property', path: '/objects/0/conflictWiner' },
  { name: 'associations', doc: () => sync('s', { objects: [{ hub: 'contacts', app: 'customers' }, { hub: 'companies', app: 'accounts' }], associations: [{ from: 'contacts', to: 'companies' }] }) },
  { name: 'association without to', doc: () => sync('s', { associations: [{ from: 'contacts' }] }), code: 'missing_property', path: '/associations/0' },
  { name: 'association unknown key', doc: () => sync('s', { associations: [{ from: 'a', to: 'b', primary: true }] }), code: 'unknown_property', path: '/associations/0/primary' },
  { name: 'associations a mapping', doc: () => sync('s', { associations: { from: 'a', to: 'b' } }), code: 'invalid_type', path: '/associations' },
  { name: 'unknown top-level property', doc: () => sync('s', { schedule: '5m' }), code: 'unknown_property', path: '/schedule' },
];

function runCase(c: Case): void {
  const result = load(withConnections(c.doc()), { env: ENV });
  if (c.code === undefined) {
    expect(result.problems).toEqual([]);
    return;
  }
  expect(result.ok).toBe(false);
  const matching = errors(result).filter((p) => p.code === c.code && p.path === c.path);
  expect(matching, JSON.stringify(result.problems, null, 1)).toHaveLength(1);
  const found = matching[0];
  expect(found?.file).toBe('syncs/doc-0.yaml');
  expect(found?.line).toBeGreaterThan(0);
  expect(found?.message.length).toBeGreaterThan(10);
}

describe('schema: every Connection field', () => {
  it.each(connectionCases)('$name', runCase);
});

describe('schema: every Sync field', () => {
  it.each(syncCases)('$name', runCase);
});

describe('schema problems are one per mistake', () => {
  it('a misspelt required key is reported once, as unknown with a suggestion', () => {
    const result = load(yamlOf({ ...connection('crm'), connector: undefined, conector: 'sqlite' }));
    expect(errors(result).map((p) => [p.code, p.hint])).toEqual([['unknown_property', expect.stringContaining('did you mean `connector`?')]]);
  });

  it('an empty enum value gets the allowed values, not also a type error', () => {
    const result = load(withConnections(withObject({ direction: null })));
    expect(errors(result).map((p) => p.code)).toEqual(['invalid_enum_value']);
    expect(errors(result)[0]?.message).toContain('two-way, to-hub, to-app');
  });

  it('a near miss of an enum value gets "did you mean"', () => {
    const result = load(withConnections(withObject({ direction: 'two_way' })));
    expect(errors(result)[0]?.hint).toBe('did you mean `two-way`?');
  });

  it('a literal secret is never echoed in the problem', () => {
    const result = load(yamlOf(hubspot({ token: 'pat-na1-very-secret' })));
    expect(JSON.stringify(result.problems)).not.toContain('very-secret');
  });
});
