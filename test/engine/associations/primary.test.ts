// contacts→companies syncs only each contact's primary company: the full reconciliation after
// the initial sync, conflicts on the primary, and the direction.
import { afterEach, describe, expect, it } from 'vitest';
import { type Row, type World, assocSync, exec, idOf, pass, startWorld, table, tempDir } from './helpers.js';

const PEOPLE: Row[] = [
  { email: 'ann@x.com', firstname: 'Ann', lastname: 'A', phone: '1' },
  { email: 'bob@x.com', firstname: 'Bob', lastname: 'B', phone: '2' },
];
const COMPANIES: Row[] = [
  { name: 'Acme', domain: 'acme.com' },
  { name: 'Globex', domain: 'globex.io' },
  { name: 'Initech', domain: 'initech.com' },
];

let w: World | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

/** Ann has three companies in the hub, Globex her primary; the app has the people and no companies. */
async function build(sync = assocSync()): Promise<World> {
  const dir = tempDir();
  w = await startWorld(dir, sync, { contacts: PEOPLE, companies: COMPANIES, contacts_companies: [
    { contact_id: 1, company_id: 1, is_primary: 0 },
    { contact_id: 1, company_id: 2, is_primary: 1 },
    { contact_id: 1, company_id: 3, is_primary: 0 },
  ] }, { customers: PEOPLE });
  return w;
}

/** Ids of the world's records by name. */
function ids(world: World) {
  const company = (path: string, t: string, name: string) => idOf(path, t, 'name', name);
  return {
    hub: { ann: idOf(world.hubPath, 'contacts', 'email', 'ann@x.com'), acme: company(world.hubPath, 'companies', 'Acme'), globex: company(world.hubPath, 'companies', 'Globex'), initech: company(world.hubPath, 'companies', 'Initech') },
    app: { ann: idOf(world.appPath, 'customers', 'email', 'ann@x.com'), acme: company(world.appPath, 'accounts', 'Acme'), globex: company(world.appPath, 'accounts', 'Globex'), initech: company(world.appPath, 'accounts', 'Initech') },
  };
}

/** Makes `company` the contact's primary in a link table (adding the row when absent), as an app would. */
function setPrimary(path: string, t: string, cols: [string, string], contact: number, company: number): void {
  exec(path, `UPDATE ${t} SET is_primary = 0 WHERE ${cols[0]} = ?`, contact);
  if (exec(path, `UPDATE ${t} SET is_primary = 1 WHERE ${cols[0]} = ? AND ${cols[1]} = ?`, contact, company) === 0) {
    exec(path, `INSERT INTO ${t} (${cols[0]}, ${cols[1]}, is_primary) VALUES (?, ?, 1)`, contact, company);
  }
}

