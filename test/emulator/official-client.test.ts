// HubSpot's official Node client, which nobody here wrote, pointed at the emulator.
import { Client } from '@hubspot/api-client';
import { FilterOperatorEnum } from '@hubspot/api-client/lib/codegen/crm/contacts/index.js';
import { AssociationSpecAssociationCategoryEnum } from '@hubspot/api-client/lib/codegen/crm/associations/v4/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubspotEmulator } from '../../src/emulator/hubspot/index.js';
import { TOKEN, startEmulator } from './helpers.js';

describe('@hubspot/api-client against the emulator', () => {
  let em: HubspotEmulator;
  let client: Client;

  beforeAll(async () => {
    em = await startEmulator({ seed: 'demo' });
    client = new Client({ accessToken: TOKEN, basePath: em.url });
  });
  afterAll(() => em.close());

  it('creates, reads, updates and archives a contact', async () => {
    const created = await client.crm.contacts.basicApi.create({ properties: { email: 'client@example.com', firstname: 'Cli' }, associations: [] });
    expect(created.id).toMatch(/^\d+$/);
    expect(created.properties.email).toBe('client@example.com');
    const got = await client.crm.contacts.basicApi.getById(created.id, ['email', 'firstname']);
    expect(got.properties).toMatchObject({ email: 'client@example.com', firstname: 'Cli', hs_object_id: created.id });
    expect(got.createdAt).toBeInstanceOf(Date);
    const updated = await client.crm.contacts.basicApi.update(created.id, { properties: { firstname: 'Client' } });
    expect(updated.properties.firstname).toBe('Client');
    await client.crm.contacts.basicApi.archive(created.id);
    await expect(client.crm.contacts.basicApi.getById(created.id)).rejects.toMatchObject({ code: 404 });
  });

  it('lists every seeded contact through getPage paging', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await client.crm.contacts.basicApi.getPage(100, after, ['email']);
      seen.push(...page.results.map((r) => r.id));
      after = page.paging?.next?.after;
    } while (after);
    expect(new Set(seen)).toEqual(new Set(em.seeded?.contacts));
  });

  it('searches with filters, a sort and paging', async () => {
    const response = await client.crm.contacts.searchApi.doSearch({
      filterGroups: [{ filters: [{ propertyName: 'lifecyclestage', operator: FilterOperatorEnum.Eq, value: 'lead' }] }],
      sorts: ['createdate'],
      properties: ['email', 'lifecyclestage'],
      limit: 5,
      after: '0',
    });
    expect(response.total).toBeGreaterThan(5);
    expect(response.results).toHaveLength(5);
    expect(response.results.every((r) => r.properties.lifecyclestage === 'lead')).toBe(true);
    expect(response.paging?.next?.after).toBe('5');
  });

  it('batch creates, updates and reads companies', async () => {
    const created = await client.crm.companies.batchApi.create({
      inputs: [
        { properties: { name: 'Batch One', domain: 'one.example' }, associations: [] },
        { properties: { name: 'Batch Two', domain: 'two.example' }, associations: [] },
      ],
    });
    expect(created.status).toBe('COMPLETE');
    const ids = created.results.map((r) => r.id);
    const updated = await client.crm.companies.batchApi.update({ inputs: ids.map((id) => ({ id, properties: { city: 'Ghent' } })) });
    expect(updated.results.map((r) => r.properties.city)).toEqual(['Ghent', 'Ghent']);
    const read = await client.crm.companies.batchApi.read({ inputs: ids.map((id) => ({ id })), properties: ['name', 'city'], propertiesWithHistory: [] });
    expect(read.results.map((r) => r.properties.name).sort()).toEqual(['Batch One', 'Batch Two']);
  });

  it('creates and reads associations with the v4 batch API', async () => {
    const [contact] = (await client.crm.contacts.batchApi.create({ inputs: [{ properties: { email: 'assoc@example.com' }, associations: [] }] })).results;
    const company = em.seeded?.companies[2] as string;
    const created = await client.crm.associations.v4.batchApi.create('contacts', 'companies', {
      inputs: [
        {
          _from: { id: contact?.id as string },
          to: { id: company },
          types: [{ associationCategory: AssociationSpecAssociationCategoryEnum.HubspotDefined, associationTypeId: 1 }],
        },
      ],
    });
    expect(created.results[0]?.labels).toEqual(['Primary']);
    const read = await client.crm.associations.v4.batchApi.getPage('contacts', 'companies', { inputs: [{ id: contact?.id as string }] });
    const types = read.results[0]?.to[0]?.associationTypes.map((t) => t.typeId).sort((a, b) => a - b);
    expect(String(read.results[0]?.to[0]?.toObjectId)).toBe(company);
    expect(types).toEqual([1, 279]);
  });

  it('reads the properties API', async () => {
    const all = await client.crm.properties.coreApi.getAll('deals');
    const stage = all.results.find((p) => p.name === 'dealstage');
    expect(stage?.options.map((o) => o.value)).toContain('closedwon');
    const id = await client.crm.properties.coreApi.getByName('contacts', 'hs_object_id');
    expect(id.modificationMetadata?.readOnlyValue).toBe(true);
  });

  it('surfaces HubSpot’s error body to the client', async () => {
    const error = await client.crm.contacts.basicApi.create({ properties: { email: 'client2@example.com', shoe_size: '42' }, associations: [] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 400, body: { category: 'VALIDATION_ERROR' } });
  });
});
