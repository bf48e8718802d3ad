// The HubSpot connector's associations API (what the engine uses) against the emulator: kinds
// by HubSpot names, the from record's primary company, reverse reads, HubSpot demoting the old
// primary by itself, sets without a primary, idempotent writes and per-edge failures.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HubspotConnector } from '../../src/connectors/hubspot/index.js';
import type { AssociationEdge, AssociationKind } from '../../src/connectors/types.js';
import type { HubspotEmulator } from '../../src/emulator/hubspot/index.js';
import { connectorFor, exchangesOf, FAST, seed, startEmulator } from './hubspot/helpers.js';

const CONTACT_COMPANIES: AssociationKind = { from: 'contacts', to: 'companies' };
const DEAL_COMPANIES: AssociationKind = { from: 'deals', to: 'companies' };
const DEAL_CONTACTS: AssociationKind = { from: 'deals', to: 'contacts' };
const COMPANY_CONTACTS: AssociationKind = { from: 'companies', to: 'contacts' };

const sorted = (edges: AssociationEdge[]): AssociationEdge[] => [...edges].sort((a, b) => `${a.fromId}|${a.toId}`.localeCompare(`${b.fromId}|${b.toId}`));

describe('hubspot associations API', () => {
  let em: HubspotEmulator;
  let hub: HubspotConnector;
  let c1: string;
  let c2: string;
  let acme: string;
  let globex: string;
  let initech: string;
  let deal: string;
  beforeAll(async () => {
    em = await startEmulator();
    hub = connectorFor(em);
    [c1 = '', c2 = ''] = seed(em, 'contacts', [{ email: 'a@example.com' }, { email: 'b@example.com' }]);
    [acme = '', globex = '', initech = ''] = seed(em, 'companies', [{ name: 'Acme' }, { name: 'Globex' }, { name: 'Initech' }]);
    [deal = ''] = seed(em, 'deals', [{ dealname: 'Big', dealstage: 'qualifiedtobuy' }]);
  });
  afterEach(async () => {
    // Each test starts without associations between the seeded records.
    for (const [from, to, ids] of [['contacts', 'companies', [c1, c2]], ['deals', 'companies', [deal]], ['deals', 'contacts', [deal]]] as const) {
      const edges = await hub.associations.read({ from, to }, ids);
      await hub.associations.remove({ from, to }, edges);
    }
  });
  afterAll(async () => {
    await hub.close();
    await em.close();
  });

  it('supports the pairs HubSpot defines, both ways, and no others', () => {
    for (const kind of [CONTACT_COMPANIES, COMPANY_CONTACTS, DEAL_COMPANIES, { from: 'companies', to: 'deals' }, DEAL_CONTACTS, { from: 'contacts', to: 'deals' }]) {
      expect(hub.associations.supports(kind), `${kind.from}→${kind.to}`).toBe(true);
    }
    expect(hub.associations.supports({ from: 'contacts', to: 'contacts' })).toBe(false);
    expect(hub.associations.supports({ from: 'tickets', to: 'contacts' })).toBe(false);
    expect('scan' in hub.associations).toBe(false);
  });

  it('adds a primary company with the primary type and reads it back as primary, other companies not', async () => {
    expect(await hub.associations.add(CONTACT_COMPANIES, [
      { fromId: c1, toId: acme, primary: true },
      { fromId: c1, toId: globex, primary: false },
    ])).toEqual([{ ok: true }, { ok: true }]);
    const sent = exchangesOf(em, '/crm/v4/associations/:fromObjectType/:toObjectType/batch/create').at(-1)?.requestBody as { inputs: Array<{ types: Array<{ associationTypeId: number }> }> };
    expect(sent.inputs.map((i) => i.types.map((t) => t.associationTypeId))).toEqual([[1, 279], [279]]);
    expect(sorted(await hub.associations.read(CONTACT_COMPANIES, [c1, c2]))).toEqual(sorted([
      { fromId: c1, toId: acme, primary: true },
      { fromId: c1, toId: globex, primary: false },
    ]));
  });

  it('reads in reverse: the contacts of companies, flagged by the contact\'s own primary', async () => {
    await hub.associations.add(CONTACT_COMPANIES, [
      { fromId: c1, toId: acme, primary: true },
      { fromId: c2, toId: acme, primary: false },
      { fromId: c2, toId: globex, primary: true },
    ]);
    expect(sorted(await hub.associations.readReverse(CONTACT_COMPANIES, [acme, globex, initech]))).toEqual(sorted([
      { fromId: c1, toId: acme, primary: true },
      { fromId: c2, toId: acme, primary: false },
      { fromId: c2, toId: globex, primary: true },
    ]));
  });

  it('a new primary company demotes the old one at HubSpot: it stays associated, unlabeled', async () => {
    await hub.associations.add(DEAL_COMPANIES, [{ fromId: deal, toId: acme, primary: true }]);
    expect(await hub.associations.add(DEAL_COMPANIES, [{ fromId: deal, toId: globex, primary: true }])).toEqual([{ ok: true }]);
    expect(sorted(await hub.associations.read(DEAL_COMPANIES, [deal]))).toEqual(sorted([
      { fromId: deal, toId: acme, primary: false },
      { fromId: deal, toId: globex, primary: true },
    ]));
    // Seen from the company, only Globex is the deal's primary company.
    expect(await hub.readAssociations('companies', 'deals', [acme])).toEqual([{ fromId: acme, toId: deal, typeIds: [342], primary: false }]);
  });

  it('adding an existing primary edge as not primary removes the label and keeps the association', async () => {
    await hub.associations.add(CONTACT_COMPANIES, [{ fromId: c2, toId: initech, primary: true }]);
    expect(await hub.associations.add(CONTACT_COMPANIES, [{ fromId: c2, toId: initech, primary: false }])).toEqual([{ ok: true }]);
    expect(await hub.associations.read(CONTACT_COMPANIES, [c2])).toEqual([{ fromId: c2, toId: initech, primary: false }]);
  });

  it('reports every edge of a kind without a from-record primary as primary, and never sets a label there', async () => {
    await hub.associations.add(DEAL_CONTACTS, [{ fromId: deal, toId: c1, primary: false }, { fromId: deal, toId: c2, primary: true }]);
    expect(sorted(await hub.associations.read(DEAL_CONTACTS, [deal]))).toEqual(sorted([
      { fromId: deal, toId: c1, primary: true },
      { fromId: deal, toId: c2, primary: true },
    ]));
    // companies→contacts' primary type marks the contact's primary company, not the company's own:
    // adding through it must not change which company is the contact's primary.
    await hub.associations.add(CONTACT_COMPANIES, [{ fromId: c1, toId: acme, primary: true }]);
    expect(await hub.associations.add(COMPANY_CONTACTS, [{ fromId: globex, toId: c1, primary: true }])).toEqual([{ ok: true }]);
    expect(sorted(await hub.associations.read(CONTACT_COMPANIES, [c1]))).toEqual(sorted([
      { fromId: c1, toId: acme, primary: true },
      { fromId: c1, toId: globex, primary: false },
    ]));
    expect(sorted(await hub.associations.read(COMPANY_CONTACTS, [acme, globex]))).toEqual(sorted([
      { fromId: acme, toId: c1, primary: true },
      { fromId: globex, toId: c1, primary: true },
    ]));
  });

  it('add and remove are idempotent, and removing drops every type', async () => {
    const edge = { fromId: c1, toId: globex, primary: true };
    expect(await hub.associations.add(CONTACT_COMPANIES, [edge])).toEqual([{ ok: true }]);
    expect(await hub.associations.add(CONTACT_COMPANIES, [edge])).toEqual([{ ok: true }]);
    expect(await hub.associations.read(CONTACT_COMPANIES, [c1])).toEqual([edge]);
    expect(await hub.associations.remove(CONTACT_COMPANIES, [{ fromId: c1, toId: globex }])).toEqual([{ ok: true }]);
    expect(await hub.associations.remove(CONTACT_COMPANIES, [{ fromId: c1, toId: globex }])).toEqual([{ ok: true }]);
    expect(await hub.associations.read(CONTACT_COMPANIES, [c1])).toEqual([]);
    expect(await hub.readAssociations('companies', 'contacts', [globex])).toEqual([]);
    expect(await hub.associations.add(CONTACT_COMPANIES, [])).toEqual([]);
    expect(await hub.associations.read(CONTACT_COMPANIES, [])).toEqual([]);
  });

  it('fails an edge to a missing record alone, with a catalogue category', async () => {
    const results = await hub.associations.add(CONTACT_COMPANIES, [
      { fromId: c1, toId: '999999999', primary: true },
      { fromId: c1, toId: acme, primary: true },
    ]);
    expect(results[0]).toMatchObject({ ok: false, category: 'not_found', retryable: false });
    expect(results[0]?.ok === false && results[0].message.length).toBeGreaterThan(10);
    expect(results[1]).toEqual({ ok: true });
  });

  it('reports a HubSpot outage as retryable failures per edge instead of throwing', async () => {
    const flaky = connectorFor(em, { ...FAST, maxAttempts: 2 });
    em.faults.set({ errorRate: 1 });
    try {
      const results = await flaky.associations.add(DEAL_CONTACTS, [{ fromId: deal, toId: c1, primary: true }, { fromId: deal, toId: c2, primary: true }]);
      expect(results).toEqual([
        expect.objectContaining({ ok: false, category: 'app_unavailable', retryable: true }),
        expect.objectContaining({ ok: false, category: 'app_unavailable', retryable: true }),
      ]);
      expect(await flaky.associations.remove(DEAL_CONTACTS, [{ fromId: deal, toId: c1 }])).toEqual([expect.objectContaining({ ok: false, retryable: true })]);
    } finally {
      em.faults.set({ errorRate: 0 });
      await flaky.close();
    }
    expect(await hub.associations.read(DEAL_CONTACTS, [deal])).toEqual([]);
  });
});
