import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubspotEmulator } from '../../src/emulator/hubspot/index.js';
import { api, createContacts, startEmulator } from './helpers.js';

interface Batch {
  status: string;
  results: Array<{ id: string; properties: Record<string, string | null> }>;
  numErrors?: number;
  errors?: Array<{ status: string; category: string; message: string; context: Record<string, string[]> }>;
}

describe('batch endpoints', () => {
  let em: HubspotEmulator;
  let ids: string[];

  beforeAll(async () => {
    em = await startEmulator();
    ids = await createContacts(em, 5, 'batch');
  });
  afterAll(() => em.close());

  it.each(['read', 'create', 'update', 'archive'])('refuses more than 100 inputs in batch/%s', async (op) => {
    const inputs = Array.from({ length: 101 }, (_, i) => ({ id: String(i + 1), properties: {} }));
    const reply = await api<{ category: string; message: string }>(em, 'POST', `/crm/v3/objects/contacts/batch/${op}`, { inputs });
    expect(reply.status).toBe(400);
    expect(reply.body.category).toBe('VALIDATION_ERROR');
    expect(reply.body.message).toContain('at most 100');
  });

  it('reads found records and reports the missing ones in a 207', async () => {
    const reply = await api<Batch>(em, 'POST', '/crm/v3/objects/contacts/batch/read', {
      inputs: [{ id: ids[0] }, { id: '987654' }, { id: ids[1] }, { id: '987655' }],
      properties: ['email'],
    });
    expect(reply.status).toBe(207);
    expect(reply.body.results.map((r) => r.id)).toEqual([ids[0], ids[1]]);
    expect(reply.body.numErrors).toBe(1);
    expect(reply.body.errors?.[0]).toMatchObject({ status: 'error', category: 'OBJECT_NOT_FOUND', context: { ids: ['987654', '987655'] } });
  });

  it('reads by email with idProperty', async () => {
    const reply = await api<Batch>(em, 'POST', '/crm/v3/objects/contacts/batch/read', { idProperty: 'email', inputs: [{ id: 'BATCH2@example.com' }], properties: ['email'] });
    expect(reply.status).toBe(200);
    expect(reply.body.results[0]?.id).toBe(ids[2]);
  });

  it('updates what it can and reports missing records and taken emails per input', async () => {
    const reply = await api<Batch>(em, 'POST', '/crm/v3/objects/contacts/batch/update', {
      inputs: [
        { id: ids[0], properties: { firstname: 'Changed' } },
        { id: '999999', properties: { firstname: 'Nobody' } },
        { id: ids[1], properties: { email: 'batch3@example.com' } },
      ],
    });
    expect(reply.status).toBe(207);
    expect(reply.body.results.map((r) => [r.id, r.properties.firstname])).toEqual([[ids[0], 'Changed']]);
    expect(reply.body.errors?.map((e) => [e.category, e.context.ids])).toEqual([
      ['OBJECT_NOT_FOUND', ['999999']],
      ['CONFLICT', [ids[1]]],
    ]);
    expect(reply.body.errors?.[1]?.message).toBe(`Contact already exists. Existing ID: ${ids[3]}`);
  });

  it('fails a whole batch on an invalid value, writing nothing', async () => {
    const reply = await api<{ category: string }>(em, 'POST', '/crm/v3/objects/contacts/batch/update', {
      inputs: [
        { id: ids[0], properties: { firstname: 'Never' } },
        { id: ids[1], properties: { lifecyclestage: 'bogus' } },
      ],
    });
    expect(reply.status).toBe(400);
    const read = await api<{ properties: Record<string, string> }>(em, 'GET', `/crm/v3/objects/contacts/${ids[0]}?properties=firstname`);
    expect(read.body.properties.firstname).toBe('Changed');
  });

  it('refuses the same record twice in one batch, and duplicate emails within a create', async () => {
    const twice = await api<{ message: string }>(em, 'POST', '/crm/v3/objects/contacts/batch/update', {
      inputs: [{ id: ids[0], properties: {} }, { id: ids[0], properties: {} }],
    });
    expect(twice.status).toBe(400);
    expect(twice.body.message).toContain('Duplicate IDs');
    const dupes = await api<{ message: string }>(em, 'POST', '/crm/v3/objects/contacts/batch/create', {
      inputs: [{ properties: { email: 'same@example.com' } }, { properties: { email: 'Same@example.com' } }],
    });
    expect(dupes.status).toBe(400);
    expect(dupes.body.message).toContain('inputs[0] and inputs[1]');
  });

  it('archives in batch, missing ids included, with 204', async () => {
    const reply = await api(em, 'POST', '/crm/v3/objects/contacts/batch/archive', { inputs: [{ id: ids[4] }, { id: '123456789' }] });
    expect(reply.status).toBe(204);
    expect((await api(em, 'GET', `/crm/v3/objects/contacts/${ids[4]}`)).status).toBe(404);
  });

  it('creates records with associations in one call', async () => {
    const company = await api<{ id: string }>(em, 'POST', '/crm/v3/objects/companies', { properties: { name: 'Parent' } });
    const reply = await api<Batch>(em, 'POST', '/crm/v3/objects/contacts/batch/create', {
      inputs: [{ properties: { email: 'withco@example.com' }, associations: [{ to: { id: company.body.id }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 1 }] }] }],
    });
    expect(reply.status).toBe(201);
    const read = await api<{ associations: { companies: { results: Array<{ id: string; type: string }> } } }>(
      em,
      'GET',
      `/crm/v3/objects/contacts/${reply.body.results[0]?.id}?associations=companies`,
    );
    expect(read.body.associations.companies.results).toEqual([
      { id: company.body.id, type: 'contact_to_company' },
      { id: company.body.id, type: 'contact_to_company_unlabeled' },
    ]);
  });
});
