// Associations v4 through the HubSpot connector: primary company type ids, the reverse
// direction, unlabeled deal links, removal, and per-input failures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASSOCIATION_TYPES, type HubspotConnector } from '../../src/connectors/hubspot/index.js';
import type { HubspotEmulator } from '../../src/emulator/hubspot/index.js';
import { connectorFor, exchangesOf, seed, startEmulator } from './hubspot/helpers.js';

describe('hubspot associations v4', () => {
  let em: HubspotEmulator;
  let hub: HubspotConnector;
  let contacts: string[];
  let companies: string[];
  let deals: string[];
  beforeAll(async () => {
    em = await startEmulator();
    hub = connectorFor(em);
    contacts = seed(em, 'contacts', [{ email: 'a@example.com' }, { email: 'b@example.com' }]);
    companies = seed(em, 'companies', [{ name: 'Acme' }, { name: 'Globex' }]);
    deals = seed(em, 'deals', [{ dealname: 'Big', dealstage: 'qualifiedtobuy' }]);
  });
  afterAll(async () => {
    await hub.close();
    await em.close();
  });

  it('knows HubSpot’s defined type ids', () => {
    expect(ASSOCIATION_TYPES['contacts->companies']).toEqual({ primary: 1, unlabeled: 279 });
    expect(ASSOCIATION_TYPES['companies->contacts']).toEqual({ primary: 2, unlabeled: 280 });
    expect(ASSOCIATION_TYPES['deals->companies']).toEqual({ primary: 5, unlabeled: 341 });
    expect(ASSOCIATION_TYPES['companies->deals']).toEqual({ primary: 6, unlabeled: 342 });
    expect(ASSOCIATION_TYPES['deals->contacts']).toEqual({ unlabeled: 3 });
    expect(ASSOCIATION_TYPES['contacts->deals']).toEqual({ unlabeled: 4 });
  });

  it('creates primary and unlabeled associations and reads them from both sides', async () => {
    const [c1 = '', c2 = ''] = contacts;
    const [acme = '', globex = ''] = companies;
    const [deal = ''] = deals;
    const results = await hub.createAssociations('contacts', 'companies', [
      { fromId: c1, toId: acme, primary: true },
      { fromId: c2, toId: globex },
    ]);
    expect(results).toEqual([
      { ok: true, fromId: c1, toId: acme },
      { ok: true, fromId: c2, toId: globex },
    ]);
    const sent = exchangesOf(em, '/crm/v4/associations/:fromObjectType/:toObjectType/batch/create')[0]?.requestBody as { inputs: Array<{ types: Array<{ associationTypeId: number }> }> };
    expect(sent.inputs.map((i) => i.types.map((t) => t.associationTypeId))).toEqual([[1, 279], [279]]);
    expect(await hub.readAssociations('contacts', 'companies', [c1, c2, c1])).toEqual([
      { fromId: c1, toId: acme, typeIds: [1, 279], primary: true },
      { fromId: c2, toId: globex, typeIds: [279], primary: false },
    ]);
    expect(await hub.readAssociations('companies', 'contacts', [acme])).toEqual([{ fromId: acme, toId: c1, typeIds: [2, 280], primary: true }]);

    await hub.createAssociations('deals', 'companies', [{ fromId: deal, toId: globex, primary: true }]);
    await hub.createAssociations('deals', 'contacts', [{ fromId: deal, toId: c2 }]);
    expect(await hub.readAssociations('deals', 'companies', [deal])).toEqual([{ fromId: deal, toId: globex, typeIds: [5, 341], primary: true }]);
    expect(await hub.readAssociations('contacts', 'deals', [c2])).toEqual([{ fromId: c2, toId: deal, typeIds: [4], primary: false }]);
  });

  it('removes associations, and leaves out records that have none', async () => {
    const [c1 = ''] = contacts;
    const [acme = ''] = companies;
    expect(await hub.archiveAssociations('contacts', 'companies', [{ fromId: c1, toId: acme }])).toEqual([{ ok: true, fromId: c1, toId: acme }]);
    expect(await hub.readAssociations('contacts', 'companies', [c1])).toEqual([]);
  });

  it('fails an association to a missing record alone', async () => {
    const [c1 = ''] = contacts;
    const [acme = ''] = companies;
    const results = await hub.createAssociations('contacts', 'companies', [
      { fromId: c1, toId: '999999999' },
      { fromId: c1, toId: acme },
    ]);
    expect(results[0]).toMatchObject({ ok: false, category: 'not_found', retryable: false });
    expect(results[1]).toEqual({ ok: true, fromId: c1, toId: acme });
  });

  it('refuses a pair HubSpot defines no type for', async () => {
    await expect(hub.createAssociations('contacts', 'contacts', [])).rejects.toMatchObject({ code: 'hubspot_unknown_association' });
  });
});
