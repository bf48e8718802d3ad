// An association whose other end is not linked waits (in queue, in status too) and completes
// once that record gets linked.
import { afterEach, describe, expect, it } from 'vitest';
import { type Row, type World, assocSync, associationStatus, cli, edit, exec, idOf, indexRows, insert, pass, startWorld, table, tempDir } from './helpers.js';

const PEOPLE: Row[] = [
  { email: 'ann@x.com', firstname: 'Ann', lastname: 'A', phone: '1' },
  { email: 'bob@x.com', firstname: 'Bob', lastname: 'B', phone: '2' },
];

let w: World | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

describe('waiting associations', () => {
  it('an edge to a record without a partner waits, shows in queue, and completes when the record gets linked', async () => {
    const sync = assocSync();
    const world = (w = await startWorld(tempDir(), sync, { contacts: PEOPLE }, { customers: PEOPLE }));
    await pass(world, sync);
    const ann = { hub: idOf(world.hubPath, 'contacts', 'email', 'ann@x.com'), app: idOf(world.appPath, 'customers', 'email', 'ann@x.com') };

    // An account with neither name nor domain cannot be matched: it is excluded, so never linked.
    const nameless = insert(world.appPath, 'accounts', { city: 'Nowhere' });
    exec(world.appPath, 'INSERT INTO customers_accounts (customer_id, account_id, is_primary) VALUES (?, ?, 1)', ann.app, nameless);
    const report = await pass(world, sync);
    expect(indexRows(world.statePath, 'crm-shop', 'app').find((r) => r.record_id === String(nameless))).toMatchObject({ status: 'excluded', partner_id: null });
    expect(report.associations.find((a) => a.association === 'contacts->companies')).toMatchObject({ waiting: 1, failing: 0, added: { hub: 0, app: 0 } });
    expect(table(world.hubPath, 'contacts_companies')).toEqual([]);
    expect(await associationStatus(world.dir)).toEqual([
      { association: 'contacts->companies', from: 'contacts', to: 'companies', primaryOnly: true, synced: 0, inQueue: 1, failing: 0, failingByCategory: {}, reconciled: true },
      { association: 'deals->contacts', from: 'deals', to: 'contacts', primaryOnly: false, synced: 0, inQueue: 0, failing: 0, failingByCategory: {}, reconciled: true },
    ]);
    const text = await cli(world.dir, ['status', 'crm-shop', '--state', 'state.db']);
    expect(text.stdout).toMatch(/contacts → companies\s+0\s+1\s+0/);
    expect(text.stdout).toContain('waiting for the associated record to be linked (association_target_not_synced)');

    // Still waiting on the next pass: nothing changed.
    expect((await pass(world, sync)).associations[0]).toMatchObject({ waiting: 1 });

    // Named now: the account is created in the hub, linked, and the waiting edge completes.
    edit(world.appPath, 'accounts', nameless, { name: 'Zeta', domain: 'zeta.io' });
    const done = await pass(world, sync);
    const zeta = idOf(world.hubPath, 'companies', 'name', 'Zeta');
    expect(table(world.hubPath, 'contacts_companies')).toEqual([{ contact_id: ann.hub, company_id: zeta, is_primary: 1 }]);
    expect(done.associations[0]).toMatchObject({ waiting: 0, added: { hub: 1, app: 0 } });
    expect((await associationStatus(world.dir))[0]).toMatchObject({ synced: 1, inQueue: 0, failing: 0 });
  });
});
