// resync-deleted restores the associations of the records it recreates: while a record is
// deleted on one side its associations are left alone (the surviving side keeps them), and once
// it is recreated the surviving side's edges come back to it, as from record and as target.
import { afterEach, describe, expect, it } from 'vitest';
import { openWorld } from '../engine/helpers.js';
import { type Row, type World, assocSync, cli, exec, idOf, indexRows, pass, startWorld, table, tempDir } from '../engine/associations/helpers.js';

const PEOPLE: Row[] = [
  { email: 'ann@x.com', firstname: 'Ann', lastname: 'A', phone: '1' },
  { email: 'bob@x.com', firstname: 'Bob', lastname: 'B', phone: '2' },
];

let w: World | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

describe('resync-deleted and associations', () => {
  it('records deleted in the app keep their associations in the hub, and get them back when recreated', async () => {
    const sync = assocSync();
    const dir = tempDir();
    w = await startWorld(dir, sync, {
      contacts: PEOPLE,
      companies: [{ name: 'Acme', domain: 'acme.com' }, { name: 'Globex', domain: 'globex.io' }],
      deals: [{ dealname: 'Big deal', amount: 1 }],
      contacts_companies: [{ contact_id: 1, company_id: 1, is_primary: 1 }, { contact_id: 2, company_id: 2, is_primary: 1 }],
      deals_contacts: [{ deal_id: 1, contact_id: 1 }, { deal_id: 1, contact_id: 2 }],
    }, { customers: PEOPLE });
    await pass(w, sync);
    const hubLinks = { companies: table(w.hubPath, 'contacts_companies'), deals: table(w.hubPath, 'deals_contacts') };
    expect(table(w.appPath, 'customers_accounts')).toHaveLength(2);
    expect(table(w.appPath, 'opportunities_customers')).toHaveLength(2);

    // Ann and Globex are deleted in the app, their link rows with them (as a foreign key's cascade would).
    const ann = idOf(w.appPath, 'customers', 'email', 'ann@x.com');
    const globex = idOf(w.appPath, 'accounts', 'name', 'Globex');
    exec(w.appPath, 'DELETE FROM customers_accounts WHERE customer_id = ? OR account_id = ?', ann, globex);
    exec(w.appPath, 'DELETE FROM opportunities_customers WHERE customer_id = ?', ann);
    exec(w.appPath, 'DELETE FROM customers WHERE id = ?', ann);
    exec(w.appPath, 'DELETE FROM accounts WHERE id = ?', globex);
    await pass(w, sync, { kind: 'push', side: 'app', object: 'customers', ids: [String(ann)] });
    const marked = await pass(w, sync, { kind: 'push', side: 'app', object: 'accounts', ids: [String(globex)] });
    expect(indexRows(w.statePath, 'crm-shop', 'hub').filter((r) => r.category === 'deleted_in_app').map((r) => r.record_id).sort()).toEqual(['1', '2']);
    // Left alone: the hub keeps every association of the deleted records, on later polls too.
    expect(marked.associations.every((a) => a.removed.hub === 0)).toBe(true);
    await pass(w, sync);
    expect(table(w.hubPath, 'contacts_companies')).toEqual(hubLinks.companies);
    expect(table(w.hubPath, 'deals_contacts')).toEqual(hubLinks.deals);

    await w.close();
    w = undefined;
    const r = await cli(dir, ['resync-deleted', 'crm-shop', '--in', 'app', '--yes', '--state', 'state.db']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Recreated 2 records in the app/);
    expect(r.stdout).toContain('Associations contacts->companies: restored 2 (2 in the app).');
    expect(r.stdout).toContain('Associations deals->contacts: restored 1 (1 in the app).');

    w = await openWorld(dir);
    const now = {
      ann: idOf(w.appPath, 'customers', 'email', 'ann@x.com'),
      bob: idOf(w.appPath, 'customers', 'email', 'bob@x.com'),
      acme: idOf(w.appPath, 'accounts', 'name', 'Acme'),
      globex: idOf(w.appPath, 'accounts', 'name', 'Globex'),
      deal: idOf(w.appPath, 'opportunities', 'dealname', 'Big deal'),
    };
    expect(now.ann).not.toBe(ann);
    // (Globex may get its old id back: SQLite hands out the next rowid after the highest left.)
    expect(table(w.appPath, 'customers_accounts')).toEqual([
      { customer_id: now.ann, account_id: now.acme, is_primary: 1 },
      { customer_id: now.bob, account_id: now.globex, is_primary: 1 },
    ].sort((a, b) => a.customer_id - b.customer_id));
    expect(table(w.appPath, 'opportunities_customers')).toEqual([
      { opportunity_id: now.deal, customer_id: now.ann },
      { opportunity_id: now.deal, customer_id: now.bob },
    ].sort((a, b) => a.customer_id - b.customer_id));
    // In step: the next pass writes nothing anywhere, and the hub never lost anything.
    const next = await pass(w, sync);
    expect(next.associations.map((a) => [a.added, a.removed])).toEqual([
      [{ hub: 0, app: 0 }, { hub: 0, app: 0 }],
      [{ hub: 0, app: 0 }, { hub: 0, app: 0 }],
    ]);
    expect(table(w.hubPath, 'contacts_companies')).toEqual(hubLinks.companies);
    expect(table(w.hubPath, 'deals_contacts')).toEqual(hubLinks.deals);
  });

  it('a contact deleted in the hub gets its associations back from the app under its new hub id', async () => {
    const sync = assocSync();
    const dir = tempDir();
    // Cy comes last, so Bob's recreated row cannot get his old rowid back.
    const people = [...PEOPLE, { email: 'cy@x.com', firstname: 'Cy', lastname: 'C', phone: '3' }];
    w = await startWorld(dir, sync, {
      contacts: people,
      companies: [{ name: 'Acme', domain: 'acme.com' }],
      deals: [{ dealname: 'Big deal', amount: 1 }],
      contacts_companies: [{ contact_id: 2, company_id: 1, is_primary: 1 }],
      deals_contacts: [{ deal_id: 1, contact_id: 1 }, { deal_id: 1, contact_id: 2 }],
    }, { customers: people });
    await pass(w, sync);
    const appLinks = { companies: table(w.appPath, 'customers_accounts'), deals: table(w.appPath, 'opportunities_customers') };
    const bob = idOf(w.hubPath, 'contacts', 'email', 'bob@x.com');
    exec(w.hubPath, 'DELETE FROM contacts_companies WHERE contact_id = ?', bob);
    exec(w.hubPath, 'DELETE FROM deals_contacts WHERE contact_id = ?', bob);
    exec(w.hubPath, 'DELETE FROM contacts WHERE id = ?', bob);
    await pass(w, sync, { kind: 'push', side: 'hub', object: 'contacts', ids: [String(bob)] });
    await pass(w, sync);
    expect(table(w.appPath, 'customers_accounts')).toEqual(appLinks.companies);
    expect(table(w.appPath, 'opportunities_customers')).toEqual(appLinks.deals);

    await w.close();
    w = undefined;
    const r = await cli(dir, ['resync-deleted', 'crm-shop', '--in', 'hub', '--yes', '--state', 'state.db']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Associations contacts->companies: restored 1 (1 in the hub).');
    expect(r.stdout).toContain('Associations deals->contacts: restored 1 (1 in the hub).');
    w = await openWorld(dir);
    const bobNow = idOf(w.hubPath, 'contacts', 'email', 'bob@x.com');
    const ann = idOf(w.hubPath, 'contacts', 'email', 'ann@x.com');
    expect(bobNow).not.toBe(bob);
    expect(table(w.hubPath, 'contacts_companies')).toEqual([{ contact_id: bobNow, company_id: idOf(w.hubPath, 'companies', 'name', 'Acme'), is_primary: 1 }]);
    expect(table(w.hubPath, 'deals_contacts')).toEqual([{ deal_id: 1, contact_id: ann }, { deal_id: 1, contact_id: bobNow }]);
    const next = await pass(w, sync);
    expect(next.associations.every((a) => a.added.hub + a.added.app + a.removed.hub + a.removed.app === 0)).toBe(true);
    expect(table(w.appPath, 'customers_accounts')).toEqual(appLinks.companies);
    expect(table(w.appPath, 'opportunities_customers')).toEqual(appLinks.deals);
  });
});
