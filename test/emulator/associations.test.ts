import { AssociationTypes } from '@hubspot/api-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type HubspotEmulator, associationType } from '../../src/emulator/hubspot/index.js';
import { api, startEmulator } from './helpers.js';

interface ReadReply {
  results: Array<{ from: { id: string }; to: Array<{ toObjectId: number; associationTypes: Array<{ category: string; typeId: number; label: string | null }> }> }>;
  errors?: Array<{ category: string; subCategory?: string; context: Record<string, string[]> }>;
}

const spec = (typeId: number) => [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: typeId }];

describe('associations v4', () => {
  let em: HubspotEmulator;
  let contact: string;
  let companyA: string;
  let companyB: string;
  let deal: string;

  beforeAll(async () => {
    em = await startEmulator();
  });
  afterAll(() => em.close());
  beforeEach(() => {
    contact = em.crm.createMany('contacts', [{ properties: { email: `c${Math.random()}@example.com` } }])[0]?.id as string;
    [companyA, companyB] = em.crm.createMany('companies', [{ properties: { name: 'A' } }, { properties: { name: 'B' } }]).map((r) => r.id) as [string, string];
    deal = em.crm.createMany('deals', [{ properties: { dealname: 'D', dealstage: 'qualifiedtobuy' } }])[0]?.id as string;
  });

  const read = (from: string, to: string, ids: string[]) => api<ReadReply>(em, 'POST', `/crm/v4/associations/${from}/${to}/batch/read`, { inputs: ids.map((id) => ({ id })) });
  const typeIds = (reply: ReadReply, toId: string) =>
    reply.results[0]?.to.find((t) => String(t.toObjectId) === toId)?.associationTypes.map((t) => t.typeId).sort((a, b) => a - b);

  it('uses HubSpot’s type ids, as the official client names them', () => {
    expect(associationType(AssociationTypes.primaryContactToCompany)).toMatchObject({ from: 'contacts', to: 'companies', label: 'Primary' });
    expect(associationType(AssociationTypes.contactToCompany)).toMatchObject({ from: 'contacts', to: 'companies', label: null, inverse: AssociationTypes.companyToContact });
    expect(associationType(AssociationTypes.primaryCompanyToContact)?.inverse).toBe(AssociationTypes.primaryContactToCompany);
    expect(associationType(AssociationTypes.primaryDealToCompany)).toMatchObject({ from: 'deals', to: 'companies', inverse: AssociationTypes.primaryCompanyToDeal });
    expect(associationType(AssociationTypes.dealToCompany)?.inverse).toBe(AssociationTypes.companyToDeal);
    expect(associationType(AssociationTypes.dealToContact)?.inverse).toBe(AssociationTypes.contactToDeal);
  });

  it('a primary company brings its unlabeled twin and shows from both sides', async () => {
    const created = await api<{ results: Array<{ labels: string[]; fromObjectTypeId: string; toObjectTypeId: string }> }>(
      em,
      'POST',
      '/crm/v4/associations/contacts/companies/batch/create',
      { inputs: [{ from: { id: contact }, to: { id: companyA }, types: spec(1) }] },
    );
    expect(created.status).toBe(201);
    expect(created.body.results[0]).toMatchObject({ labels: ['Primary'], fromObjectTypeId: '0-1', toObjectTypeId: '0-2' });
    const forward = await read('contacts', 'companies', [contact]);
    expect(typeIds(forward.body, companyA)).toEqual([1, 279]);
    expect(forward.body.results[0]?.to[0]?.associationTypes).toContainEqual({ category: 'HUBSPOT_DEFINED', typeId: 279, label: null });
    const backward = await read('companies', 'contacts', [companyA]);
    expect(typeIds(backward.body, contact)).toEqual([2, 280]);
  });

  it('a contact has one primary company: a new primary demotes the old one to unlabeled', async () => {
    await api(em, 'POST', '/crm/v4/associations/contacts/companies/batch/create', { inputs: [{ from: { id: contact }, to: { id: companyA }, types: spec(1) }] });
    // Setting the primary from the company side (type 2) counts the same.
    await api(em, 'POST', '/crm/v4/associations/companies/contacts/batch/create', { inputs: [{ from: { id: companyB }, to: { id: contact }, types: spec(2) }] });
    const reply = await read('contacts', 'companies', [contact]);
    expect(typeIds(reply.body, companyA)).toEqual([279]);
    expect(typeIds(reply.body, companyB)).toEqual([1, 279]);
  });

  it('removing the primary label keeps the association; archiving removes it both ways', async () => {
    await api(em, 'POST', '/crm/v4/associations/deals/companies/batch/create', { inputs: [{ from: { id: deal }, to: { id: companyA }, types: spec(5) }] });
    await api(em, 'POST', '/crm/v4/associations/deals/companies/batch/labels/archive', { inputs: [{ from: { id: deal }, to: { id: companyA }, types: spec(5) }] });
    expect(typeIds((await read('deals', 'companies', [deal])).body, companyA)).toEqual([341]);
    await api(em, 'POST', '/crm/v4/associations/companies/deals/batch/archive', { inputs: [{ from: { id: companyA }, to: [{ id: deal }] }] });
    const gone = await read('deals', 'companies', [deal]);
    expect(gone.status).toBe(207);
    expect(gone.body.errors?.[0]).toMatchObject({ category: 'OBJECT_NOT_FOUND', subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND', context: { fromObjectId: [deal] } });
  });

  it('creates default (unlabeled) associations in both directions', async () => {
    const reply = await api<{ results: Array<{ from: { id: string }; associationSpec: { associationTypeId: number } }> }>(
      em,
      'POST',
      '/crm/v4/associations/deals/contacts/batch/associate/default',
      { inputs: [{ from: { id: deal }, to: { id: contact } }] },
    );
    expect(reply.status).toBe(200);
    expect(reply.body.results.map((r) => [r.from.id, r.associationSpec.associationTypeId])).toEqual([[deal, 3], [contact, 4]]);
    expect(typeIds((await read('contacts', 'deals', [contact])).body, deal)).toEqual([4]);
  });

  it('refuses a type id that does not fit the pair, naming the valid ones', async () => {
    const reply = await api<{ message: string }>(em, 'POST', '/crm/v4/associations/contacts/companies/batch/create', {
      inputs: [{ from: { id: contact }, to: { id: companyA }, types: spec(5) }],
    });
    expect(reply.status).toBe(400);
    expect(reply.body.message).toContain('valid ids: 279, 1');
  });

  it('reports a missing record per input in a 207', async () => {
    const reply = await api<{ results: unknown[]; errors: Array<{ category: string }> }>(em, 'POST', '/crm/v4/associations/contacts/companies/batch/create', {
      inputs: [
        { from: { id: contact }, to: { id: '99999999' }, types: spec(279) },
        { from: { id: contact }, to: { id: companyA }, types: spec(279) },
      ],
    });
    expect(reply.status).toBe(207);
    expect(reply.body.results).toHaveLength(1);
    expect(reply.body.errors[0]?.category).toBe('OBJECT_NOT_FOUND');
  });

  it('hides associations to archived records', async () => {
    em.crm.associations.associate(associationType(1) ?? (undefined as never), contact, companyA);
    em.crm.archive('companies', companyA);
    expect((await read('contacts', 'companies', [contact])).status).toBe(207);
  });

  it('serves the per-record routes', async () => {
    expect((await api(em, 'PUT', `/crm/v4/objects/contacts/${contact}/associations/companies/${companyA}`, spec(1))).status).toBe(201);
    const list = await api<{ results: Array<{ toObjectId: number }> }>(em, 'GET', `/crm/v4/objects/contacts/${contact}/associations/companies`);
    expect(list.body.results.map((r) => String(r.toObjectId))).toEqual([companyA]);
    expect((await api(em, 'DELETE', `/crm/v4/objects/contacts/${contact}/associations/companies/${companyA}`)).status).toBe(204);
    const empty = await api<{ results: unknown[] }>(em, 'GET', `/crm/v4/objects/contacts/${contact}/associations/companies`);
    expect(empty.body.results).toEqual([]);
  });
});
