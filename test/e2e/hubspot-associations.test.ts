// Associations end to end with the HubSpot emulator as hub (over real HTTP, associations v4)
// and a SQLite shop with link tables: contacts→companies and deals→companies (primary company
// only) and deals→contacts (every edge). The initial sync and the first pass bring each
// contact's primary company across; a primary changed in the shop reaches HubSpot as its new
// primary (the old one demoted, still associated, as HubSpot does); deal↔contact edges added
// and removed on either side propagate; an edge to a company not linked yet waits (in queue in
// `syncctl status`) and completes once the company is linked. HubSpot changes associations
// without touching hs_lastmodifieddate, so a poll never sees them; the push the runner makes of
// a `*.associationChange` webhook's records does. It is driven here as that push, and at the end
// as the signed delivery from the emulator into a real `syncctl run` process.
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Connection, Sync } from '../../src/config/model.js';
import { runInitialSync } from '../../src/engine/index.js';
import { type ChangeTrigger, type IncrementalReport, runIncrementalPass } from '../../src/engine/incremental/index.js';
import { type HubspotEmulator, associationType } from '../../src/emulator/hubspot/index.js';
import type { ObjectTypeName } from '../../src/emulator/hubspot/object-types.js';
import type { AppliedSync } from '../../src/store/index.js';
import { contentHash } from '../../src/util/canonical.js';
import { runCli } from '../cli/harness.js';
import { type RunnerProcess, startRunner, waitFor } from '../runner/helpers.js';
import { exec, insert } from '../engine/incremental/helpers.js';
import { CUSTOMERS_DDL, type E2eWorld, type Row, TOKEN, api, createApp, edit, makeSync, openE2eWorld, rows, silent, startEmulator, syncObject, tempDir } from './helpers.js';
import { APP_SECRET, type HubspotProject, SECRET_ENV, SHOP_CONNECTION, TOKEN_ENV, crmConnection, customer, hubspotProject } from './hubspot-project.js';

const FAST_PASS = { retryBaseMs: 2, retryMaxMs: 20, leaseWaitMs: 0 };

/** Contacts, companies and deals, with the three associations users list. */
const ASSOC_SYNC: Sync = makeSync(
  [syncObject('contacts', 'customers'), syncObject('companies', 'accounts'), syncObject('deals', 'opportunities')],
  {
    associations: [
      { from: 'contacts', to: 'companies' },
      { from: 'deals', to: 'companies' },
      { from: 'deals', to: 'contacts' },
    ],
  },
);

/** The shop: records named like HubSpot's properties, and a link table per association (found by convention). */
const SHOP_TABLES = {
  customers: CUSTOMERS_DDL,
  accounts: `CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT, domain TEXT, updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))`,
  opportunities: `CREATE TABLE opportunities (id INTEGER PRIMARY KEY, dealname TEXT, amount REAL, dealstage TEXT, updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))`,
  customers_accounts: `CREATE TABLE customers_accounts (customer_id INTEGER NOT NULL, account_id INTEGER NOT NULL, is_primary INTEGER NOT NULL DEFAULT 0)`,
  opportunities_accounts: `CREATE TABLE opportunities_accounts (opportunity_id INTEGER NOT NULL, account_id INTEGER NOT NULL, is_primary INTEGER NOT NULL DEFAULT 0)`,
  opportunities_customers: `CREATE TABLE opportunities_customers (opportunity_id INTEGER NOT NULL, customer_id INTEGER NOT NULL)`,
};

const PEOPLE: Row[] = [
  { email: 'ann@x.com', firstname: 'Ann', lastname: 'A', phone: '1' },
  { email: 'bob@x.com', firstname: 'Bob', lastname: 'B', phone: '2' },
];
const COMPANIES: Row[] = [
  { name: 'Acme', domain: 'acme.com' },
  { name: 'Globex', domain: 'globex.io' },
  { name: 'Initech', domain: 'initech.com' },
];

const PRIMARY = { contactCompany: 1, dealCompany: 5 };
const UNLABELED = { contactCompany: 279, dealCompany: 341, dealContact: 3 };

