// Associations kept in step incrementally: an edge added and removed on each side, for a set
// kind (deals→contacts) and for the primary company; without `scan`, around the records that
// changed; and the ends of a pass that was stopped early wait for the next one.
import { afterEach, describe, expect, it } from 'vitest';
import type { Connector } from '../../../src/connectors/types.js';
import { runIncrementalPass } from '../../../src/engine/incremental/index.js';
import { noteAssociationChange } from '../../../src/runner/incremental-adapter.js';
import { type Row, type World, assocSync, edit, exec, idOf, pass, silent, startWorld, table, tempDir } from './helpers.js';

const PEOPLE: Row[] = [
  { email: 'ann@x.com', firstname: 'Ann', lastname: 'A', phone: '1' },
  { email: 'bob@x.com', firstname: 'Bob', lastname: 'B', phone: '2' },
];
const COMPANIES: Row[] = [{ name: 'Acme', domain: 'acme.com' }, { name: 'Globex', domain: 'globex.io' }];

let w: World | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

/** One deal with Ann in the hub; the app has the people and the companies, nothing linked. */
async function build(): Promise<World> {
  w = await startWorld(tempDir(), assocSync(), { contacts: PEOPLE, companies: COMPANIES, deals: [{ dealname: 'Big deal', amount: 100 }], deals_contacts: [{ deal_id: 1, contact_id: 1 }] }, { customers: PEOPLE, accounts: COMPANIES });
  return w;
}

function ids(world: World) {
  return {
    hub: { deal: idOf(world.hubPath, 'deals', 'dealname', 'Big deal'), ann: idOf(world.hubPath, 'contacts', 'email', 'ann@x.com'), bob: idOf(world.hubPath, 'contacts', 'email', 'bob@x.com'), acme: idOf(world.hubPath, 'companies', 'name', 'Acme') },
    app: { deal: idOf(world.appPath, 'opportunities', 'dealname', 'Big deal'), ann: idOf(world.appPath, 'customers', 'email', 'ann@x.com'), bob: idOf(world.appPath, 'customers', 'email', 'bob@x.com'), acme: idOf(world.appPath, 'accounts', 'name', 'Acme') },
  };
}

/** A connector without `scan`: associations are re-read only around what changed. */
function withoutScan(inner: Connector): Connector {
  const api = inner.associations;
  if (!api) throw new Error('no associations');
  return {
    describe: (o) => inner.describe(o), list: (o, x) => inner.list(o, x), read: (o, i, p) => inner.read(o, i, p), changes: (o, s, x) => inner.changes(o, s, x),
    create: (o, i) => inner.create(o, i), update: (o, i) => inner.update(o, i), close: () => inner.close(),
    associations: { supports: (k) => api.supports(k), read: (k, i) => api.read(k, i), readReverse: (k, i) => api.readReverse(k, i), add: (k, e) => api.add(k, e), remove: (k, e) => api.remove(k, e) },
  };
}