describe('primary company', () => {
  it('a contact with three companies, one primary: the partner gets exactly that one, as its primary', async () => {
    const sync = assocSync();
    const world = await build(sync);
    const report = await pass(world, sync);
    const id = ids(world);
    expect(table(world.appPath, 'customers_accounts')).toEqual([{ customer_id: id.app.ann, account_id: id.app.globex, is_primary: 1 }]);
    // The hub keeps all three: nothing was removed there.
    expect(table(world.hubPath, 'contacts_companies')).toHaveLength(3);
    expect(report.associations.find((a) => a.association === 'contacts->companies')).toMatchObject({ full: true, reconciled: true, added: { hub: 0, app: 1 }, removed: { hub: 0, app: 0 }, waiting: 0, failing: 0 });
    // A second pass finds everything in step and writes nothing.
    const again = await pass(world, sync);
    expect(again.associations.find((a) => a.association === 'contacts->companies')).toMatchObject({ full: false, added: { hub: 0, app: 0 }, removed: { hub: 0, app: 0 } });
  });

  it('both sides change the primary: the conflict winner (hub by default) wins; the old synced primary, which the winner kept, stays demoted', async () => {
    const sync = assocSync();
    const world = await build(sync);
    await pass(world, sync);
    const id = ids(world);
    setPrimary(world.hubPath, 'contacts_companies', ['contact_id', 'company_id'], id.hub.ann, id.hub.initech);
    setPrimary(world.appPath, 'customers_accounts', ['customer_id', 'account_id'], id.app.ann, id.app.acme);
    await pass(world, sync);
    // The app's own Acme stays associated, no longer primary; Initech is the primary; Globex
    // (synced before) stays, demoted, as the hub kept it.
    expect(table(world.appPath, 'customers_accounts')).toEqual([
      { customer_id: id.app.ann, account_id: id.app.acme, is_primary: 0 },
      { customer_id: id.app.ann, account_id: id.app.globex, is_primary: 0 },
      { customer_id: id.app.ann, account_id: id.app.initech, is_primary: 1 },
    ]);
    expect(table(world.hubPath, 'contacts_companies').filter((r) => r.is_primary === 1)).toEqual([{ contact_id: id.hub.ann, company_id: id.hub.initech, is_primary: 1 }]);
  });

  it('a primary replaced by a company the side had not kept: the other side loses the old one (replace)', async () => {
    const sync = assocSync();
    const world = await build(sync);
    await pass(world, sync);
    const id = ids(world);
    // In the hub, Globex goes altogether and Initech becomes the primary.
    exec(world.hubPath, 'DELETE FROM contacts_companies WHERE contact_id = ? AND company_id = ?', id.hub.ann, id.hub.globex);
    setPrimary(world.hubPath, 'contacts_companies', ['contact_id', 'company_id'], id.hub.ann, id.hub.initech);
    const report = await pass(world, sync);
    expect(table(world.appPath, 'customers_accounts')).toEqual([{ customer_id: id.app.ann, account_id: id.app.initech, is_primary: 1 }]);
    expect(report.associations.find((a) => a.association === 'contacts->companies')).toMatchObject({ added: { hub: 0, app: 1 }, removed: { hub: 0, app: 1 } });
  });

  it('a primary flag cleared on one side (the edge kept): the other side keeps the edge too, demoted', async () => {
    const sync = assocSync();
    const world = await build(sync);
    await pass(world, sync);
    const id = ids(world);
    exec(world.hubPath, 'UPDATE contacts_companies SET is_primary = 0 WHERE contact_id = ?', id.hub.ann);
    await pass(world, sync);
    expect(table(world.appPath, 'customers_accounts')).toEqual([{ customer_id: id.app.ann, account_id: id.app.globex, is_primary: 0 }]);
    // In step: nothing more to write, and nothing counted as synced.
    const again = await pass(world, sync);
    expect(again.associations.find((a) => a.association === 'contacts->companies')).toMatchObject({ added: { hub: 0, app: 0 }, removed: { hub: 0, app: 0 } });
    expect(table(world.appPath, 'customers_accounts')).toEqual([{ customer_id: id.app.ann, account_id: id.app.globex, is_primary: 0 }]);
  });

  it('with the app as the contacts\' conflict winner, the app\'s primary wins', async () => {
    const sync = assocSync({ contacts: { conflictWinner: 'app' } });
    const world = await build(sync);
    await pass(world, sync);
    const id = ids(world);
    setPrimary(world.hubPath, 'contacts_companies', ['contact_id', 'company_id'], id.hub.ann, id.hub.initech);
    setPrimary(world.appPath, 'customers_accounts', ['customer_id', 'account_id'], id.app.ann, id.app.acme);
    await pass(world, sync);
    const hub = table(world.hubPath, 'contacts_companies');
    expect(hub.filter((r) => r.is_primary === 1)).toEqual([{ contact_id: id.hub.ann, company_id: id.hub.acme, is_primary: 1 }]);
    // Globex, the primary synced before, stays in the hub demoted (the app kept it too); Initech stays (not primary).
    expect(hub.map((r) => r.company_id).sort()).toEqual([id.hub.acme, id.hub.globex, id.hub.initech].sort());
    expect(table(world.appPath, 'customers_accounts').filter((r) => r.is_primary === 1)).toEqual([{ customer_id: id.app.ann, account_id: id.app.acme, is_primary: 1 }]);
  });

  it('one-way contacts (hub to app): the app\'s change never reaches the hub, the hub\'s does reach the app', async () => {
    const sync = assocSync({ contacts: { direction: 'to-app' } });
    const world = await build(sync);
    await pass(world, sync);
    const id = ids(world);
    const hubBefore = table(world.hubPath, 'contacts_companies');
    setPrimary(world.appPath, 'customers_accounts', ['customer_id', 'account_id'], id.app.ann, id.app.acme);
    await pass(world, sync);
    expect(table(world.hubPath, 'contacts_companies')).toEqual(hubBefore);
    // Nor is the app's change reverted.
    expect(table(world.appPath, 'customers_accounts').filter((r) => r.is_primary === 1)).toEqual([{ customer_id: id.app.ann, account_id: id.app.acme, is_primary: 1 }]);

    setPrimary(world.hubPath, 'contacts_companies', ['contact_id', 'company_id'], id.hub.ann, id.hub.initech);
    await pass(world, sync);
    expect(table(world.hubPath, 'contacts_companies').filter((r) => r.is_primary === 1)).toEqual([{ contact_id: id.hub.ann, company_id: id.hub.initech, is_primary: 1 }]);
    expect(table(world.appPath, 'customers_accounts').filter((r) => r.is_primary === 1)).toEqual([{ customer_id: id.app.ann, account_id: id.app.initech, is_primary: 1 }]);
  });
});