let em: HubspotEmulator | undefined;
let w: E2eWorld | undefined;
afterEach(async () => {
  await w?.close();
  await em?.close();
  w = undefined;
  em = undefined;
});

interface Ids {
  hub: { ann: string; bob: string; acme: string; globex: string; initech: string; deal: string };
  app: { ann: number; bob: number; acme: number; globex: number; initech: number; deal: number };
}

interface Built {
  em: HubspotEmulator;
  w: E2eWorld;
  dir: string;
  ids: Ids;
}

/** Associates two HubSpot records with the given type ids over the v4 API, as a HubSpot user would. */
async function associate(hub: HubspotEmulator, from: string, fromId: string, to: string, toId: string, typeIds: number[]): Promise<void> {
  const body = typeIds.map((associationTypeId) => ({ associationCategory: 'HUBSPOT_DEFINED', associationTypeId }));
  expect((await api(hub, 'PUT', `/crm/v4/objects/${from}/${fromId}/associations/${to}/${toId}`, body)).status).toBe(201);
}

/** Every association of one HubSpot record to `to` records: to id -> its type ids. */
async function hubLinks(hub: HubspotEmulator, from: string, fromId: string, to: string): Promise<Record<string, number[]>> {
  const res = await api(hub, 'GET', `/crm/v4/objects/${from}/${fromId}/associations/${to}`);
  expect(res.status).toBe(200);
  const out: Record<string, number[]> = {};
  for (const r of res.json['results'] as Array<{ toObjectId: number; associationTypes: Array<{ typeId: number }> }>) {
    out[String(r.toObjectId)] = r.associationTypes.map((t) => t.typeId).sort((a, b) => a - b);
  }
  return out;
}

function idBy(path: string, table: string, column: string, value: string): number {
  const found = rows(path, table).find((r) => r[column] === value);
  if (!found) throw new Error(`no ${table} row with ${column} = ${value}`);
  return Number(found.id);
}

/**
 * HubSpot: Ann with Acme, Globex (her primary) and Initech; Bob with none; the deal "Big deal"
 * with Ann and with Acme as its primary company. The shop: the same people and companies, no
 * deals and no links. Then the initial sync of every object and the first pass.
 */
async function build(): Promise<Built & { first: IncrementalReport }> {
  const hub = (em = await startEmulator());
  const [ann, bob] = hub.crm.createMany('contacts', PEOPLE.map((p) => ({ properties: { email: String(p.email), firstname: String(p.firstname), lastname: String(p.lastname) } })), { silent: true });
  const [acme, globex, initech] = hub.crm.createMany('companies', COMPANIES.map((c) => ({ properties: { name: String(c.name), domain: String(c.domain) } })), { silent: true });
  const [deal] = hub.crm.createMany('deals', [{ properties: { dealname: 'Big deal', amount: '100', dealstage: 'qualifiedtobuy' } }], { silent: true });
  const h = { ann: ann?.id ?? '', bob: bob?.id ?? '', acme: acme?.id ?? '', globex: globex?.id ?? '', initech: initech?.id ?? '', deal: deal?.id ?? '' };
  await associate(hub, 'contacts', h.ann, 'companies', h.acme, [UNLABELED.contactCompany]);
  await associate(hub, 'contacts', h.ann, 'companies', h.globex, [PRIMARY.contactCompany]);
  await associate(hub, 'contacts', h.ann, 'companies', h.initech, [UNLABELED.contactCompany]);
  await associate(hub, 'deals', h.deal, 'contacts', h.ann, [UNLABELED.dealContact]);
  await associate(hub, 'deals', h.deal, 'companies', h.acme, [PRIMARY.dealCompany]);

  const dir = tempDir();
  createApp(`${dir}/shop.db`, {
    ...Object.fromEntries(Object.entries(SHOP_TABLES).map(([t, ddl]) => [t, { ddl }])),
    customers: { ddl: SHOP_TABLES.customers, rows: PEOPLE },
    accounts: { ddl: SHOP_TABLES.accounts, rows: COMPANIES },
  });
  const world = (w = await openE2eWorld(dir, hub));
  await runInitialSync({ sync: ASSOC_SYNC, hub: world.hub, app: world.app, index: world.index, objects: 'all', logger: silent });
  await applySync(world, dir, hub);
  const first = await pass(world);
  const p = world.appPath;
  const ids: Ids = {
    hub: h,
    app: {
      ann: idBy(p, 'customers', 'email', 'ann@x.com'), bob: idBy(p, 'customers', 'email', 'bob@x.com'),
      acme: idBy(p, 'accounts', 'name', 'Acme'), globex: idBy(p, 'accounts', 'name', 'Globex'), initech: idBy(p, 'accounts', 'name', 'Initech'),
      deal: idBy(p, 'opportunities', 'dealname', 'Big deal'),
    },
  };
  return { em: hub, w: world, dir, ids, first };
}

