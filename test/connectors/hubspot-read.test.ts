// describe, list and read of the HubSpot connector against the emulator: types from the
// properties API, paging with only the mapped properties, archived records, batch reads.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { HubspotConnector } from '../../src/connectors/hubspot/index.js';
import { fieldTypeOf, toField } from '../../src/connectors/hubspot/describe.js';
import { fromHubspot, toHubspot } from '../../src/connectors/hubspot/values.js';
import type { HubspotEmulator } from '../../src/emulator/hubspot/index.js';
import { collect, connectorFor, exchangesOf, seed, startEmulator } from './hubspot/helpers.js';

describe('hubspot describe', () => {
  let em: HubspotEmulator;
  let hub: HubspotConnector;
  beforeAll(async () => {
    em = await startEmulator();
    hub = connectorFor(em);
  });
  afterAll(async () => {
    await hub.close();
    await em.close();
  });

  it('types every property, marks HubSpot-set ones read-only and lists enumeration options', async () => {
    const contacts = await hub.describe('contacts');
    const field = (name: string) => contacts.fields.find((f) => f.name === name);
    expect(contacts.identifiers).toEqual(['email']);
    expect(field('email')).toEqual({ name: 'email', type: 'string', readOnly: false });
    expect(field('hs_object_id')).toMatchObject({ type: 'number', readOnly: true });
    expect(field('createdate')).toMatchObject({ type: 'datetime', readOnly: true });
    expect(field('lifecyclestage')?.type).toBe('enum');
    expect(field('lifecyclestage')?.options).toContain('customer');
    const deals = await hub.describe('deals');
    expect(deals.identifiers).toEqual([]);
    expect(deals.fields.find((f) => f.name === 'amount')?.type).toBe('number');
    expect(deals.fields.find((f) => f.name === 'dealstage')?.options?.length).toBeGreaterThan(0);
    expect((await hub.describe('companies')).identifiers).toEqual(['domain']);
  });

  it('asks the properties API once per object', async () => {
    em.clearExchanges();
    const fresh = connectorFor(em);
    await Promise.all([fresh.describe('companies'), fresh.describe('companies')]);
    await fresh.describe('companies');
    expect(exchangesOf(em, '/crm/v3/properties/:objectType')).toHaveLength(1);
    await fresh.close();
  });

  it('maps HubSpot property types and flags as data', () => {
    expect(fieldTypeOf('bool', 'booleancheckbox', [])).toBe('boolean');
    expect(fieldTypeOf('date', 'date', [])).toBe('date');
    expect(fieldTypeOf('phone_number', 'phonenumber', [])).toBe('string');
    expect(fieldTypeOf('enumeration', 'checkbox', ['a', 'b'])).toBe('string');
    expect(fieldTypeOf('enumeration', 'select', [])).toBe('string');
    expect(toField({ name: 'score', type: 'number', calculated: true, modificationMetadata: { readOnlyValue: false } })).toEqual({ name: 'score', type: 'number', readOnly: true });
    expect(toField({ name: 'tier', type: 'enumeration', fieldType: 'radio', options: [{ value: 'gold' }, { value: '' }] })).toEqual({ name: 'tier', type: 'enum', readOnly: false, options: ['gold'] });
  });

  it('converts values between HubSpot strings and typed values', () => {
    expect(fromHubspot('', 'string')).toBeNull();
    expect(fromHubspot('12.5', 'number')).toBe(12.5);
    expect(fromHubspot('true', 'boolean')).toBe(true);
    expect(fromHubspot('1709283600000', 'datetime')).toBe('2024-03-01T09:00:00.000Z');
    expect(fromHubspot('1709251200000', 'date')).toBe('2024-03-01');
    expect(fromHubspot('2024-03-01', 'date')).toBe('2024-03-01');
    expect(toHubspot(null)).toBe('');
    expect(toHubspot(false)).toBe('false');
    expect(toHubspot(42)).toBe('42');
  });
});

describe('hubspot list and read', () => {
  let em: HubspotEmulator;
  let hub: HubspotConnector;
  beforeEach(async () => {
    em = await startEmulator();
    hub = connectorFor(em);
    return async () => {
      await hub.close();
      await em.close();
    };
  });

  it('pages with limit=100 and HubSpot’s after, asking only for the mapped properties', async () => {
    seed(em, 'companies', Array.from({ length: 230 }, (_, i) => ({ name: `C${i}`, domain: `c${i}.example`, numberofemployees: i })));
    em.clearExchanges();
    const pages = await collect(hub.list('companies', { pageSize: 500, properties: ['name', 'numberofemployees'] }));
    expect(pages.map((p) => p.records.length)).toEqual([100, 100, 30]);
    const records = pages.flatMap((p) => p.records);
    expect(new Set(records.map((r) => r.id)).size).toBe(230);
    expect(records[7]?.properties).toMatchObject({ name: 'C7', numberofemployees: 7 });
    expect(records[7]?.properties.domain).toBeUndefined();
    const queries = exchangesOf(em, '/crm/v3/objects/:objectType').map((e) => new URLSearchParams(e.query));
    expect(queries).toHaveLength(3);
    expect(queries[0]?.get('limit')).toBe('100');
    expect(queries[0]?.get('properties')?.split(',').sort()).toEqual(['hs_lastmodifieddate', 'name', 'numberofemployees']);
    expect(queries[0]?.get('after')).toBeNull();
    expect(queries[1]?.get('after')).toBe(pages[0]?.nextCursor);
  });

  it('lists archived records separately, with when they were archived', async () => {
    const ids = seed(em, 'companies', [{ name: 'Kept' }, { name: 'Gone' }, { name: 'Also kept' }]);
    em.crm.archive('companies', ids[1] ?? '');
    const active = (await collect(hub.list('companies', { pageSize: 10, properties: ['name'] }))).flatMap((p) => p.records);
    expect(active.map((r) => r.id).sort()).toEqual([ids[0], ids[2]].sort());
    const archived = (await collect(hub.listArchived('companies', { pageSize: 10, properties: ['name'] }))).flatMap((p) => p.records);
    expect(archived.map((r) => r.id)).toEqual([ids[1]]);
    expect(archived[0]?.archivedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(exchangesOf(em, '/crm/v3/objects/:objectType').some((e) => new URLSearchParams(e.query).get('archived') === 'true')).toBe(true);
  });

  it('reads in batches of 100, in the order asked, leaving out unknown and non-numeric ids', async () => {
    const ids = seed(em, 'contacts', Array.from({ length: 250 }, (_, i) => ({ email: `r${i}@example.com`, firstname: `R${i}` })));
    em.clearExchanges();
    const wanted = [...ids].reverse();
    const found = await hub.read('contacts', [...wanted, '999999999', 'not-an-id', wanted[0] ?? ''], ['firstname']);
    expect(found.map((r) => r.id)).toEqual(wanted);
    expect(found[0]?.properties.firstname).toBe('R249');
    const batches = exchangesOf(em, '/crm/v3/objects/:objectType/batch/read');
    expect(batches).toHaveLength(3);
    expect(batches.every((e) => (e.requestBody as { inputs: unknown[] }).inputs.length <= 100)).toBe(true);
  });
});