describe('incremental associations', () => {
  it('a set kind: an edge added and removed on each side reaches the other side', async () => {
    const sync = assocSync();
    const world = await build();
    await pass(world, sync);
    const id = ids(world);
    expect(table(world.appPath, 'opportunities_customers')).toEqual([{ opportunity_id: id.app.deal, customer_id: id.app.ann }]);

    exec(world.hubPath, 'INSERT INTO deals_contacts (deal_id, contact_id) VALUES (?, ?)', id.hub.deal, id.hub.bob);
    const added = await pass(world, sync);
    expect(table(world.appPath, 'opportunities_customers')).toEqual([{ opportunity_id: id.app.deal, customer_id: id.app.ann }, { opportunity_id: id.app.deal, customer_id: id.app.bob }]);
    expect(added.associations.find((a) => a.association === 'deals->contacts')).toMatchObject({ added: { hub: 0, app: 1 }, removed: { hub: 0, app: 0 } });

    exec(world.hubPath, 'DELETE FROM deals_contacts WHERE contact_id = ?', id.hub.ann);
    await pass(world, sync);
    expect(table(world.appPath, 'opportunities_customers')).toEqual([{ opportunity_id: id.app.deal, customer_id: id.app.bob }]);

    exec(world.appPath, 'INSERT INTO opportunities_customers (opportunity_id, customer_id) VALUES (?, ?)', id.app.deal, id.app.ann);
    await pass(world, sync);
    expect(table(world.hubPath, 'deals_contacts')).toEqual([{ deal_id: id.hub.deal, contact_id: id.hub.ann }, { deal_id: id.hub.deal, contact_id: id.hub.bob }]);

    exec(world.appPath, 'DELETE FROM opportunities_customers WHERE customer_id = ?', id.app.bob);
    const removed = await pass(world, sync);
    expect(table(world.hubPath, 'deals_contacts')).toEqual([{ deal_id: id.hub.deal, contact_id: id.hub.ann }]);
    expect(table(world.appPath, 'opportunities_customers')).toEqual([{ opportunity_id: id.app.deal, customer_id: id.app.ann }]);
    expect(removed.associations.find((a) => a.association === 'deals->contacts')).toMatchObject({ added: { hub: 0, app: 0 }, removed: { hub: 1, app: 0 } });
  });

  it('the primary company: added and removed on each side', async () => {
    const sync = assocSync();
    const world = await build();
    await pass(world, sync);
    const id = ids(world);
    exec(world.hubPath, 'INSERT INTO contacts_companies (contact_id, company_id, is_primary) VALUES (?, ?, 1)', id.hub.bob, id.hub.acme);
    await pass(world, sync);
    expect(table(world.appPath, 'customers_accounts')).toEqual([{ customer_id: id.app.bob, account_id: id.app.acme, is_primary: 1 }]);

    exec(world.hubPath, 'DELETE FROM contacts_companies WHERE contact_id = ?', id.hub.bob);
    await pass(world, sync);
    expect(table(world.appPath, 'customers_accounts')).toEqual([]);

    exec(world.appPath, 'INSERT INTO customers_accounts (customer_id, account_id, is_primary) VALUES (?, ?, 1)', id.app.ann, id.app.acme);
    await pass(world, sync);
    expect(table(world.hubPath, 'contacts_companies')).toEqual([{ contact_id: id.hub.ann, company_id: id.hub.acme, is_primary: 1 }]);

    exec(world.appPath, 'DELETE FROM customers_accounts WHERE customer_id = ?', id.app.ann);
    await pass(world, sync);
    expect(table(world.hubPath, 'contacts_companies')).toEqual([]);
  });

  it('without scan, the associations of records that changed are re-read (and only theirs)', async () => {
    const sync = assocSync();
    const world = await build();
    const hub = withoutScan(world.hub);
    const app = withoutScan(world.app);
    await pass(world, sync, { kind: 'poll' }, { hub, app });
    const id = ids(world);
    // Two new edges; only Bob's record changes.
    exec(world.hubPath, 'INSERT INTO contacts_companies (contact_id, company_id, is_primary) VALUES (?, ?, 1)', id.hub.bob, id.hub.acme);
    exec(world.hubPath, 'INSERT INTO contacts_companies (contact_id, company_id, is_primary) VALUES (?, ?, 1)', id.hub.ann, id.hub.acme);
    await pass(world, sync, { kind: 'poll' }, { hub, app });
    expect(table(world.appPath, 'customers_accounts')).toEqual([]);
    edit(world.hubPath, 'contacts', id.hub.bob, { phone: '22' });
    await pass(world, sync, { kind: 'poll' }, { hub, app });
    expect(table(world.appPath, 'customers_accounts')).toEqual([{ customer_id: id.app.bob, account_id: id.app.acme, is_primary: 1 }]);
    // A pushed record of the app side counts too (its to-side: an account changed).
    edit(world.appPath, 'accounts', id.app.acme, { city: 'Springfield' });
    await pass(world, sync, { kind: 'push', side: 'app', object: 'accounts', ids: [String(id.app.acme)] }, { hub, app });
    expect(table(world.appPath, 'customers_accounts')).toEqual([
      { customer_id: id.app.ann, account_id: id.app.acme, is_primary: 1 },
      { customer_id: id.app.bob, account_id: id.app.acme, is_primary: 1 },
    ]);
    // A webhook's association event (no record changed) is noted for the next pass.
    exec(world.appPath, 'INSERT INTO opportunities_customers (opportunity_id, customer_id) VALUES (?, ?)', id.app.deal, id.app.bob);
    await pass(world, sync, { kind: 'poll' }, { hub, app });
    expect(table(world.hubPath, 'deals_contacts')).toEqual([{ deal_id: id.hub.deal, contact_id: id.hub.ann }]);
    await noteAssociationChange(world.index, sync, 'app', 'opportunities', [String(id.app.deal)]);
    await pass(world, sync, { kind: 'poll' }, { hub, app });
    expect(table(world.hubPath, 'deals_contacts')).toEqual([{ deal_id: id.hub.deal, contact_id: id.hub.ann }, { deal_id: id.hub.deal, contact_id: id.hub.bob }]);
  });

  it('records changed in a pass that stops before its associations are handled by the next pass', async () => {
    const sync = assocSync();
    const world = await build();
    const hub = withoutScan(world.hub);
    const app = withoutScan(world.app);
    await pass(world, sync, { kind: 'poll' }, { hub, app });
    const id = ids(world);
    exec(world.hubPath, 'INSERT INTO contacts_companies (contact_id, company_id, is_primary) VALUES (?, ?, 1)', id.hub.bob, id.hub.acme);
    edit(world.hubPath, 'contacts', id.hub.bob, { phone: '22' });
    // The stop arrives once the records are written, before the association share of the pass.
    const stop = new AbortController();
    const stopAfterUpdate = (c: Connector): Connector => ({ ...c, update: async (o, i) => { const r = await c.update(o, i); stop.abort(); return r; } });
    const stopped = await runIncrementalPass({ sync, hub: stopAfterUpdate(hub), app: stopAfterUpdate(app), index: world.index, logger: silent, trigger: { kind: 'poll' }, signal: stop.signal, tuning: { retryBaseMs: 2, leaseWaitMs: 0 } });
    expect(stopped.caughtUp).toBe(false);
    expect(table(world.appPath, 'customers_accounts')).toEqual([]);
    await pass(world, sync, { kind: 'poll' }, { hub, app });
    expect(table(world.appPath, 'customers_accounts')).toEqual([{ customer_id: id.app.bob, account_id: id.app.acme, is_primary: 1 }]);
  });

  it('a record deleted with its link rows, before its deletion is noticed, takes no association away from the other side', async () => {
    const sync = assocSync();
    const world = await build();
    const id = ids(world);
    exec(world.hubPath, 'INSERT INTO contacts_companies (contact_id, company_id, is_primary) VALUES (?, ?, 1)', id.hub.ann, id.hub.acme);
    await pass(world, sync);
    expect(table(world.appPath, 'customers_accounts')).toHaveLength(1);
    expect(table(world.appPath, 'opportunities_customers')).toHaveLength(1);
    const hubLinks = { companies: table(world.hubPath, 'contacts_companies'), deals: table(world.hubPath, 'deals_contacts') };

    // Ann vanishes from the app with her link rows; a poll does not see deletions.
    exec(world.appPath, 'DELETE FROM customers_accounts WHERE customer_id = ?', id.app.ann);
    exec(world.appPath, 'DELETE FROM opportunities_customers WHERE customer_id = ?', id.app.ann);
    exec(world.appPath, 'DELETE FROM customers WHERE id = ?', id.app.ann);
    const polled = await pass(world, sync);
    expect(polled.associations.map((a) => a.removed)).toEqual([{ hub: 0, app: 0 }, { hub: 0, app: 0 }]);
    expect(table(world.hubPath, 'contacts_companies')).toEqual(hubLinks.companies);
    expect(table(world.hubPath, 'deals_contacts')).toEqual(hubLinks.deals);

    // Once the deletion is noticed the link is marked, and the associations stay left alone.
    await pass(world, sync, { kind: 'push', side: 'app', object: 'customers', ids: [String(id.app.ann)] });
    await pass(world, sync);
    expect(table(world.hubPath, 'contacts_companies')).toEqual(hubLinks.companies);
    expect(table(world.hubPath, 'deals_contacts')).toEqual(hubLinks.deals);
  });
});