/** Records the sync and its connections as applied, so `syncctl status` shows them. */
async function applySync(world: E2eWorld, dir: string, hub: HubspotEmulator): Promise<void> {
  const at = new Date().toISOString();
  const connections: Connection[] = [
    { name: 'crm', connector: 'hubspot', options: { baseUrl: hub.url, token: '${env:HUBSPOT_TOKEN}', tier: 'professional' }, baseDir: dir },
    { name: 'shop', connector: 'sqlite', options: { path: 'shop.db' }, baseDir: dir },
  ];
  const applied: AppliedSync = { name: ASSOC_SYNC.name, hash: contentHash(ASSOC_SYNC), definition: ASSOC_SYNC, lifecycle: 'incremental', restart: null, detail: null, appliedAt: at, appliedBy: 'test', generation: 1 };
  await world.store.commit([
    ...connections.map((c) => ({ kind: 'put-connection' as const, connection: { name: c.name, hash: contentHash(c), definition: c, appliedAt: at, appliedBy: 'test' } })),
    { kind: 'put-sync', sync: applied },
  ]);
}

function pass(world: E2eWorld, trigger: ChangeTrigger = { kind: 'poll' }): Promise<IncrementalReport> {
  return runIncrementalPass({ sync: ASSOC_SYNC, hub: world.hub, app: world.app, index: world.index, logger: silent, trigger, tuning: FAST_PASS });
}

function reportOf(report: IncrementalReport, name: string) {
  return report.associations.find((a) => a.association === name);
}

/** A link table of the shop, ordered by its two id columns. */
function links(world: E2eWorld, table: string): Row[] {
  const db = new Database(world.appPath, { readonly: true });
  try {
    return db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all() as Row[];
  } finally {
    db.close();
  }
}

