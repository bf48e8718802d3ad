// Associations the sync does not cover are left alone and never fail a record: a kind the
// sync's `associations` does not list, an association to an object the sync does not have,
// and a kind one of the apps does not hold.
import { afterEach, describe, expect, it } from 'vitest';
import { type Row, type World, assocSync, edit, exec, indexRows, makeSync, pass, startWorld, syncObject, table, tempDir } from './helpers.js';

const PEOPLE: Row[] = [
  { email: 'ann@x.com', firstname: 'Ann', lastname: 'A', phone: '1' },
  { email: 'bob@x.com', firstname: 'Bob', lastname: 'B', phone: '2' },
];
const HUB = {
  contacts: PEOPLE,
  companies: [{ name: 'Acme', domain: 'acme.com' }],
  deals: [{ dealname: 'Big deal', amount: 100 }],
  contacts_companies: [{ contact_id: 1, company_id: 1, is_primary: 1 }],
  deals_contacts: [{ deal_id: 1, contact_id: 1 }, { deal_id: 1, contact_id: 2 }, { deal_id: 7, contact_id: 99 }],
};

let w: World | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

function noFailures(world: World): void {
  for (const side of ['hub', 'app'] as const) {
    expect(indexRows(world.statePath, 'crm-shop', side).filter((r) => r.status !== 'in-sync')).toEqual([]);
  }
}

describe('associations the sync does not cover', () => {
  it('a kind the sync does not list, and associations to an object the sync does not have, are left alone', async () => {
    // deals sync, but only contacts→companies is listed; the hub also links deals the app never sees.
    const sync = assocSync({}, [{ from: 'contacts', to: 'companies' }]);
    const world = (w = await startWorld(tempDir(), sync, HUB, { customers: PEOPLE }));
    const report = await pass(world, sync);
    expect(report.associations.map((a) => a.association)).toEqual(['contacts->companies']);
    expect(report.failures).toBe(0);
    expect(table(world.appPath, 'opportunities_customers')).toEqual([]);
    expect(table(world.hubPath, 'deals_contacts')).toHaveLength(3);
    expect(table(world.appPath, 'customers_accounts')).toHaveLength(1);
    noFailures(world);
  });

  it('a sync without the deals object leaves the deals\' associations of its contacts alone', async () => {
    const sync = makeSync([syncObject('contacts', 'customers'), syncObject('companies', 'accounts')], { associations: [{ from: 'contacts', to: 'companies' }] });
    const world = (w = await startWorld(tempDir(), sync, HUB, { customers: PEOPLE }));
    const report = await pass(world, sync);
    expect(report).toMatchObject({ failures: 0, caughtUp: true });
    expect(table(world.hubPath, 'deals_contacts')).toHaveLength(3);
    expect(table(world.appPath, 'opportunities')).toEqual([]);
    noFailures(world);
  });

  it('a listed kind one app does not hold is skipped with the reason; the records still sync', async () => {
    const sync = assocSync();
    const world = (w = await startWorld(tempDir(), sync, HUB, { customers: PEOPLE }));
    exec(world.appPath, 'DROP TABLE opportunities_customers');
    const report = await pass(world, sync);
    expect(report.associations.find((a) => a.association === 'deals->contacts')).toMatchObject({ skipped: 'the app connection keeps no opportunities→customers associations; left alone', checked: 0 });
    expect(report.associations.find((a) => a.association === 'contacts->companies')).toMatchObject({ reconciled: true, added: { app: 1 } });
    expect(report).toMatchObject({ failures: 0, caughtUp: true });
    expect(table(world.hubPath, 'deals_contacts')).toHaveLength(3);
    noFailures(world);
    // Changed deals and contacts are noted for the associations that read them; the skipped one keeps none.
    edit(world.hubPath, 'deals', 1, { amount: 150 });
    edit(world.hubPath, 'contacts', 2, { phone: '22' });
    await pass(world, sync);
    const touched = world.store.database.prepare('SELECT association, count(*) AS n FROM association_touched GROUP BY association').all();
    expect(touched).toEqual([]);
  });

  it('an association removed from the definition has its state dropped by the next pass', async () => {
    const sync = assocSync();
    const world = (w = await startWorld(tempDir(), sync, HUB, { customers: PEOPLE }));
    await pass(world, sync);
    const count = (name: string) => (world.store.database.prepare('SELECT count(*) AS n FROM association_base WHERE association = ?').get(name) as { n: number }).n;
    expect(count('deals->contacts')).toBe(2);
    const fewer = assocSync({}, [{ from: 'contacts', to: 'companies' }]);
    await pass(world, fewer);
    expect(count('deals->contacts')).toBe(0);
    expect(count('contacts->companies')).toBe(1);
    expect(world.store.database.prepare('SELECT association FROM association_checkpoints').all()).toEqual([{ association: 'contacts->companies' }]);
  });
});
