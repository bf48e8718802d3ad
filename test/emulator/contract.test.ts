// Every route the emulator implements, answered and checked against HubSpot's OpenAPI specs:
// request bodies against the request schemas, answers (successes and errors) against the
// response schema of their status code.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { HubspotEmulator } from '../../src/emulator/hubspot/index.js';
import { api, startEmulator } from './helpers.js';
import { HubspotSpecs, specsPresent, warnWhenSpecsMissing } from './openapi.js';

warnWhenSpecsMissing('emulator contract tests');

describe.skipIf(!specsPresent)('the emulator speaks HubSpot’s published contract', () => {
  let em: HubspotEmulator;
  let specs: HubspotSpecs;

  beforeAll(async () => {
    specs = new HubspotSpecs();
    em = await startEmulator({ record: true, seed: 'demo' });
  });
  afterAll(() => em.close());
  beforeEach(() => em.clearExchanges());

  function expectConformance(minimum: number): void {
    const exchanges = em.exchanges().filter((e) => !e.path.startsWith('/_emulator/'));
    expect(exchanges.length).toBeGreaterThanOrEqual(minimum);
    expect(exchanges.flatMap((e) => specs.check(e))).toEqual([]);
  }

  it('the checker itself rejects answers and requests that break the spec', () => {
    const bad = { method: 'GET', path: '/crm/v3/objects/contacts/1', query: '', requestBody: undefined, status: 200, responseBody: { id: 1, properties: {} } };
    expect(specs.check(bad).length).toBeGreaterThan(0);
    const badRequest = { method: 'POST', path: '/crm/v3/objects/contacts/search', query: '', requestBody: { limit: 'ten' }, status: 400, responseBody: undefined };
    expect(specs.check(badRequest).join('\n')).toMatch(/request/);
    expect(specs.check({ ...bad, path: '/crm/v3/nowhere' })).toEqual([expect.stringMatching(/no such operation/)]);
  });

  it.each(['contacts', 'companies', 'deals'] as const)('objects v3 for %s: list, read, create, update, archive, errors', async (type) => {
    const props =
      type === 'contacts'
        ? { email: 'contract@example.com', firstname: 'Con' }
        : type === 'companies'
          ? { name: 'Contract Inc', domain: 'contract.example' }
          : { dealname: 'Contract deal', dealstage: 'qualifiedtobuy', amount: '1200' };
    const created = await api<{ id: string }>(em, 'POST', `/crm/v3/objects/${type}`, { properties: props, associations: [] });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await api(em, 'GET', `/crm/v3/objects/${type}?limit=3&associations=companies`)).status).toBe(200);
    expect((await api(em, 'GET', `/crm/v3/objects/${type}/${id}?properties=createdate,hs_object_id,nonexistent`)).status).toBe(200);
    expect((await api(em, 'PATCH', `/crm/v3/objects/${type}/${id}`, { properties: { description: 'x' } })).status).toBe(type === 'contacts' ? 400 : 200);
    expect((await api(em, 'PATCH', `/crm/v3/objects/${type}/999999999`, { properties: {} })).status).toBe(404);
    expect((await api(em, 'GET', `/crm/v3/objects/${type}/999999999`)).status).toBe(404);
    expect((await api(em, 'POST', `/crm/v3/objects/${type}`, { properties: { not_a_property: 'x' }, associations: [] })).status).toBe(400);
    expect((await api(em, 'DELETE', `/crm/v3/objects/${type}/${id}`)).status).toBe(204);
    expect((await api(em, 'GET', `/crm/v3/objects/${type}?archived=true`)).status).toBe(200);
    expect((await api(em, 'GET', `/crm/v3/objects/${type}`, undefined, null)).status).toBe(401);
    expectConformance(10);
  });

  it('objects v3 batch read, create, update (200 and 207), archive, and the 409 conflict', async () => {
    const base = '/crm/v3/objects/contacts';
    const created = await api<{ results: Array<{ id: string }> }>(em, 'POST', `${base}/batch/create`, {
      inputs: [
        { properties: { email: 'batch1@example.com' }, associations: [] },
        { properties: { email: 'batch2@example.com' }, associations: [] },
      ],
    });
    expect(created.status).toBe(201);
    const [a, b] = created.body.results.map((r) => r.id);
    const read = (ids: string[]) => api(em, 'POST', `${base}/batch/read`, { inputs: ids.map((id) => ({ id })), properties: ['email'], propertiesWithHistory: [] });
    expect((await read([a as string, b as string])).status).toBe(200);
    expect((await read([a as string, '999999999'])).status).toBe(207);
    const update = (inputs: Array<{ id: string; properties: Record<string, string> }>) => api(em, 'POST', `${base}/batch/update`, { inputs });
    expect((await update([{ id: a as string, properties: { firstname: 'A' } }])).status).toBe(200);
    expect((await update([{ id: a as string, properties: { firstname: 'B' } }, { id: '999999999', properties: { firstname: 'C' } }])).status).toBe(207);
    expect((await update([{ id: b as string, properties: { email: 'batch1@example.com' } }])).status).toBe(207);
    expect((await api(em, 'POST', base, { properties: { email: 'BATCH1@example.com' }, associations: [] })).status).toBe(409);
    expect((await api(em, 'POST', `${base}/batch/create`, { inputs: Array.from({ length: 101 }, () => ({ properties: {}, associations: [] })) })).status).toBe(400);
    expect((await api(em, 'POST', `${base}/batch/archive`, { inputs: [{ id: b }] })).status).toBe(204);
    expectConformance(9);
  });

  it('search: results, paging, the 10,000 cap and bad filters', async () => {
    const search = (body: Record<string, unknown>) =>
      api(em, 'POST', '/crm/v3/objects/contacts/search', { filterGroups: [], sorts: [], properties: ['email'], limit: 10, after: '0', ...body });
    expect((await search({})).status).toBe(200);
    expect(
      (await search({ filterGroups: [{ filters: [{ propertyName: 'hs_lastmodifieddate', operator: 'GTE', value: '0' }] }], sorts: ['hs_lastmodifieddate'], after: '10' })).status,
    ).toBe(200);
    expect((await search({ after: '10000' })).status).toBe(400);
    expect((await search({ filterGroups: [{ filters: [{ propertyName: 'nope', operator: 'EQ', value: 'x' }] }] })).status).toBe(400);
    expect((await api(em, 'POST', '/crm/v3/objects/companies/search', { filterGroups: [], sorts: ['-createdate'], properties: [], limit: 5, after: '0' })).status).toBe(200);
    expect((await api(em, 'POST', '/crm/v3/objects/deals/search', { filterGroups: [], sorts: [], properties: ['amount'], limit: 5, after: '0' })).status).toBe(200);
    expectConformance(6);
  });

  it('associations v4: batch read (200 and 207), create, default, labels archive, archive, per-record routes', async () => {
    const contact = em.seeded?.contacts[0] as string;
    const company = em.seeded?.companies[1] as string;
    const deal = em.seeded?.deals[0] as string;
    const batch = '/crm/v4/associations/contacts/companies/batch';
    expect((await api(em, 'POST', `${batch}/read`, { inputs: [{ id: contact }] })).status).toBe(200);
    expect((await api(em, 'POST', `${batch}/read`, { inputs: [{ id: contact }, { id: '999999999' }] })).status).toBe(207);
    const spec = (id: number) => [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: id }];
    expect((await api(em, 'POST', `${batch}/create`, { inputs: [{ from: { id: contact }, to: { id: company }, types: spec(1) }] })).status).toBe(201);
    expect((await api(em, 'POST', `${batch}/create`, { inputs: [{ from: { id: contact }, to: { id: '999999999' }, types: spec(279) }] })).status).toBe(207);
    expect((await api(em, 'POST', `${batch}/create`, { inputs: [{ from: { id: contact }, to: { id: company }, types: spec(5) }] })).status).toBe(400);
    expect((await api(em, 'POST', '/crm/v4/associations/deals/contacts/batch/associate/default', { inputs: [{ from: { id: deal }, to: { id: contact } }] })).status).toBe(200);
    expect((await api(em, 'POST', `${batch}/labels/archive`, { inputs: [{ from: { id: contact }, to: { id: company }, types: spec(1) }] })).status).toBe(204);
    expect((await api(em, 'POST', `${batch}/archive`, { inputs: [{ from: { id: contact }, to: [{ id: company }] }] })).status).toBe(204);
    expect((await api(em, 'GET', `/crm/v4/objects/deals/${deal}/associations/companies?limit=10`)).status).toBe(200);
    expect((await api(em, 'PUT', `/crm/v4/objects/contacts/${contact}/associations/default/companies/${company}`)).status).toBe(200);
    expect((await api(em, 'PUT', `/crm/v4/objects/contacts/${contact}/associations/companies/${company}`, spec(1))).status).toBe(201);
    expect((await api(em, 'DELETE', `/crm/v4/objects/contacts/${contact}/associations/companies/${company}`)).status).toBe(204);
    expectConformance(12);
  });

  it('properties v3: all, one, and an unknown one', async () => {
    for (const type of ['contacts', 'companies', 'deals']) {
      expect((await api(em, 'GET', `/crm/v3/properties/${type}`)).status).toBe(200);
    }
    expect((await api(em, 'GET', '/crm/v3/properties/deals/dealstage')).status).toBe(200);
    expect((await api(em, 'GET', '/crm/v3/properties/contacts/not_there')).status).toBe(404);
    expectConformance(5);
  });

  it('rate limiting and injected faults answer with HubSpot’s error body', async () => {
    em.faults.burst429(1);
    expect((await api(em, 'GET', '/crm/v3/objects/contacts')).status).toBe(429);
    em.faults.set({ errorRate: 1, seed: 1 });
    expect((await api(em, 'GET', '/crm/v3/objects/contacts')).status).toBeGreaterThanOrEqual(500);
    em.faults.set({ errorRate: 0 });
    expectConformance(2);
  });
});