describe('associations with the HubSpot emulator as hub', () => {
  it('given a contact with three companies at HubSpot, one primary, when the initial sync and the first pass ran, then the shop has exactly that primary company, as its primary', async () => {
    const { em, w, ids, first } = await build();
    expect(links(w, 'customers_accounts')).toEqual([{ customer_id: ids.app.ann, account_id: ids.app.globex, is_primary: 1 }]);
    expect(links(w, 'opportunities_accounts')).toEqual([{ opportunity_id: ids.app.deal, account_id: ids.app.acme, is_primary: 1 }]);
    expect(links(w, 'opportunities_customers')).toEqual([{ opportunity_id: ids.app.deal, customer_id: ids.app.ann }]);
    // HubSpot keeps all three companies, Globex as the primary.
    expect(await hubLinks(em, 'contacts', ids.hub.ann, 'companies')).toEqual({
      [ids.hub.acme]: [UNLABELED.contactCompany],
      [ids.hub.globex]: [PRIMARY.contactCompany, UNLABELED.contactCompany],
      [ids.hub.initech]: [UNLABELED.contactCompany],
    });
    expect(reportOf(first, 'contacts->companies')).toMatchObject({ full: true, reconciled: true, added: { hub: 0, app: 1 }, removed: { hub: 0, app: 0 }, waiting: 0, failing: 0 });
    // In step: the next pass writes nothing.
    const again = await pass(w);
    expect(again.associations.map((a) => ({ ...a.added, ...{ rh: a.removed.hub, ra: a.removed.app } }))).toEqual([
      { hub: 0, app: 0, rh: 0, ra: 0 },
      { hub: 0, app: 0, rh: 0, ra: 0 },
      { hub: 0, app: 0, rh: 0, ra: 0 },
    ]);
  });

  it('given the synced primary, when the shop makes another company the primary, then HubSpot gets it as the primary company and keeps the old one, demoted', async () => {
    const { em, w, ids } = await build();
    // The shop's user picks Acme as Ann's primary; Globex stays linked, no longer primary.
    exec(w.appPath, 'UPDATE customers_accounts SET is_primary = 0 WHERE customer_id = ?', ids.app.ann);
    exec(w.appPath, 'INSERT INTO customers_accounts (customer_id, account_id, is_primary) VALUES (?, ?, 1)', ids.app.ann, ids.app.acme);
    const report = await pass(w);
    expect(reportOf(report, 'contacts->companies')).toMatchObject({ added: { hub: 1, app: 0 }, removed: { hub: 0, app: 0 }, failing: 0 });
    expect(await hubLinks(em, 'contacts', ids.hub.ann, 'companies')).toEqual({
      [ids.hub.acme]: [PRIMARY.contactCompany, UNLABELED.contactCompany],
      [ids.hub.globex]: [UNLABELED.contactCompany],
      [ids.hub.initech]: [UNLABELED.contactCompany],
    });
    expect(links(w, 'customers_accounts')).toEqual([
      { customer_id: ids.app.ann, account_id: ids.app.acme, is_primary: 1 },
      { customer_id: ids.app.ann, account_id: ids.app.globex, is_primary: 0 },
    ]);
    expect((await pass(w)).associations.every((a) => a.added.hub + a.added.app + a.removed.hub + a.removed.app === 0)).toBe(true);

    // The shop clears the flag, keeping the link: at HubSpot Acme loses the Primary label and stays.
    exec(w.appPath, 'UPDATE customers_accounts SET is_primary = 0 WHERE customer_id = ?', ids.app.ann);
    await pass(w);
    expect(await hubLinks(em, 'contacts', ids.hub.ann, 'companies')).toEqual({
      [ids.hub.acme]: [UNLABELED.contactCompany],
      [ids.hub.globex]: [UNLABELED.contactCompany],
      [ids.hub.initech]: [UNLABELED.contactCompany],
    });

    // Globex is the primary again, then the shop drops its link altogether: HubSpot follows both.
    exec(w.appPath, 'UPDATE customers_accounts SET is_primary = 1 WHERE customer_id = ? AND account_id = ?', ids.app.ann, ids.app.globex);
    await pass(w);
    expect((await hubLinks(em, 'contacts', ids.hub.ann, 'companies'))[ids.hub.globex]).toEqual([PRIMARY.contactCompany, UNLABELED.contactCompany]);
    exec(w.appPath, 'DELETE FROM customers_accounts WHERE customer_id = ? AND account_id = ?', ids.app.ann, ids.app.globex);
    const dropped = await pass(w);
    expect(reportOf(dropped, 'contacts->companies')).toMatchObject({ added: { hub: 0, app: 0 }, removed: { hub: 1, app: 0 } });
    expect(await hubLinks(em, 'contacts', ids.hub.ann, 'companies')).toEqual({
      [ids.hub.acme]: [UNLABELED.contactCompany],
      [ids.hub.initech]: [UNLABELED.contactCompany],
    });
  });

  it('given a synced deal, when a deal↔contact edge is added and removed at HubSpot and in the shop, then each change reaches the other side', async () => {
    const { em, w, ids } = await build();
    const dealContacts = async () => Object.keys(await hubLinks(em, 'deals', ids.hub.deal, 'contacts')).sort();

    // At HubSpot: Bob joins the deal. Associations leave hs_lastmodifieddate alone, so a poll
    // does not see it; the push HubSpot's deal.associationChange webhook makes does.
    await associate(em, 'deals', ids.hub.deal, 'contacts', ids.hub.bob, [UNLABELED.dealContact]);
    expect(em.store.get('deals', ids.hub.deal)?.properties['hs_lastmodifieddate']).toBe(em.store.get('deals', ids.hub.deal)?.properties['createdate']);
    const pushed = await pass(w, { kind: 'push', side: 'hub', object: 'deals', ids: [ids.hub.deal] });
    expect(reportOf(pushed, 'deals->contacts')).toMatchObject({ added: { hub: 0, app: 1 }, removed: { hub: 0, app: 0 } });
    expect(links(w, 'opportunities_customers')).toEqual([
      { opportunity_id: ids.app.deal, customer_id: ids.app.ann },
      { opportunity_id: ids.app.deal, customer_id: ids.app.bob },
    ]);

    // At HubSpot: Ann leaves the deal; the webhook names the contact's end too.
    expect((await api(em, 'DELETE', `/crm/v4/objects/deals/${ids.hub.deal}/associations/contacts/${ids.hub.ann}`)).status).toBe(204);
    await pass(w, { kind: 'push', side: 'hub', object: 'contacts', ids: [ids.hub.ann] });
    expect(links(w, 'opportunities_customers')).toEqual([{ opportunity_id: ids.app.deal, customer_id: ids.app.bob }]);

    // In the shop: Ann is linked to the order again, then Bob is unlinked; polls carry both.
    exec(w.appPath, 'INSERT INTO opportunities_customers (opportunity_id, customer_id) VALUES (?, ?)', ids.app.deal, ids.app.ann);
    const added = await pass(w);
    expect(reportOf(added, 'deals->contacts')).toMatchObject({ added: { hub: 1, app: 0 } });
    expect(await dealContacts()).toEqual([ids.hub.ann, ids.hub.bob].sort());
    exec(w.appPath, 'DELETE FROM opportunities_customers WHERE customer_id = ?', ids.app.bob);
    const removed = await pass(w);
    expect(reportOf(removed, 'deals->contacts')).toMatchObject({ removed: { hub: 1, app: 0 } });
    expect(await dealContacts()).toEqual([ids.hub.ann]);
    // The contact's side of HubSpot's association went too.
    expect(Object.keys(await hubLinks(em, 'contacts', ids.hub.bob, 'deals'))).toEqual([]);
  });

  it('given an edge to a company that is not linked yet, when passes run, then it waits (in queue in status) and completes once the company is linked', async () => {
    const { em, w, dir, ids } = await build();
    // A shop account with neither name nor domain cannot be matched: it is excluded, so not linked.
    const nameless = insert(w.appPath, 'accounts', { name: null, domain: null });
    exec(w.appPath, 'INSERT INTO customers_accounts (customer_id, account_id, is_primary) VALUES (?, ?, 1)', ids.app.bob, nameless);
    const waiting = await pass(w);
    expect(reportOf(waiting, 'contacts->companies')).toMatchObject({ waiting: 1, failing: 0, added: { hub: 0, app: 0 } });
    expect(await hubLinks(em, 'contacts', ids.hub.bob, 'companies')).toEqual({});

    const json = await runCli(dir, ['status', 'crm-shop', '--state', 'state.db', '--format', 'json']);
    expect(json.code).toBe(0);
    const associations = (JSON.parse(json.stdout) as { syncs: Array<{ associations: Array<{ association: string; synced: number; inQueue: number; failing: number }> }> }).syncs[0]?.associations;
    expect(associations?.map(({ association, synced, inQueue, failing }) => ({ association, synced, inQueue, failing }))).toEqual([
      { association: 'contacts->companies', synced: 1, inQueue: 1, failing: 0 },
      { association: 'deals->companies', synced: 1, inQueue: 0, failing: 0 },
      { association: 'deals->contacts', synced: 1, inQueue: 0, failing: 0 },
    ]);
    const text = await runCli(dir, ['status', 'crm-shop', '--state', 'state.db']);
    expect(text.stdout).toMatch(/contacts → companies\s+1\s+1\s+0/);
    expect(text.stdout).toContain('association_target_not_synced');

    // Named now: the account is created at HubSpot and linked, and the waiting edge completes there.
    edit(w.appPath, 'accounts', nameless, { name: 'Umbrella', domain: 'umbrella.org' });
    const done = await pass(w);
    const umbrella = em.store.scan('companies', false).find((c) => c.properties['name'] === 'Umbrella')?.id ?? '';
    expect(umbrella).not.toBe('');
    expect(await hubLinks(em, 'contacts', ids.hub.bob, 'companies')).toEqual({ [umbrella]: [PRIMARY.contactCompany, UNLABELED.contactCompany] });
    expect(reportOf(done, 'contacts->companies')).toMatchObject({ waiting: 0, added: { hub: 1, app: 0 } });
    const after = await runCli(dir, ['status', 'crm-shop', '--state', 'state.db', '--format', 'json']);
    expect((JSON.parse(after.stdout) as { syncs: Array<{ associations: Array<{ synced: number; inQueue: number }> }> }).syncs[0]?.associations[0]).toMatchObject({ synced: 2, inQueue: 0 });
  });
});

/** Contacts ↔ customers and companies ↔ accounts with the contact's primary company, HubSpot polled hourly. */
const RUNNER_SYNC = `apiVersion: syncctl/v1
kind: Sync
name: crm-shop
hub: crm
app: shop
pollInterval: 1h
objects:
  - hub: contacts
    app: customers
    direction: two-way
    conflictWinner: hub
    mappings:
      defaults: false
      fields:
        - { hub: email, app: email, required: true }
        - { hub: firstname, app: firstname }
        - { hub: lastname, app: lastname }
  - hub: companies
    app: accounts
    direction: two-way
    conflictWinner: hub
    match: [name, domain]
    mappings:
      defaults: false
      fields:
        - { hub: name, app: name, required: true }
        - { hub: domain, app: domain }
associations:
  - { from: contacts, to: companies }
`;

/** Adds an association to the emulator's store directly (both directions, every type): no webhook fires. */
function seedAssociation(hub: HubspotEmulator, from: ObjectTypeName, fromId: string, to: ObjectTypeName, toId: string, typeIds: number[]): void {
  for (const typeId of typeIds) {
    const def = associationType(typeId);
    if (!def) throw new Error(`no association type ${typeId}`);
    hub.store.addAssociation({ fromType: from, fromId, toType: to, toId, typeId });
    hub.store.addAssociation({ fromType: to, fromId: toId, toType: from, toId: fromId, typeId: def.inverse });
  }
}

interface LogLine {
  msg?: string;
  trigger?: string;
  associations?: Array<{ association: string; added: { hub: number; app: number }; removed: { hub: number; app: number } }>;
}

describe('association webhooks into a running runner', () => {
  let em: HubspotEmulator;
  let runner: RunnerProcess;
  let proj: HubspotProject;
  const hubIds: Record<'ann' | 'bob' | 'acme' | 'globex', string> = { ann: '', bob: '', acme: '', globex: '' };

  beforeAll(async () => {
    proj = hubspotProject(
      [
        { email: 'ann@x.com', firstname: 'Ann', lastname: 'A', phone: null },
        { email: 'bob@x.com', firstname: 'Bob', lastname: 'B', phone: null },
      ],
      { 'syncs/shop.yaml': SHOP_CONNECTION },
    );
    const db = new Database(proj.shop);
    db.exec(`${SHOP_TABLES.accounts}; ${SHOP_TABLES.customers_accounts};`);
    for (const c of COMPANIES) db.prepare('INSERT INTO accounts (name, domain) VALUES (?, ?)').run(c.name, c.domain);
    db.close();
    // The runner first (its URL is the webhook target), then the emulator, its data (silent),
    // and the files: the runner follows the directory and starts the sync.
    runner = await startRunner(proj.dir, [], { [TOKEN_ENV]: TOKEN, [SECRET_ENV]: APP_SECRET });
    em = await startEmulator({ webhook: { url: `${runner.url}/hooks/crm`, secret: APP_SECRET, batchMs: 10 } });
    const [ann, bob] = em.crm.createMany('contacts', PEOPLE.map((p) => ({ properties: { email: String(p.email), firstname: String(p.firstname), lastname: String(p.lastname) } })), { silent: true });
    const [acme, globex] = em.crm.createMany('companies', COMPANIES.slice(0, 2).map((c) => ({ properties: { name: String(c.name), domain: String(c.domain) } })), { silent: true });
    Object.assign(hubIds, { ann: ann?.id ?? '', bob: bob?.id ?? '', acme: acme?.id ?? '', globex: globex?.id ?? '' });
    seedAssociation(em, 'contacts', hubIds.ann, 'companies', hubIds.globex, [PRIMARY.contactCompany, UNLABELED.contactCompany]);
    proj.write('syncs/crm.yaml', crmConnection(em.url));
    proj.write('syncs/crm-shop.yaml', RUNNER_SYNC);
    await waitFor(async () => {
      await em.flushWebhooks();
      const s = (await runner.status()).syncs.find((x) => x.name === 'crm-shop');
      return s?.lifecycle === 'incremental' && s.worker?.state === 'idle' && !s.worker.queued && s.worker.passes > 0 && shopLinks(proj.shop).length > 0;
    }, 30_000, 'the initial sync and the association reconciliation');
  }, 60_000);

  afterAll(async () => {
    await runner?.stop('SIGKILL');
    await em?.close();
  });

  /** Shop account id by name. */
  const account = (name: string): number => Number(new Database(proj.shop, { readonly: true }).prepare('SELECT id FROM accounts WHERE name = ?').pluck().get(name));
  const customerId = (email: string): number => Number(customer(proj.shop, email)?.id);

  it('given the reconciled primary companies, when HubSpot gives a contact a primary company, then its signed associationChange webhook carries it to the shop without a poll; and its removal too', async () => {
    expect(shopLinks(proj.shop)).toEqual([{ customer_id: customerId('ann@x.com'), account_id: account('Globex'), is_primary: 1 }]);
    const before = runner.logs().length;

    await associate(em, 'contacts', hubIds.bob, 'companies', hubIds.acme, [PRIMARY.contactCompany]);
    const bobAcme = { customer_id: customerId('bob@x.com'), account_id: account('Acme'), is_primary: 1 };
    await waitFor(() => shopLinks(proj.shop).some((r) => r.customer_id === bobAcme.customer_id && r.account_id === bobAcme.account_id && r.is_primary === 1), 15_000, 'the association to reach the shop');
    const lines = runner.logs().slice(before) as LogLine[];
    expect(lines.some((l) => l.msg === 'push received')).toBe(true);
    // The pass that wrote it (the engine's association line, then the runner's line for that pass) was a push.
    const wrote = lines.findIndex((l) => l.msg === 'association pass done' && (l.associations ?? []).some((a) => a.added.app > 0));
    expect(wrote).toBeGreaterThanOrEqual(0);
    expect(lines.slice(wrote).find((l) => l.msg === 'incremental pass finished')?.trigger).toBe('push');

    expect((await api(em, 'DELETE', `/crm/v4/objects/contacts/${hubIds.bob}/associations/companies/${hubIds.acme}`)).status).toBe(204);
    await waitFor(() => !shopLinks(proj.shop).some((r) => r.customer_id === bobAcme.customer_id), 15_000, 'the removal to reach the shop');
    expect(shopLinks(proj.shop)).toEqual([{ customer_id: customerId('ann@x.com'), account_id: account('Globex'), is_primary: 1 }]);
  });
});

/** The shop's customers_accounts rows, read while the runner may be writing. */
function shopLinks(shop: string): Row[] {
  const db = new Database(shop, { readonly: true });
  try {
    db.pragma('busy_timeout = 5000');
    return db.prepare('SELECT * FROM customers_accounts ORDER BY 1, 2').all() as Row[];
  } finally {
    db.close();
  }
}
