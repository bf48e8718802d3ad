// An association write the app refuses is kept per edge (category, message, attempts), shown as
// failing in status, tried again on every pass, and written once the app takes it.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { type World, assocSync, associationStatus, exec, idOf, pass, startWorld, table, tempDir } from './helpers.js';

const PEOPLE = [{ email: 'ann@x.com', firstname: 'Ann', lastname: 'A', phone: '1' }];

let w: World | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

function failingRows(statePath: string): { side: string; op: string; category: string; message: string; attempts: number }[] {
  const db = new Database(statePath, { readonly: true });
  try {
    return db.prepare('SELECT side, op, category, message, attempts FROM association_failing').all() as { side: string; op: string; category: string; message: string; attempts: number }[];
  } finally {
    db.close();
  }
}

describe('failing association writes', () => {
  it('are kept per edge, shown in status, retried on every pass, and written once the app takes them', async () => {
    const sync = assocSync({}, [{ from: 'contacts', to: 'companies' }]);
    const world = (w = await startWorld(tempDir(), sync, {
      contacts: PEOPLE,
      companies: [{ name: 'Acme', domain: 'acme.com' }],
      contacts_companies: [{ contact_id: 1, company_id: 1, is_primary: 1 }],
    }, { customers: PEOPLE }));
    exec(world.appPath, "CREATE TRIGGER no_links BEFORE INSERT ON customers_accounts BEGIN SELECT RAISE(ABORT, 'links are frozen for the audit'); END");

    const first = await pass(world, sync);
    expect(first.associations[0]).toMatchObject({ failing: 1, added: { app: 0 } });
    expect(first.failures).toBe(0);
    expect(failingRows(world.statePath)).toEqual([{ side: 'app', op: 'add', category: 'conflict_at_app', message: expect.stringContaining('links are frozen for the audit') as string, attempts: 1 }]);
    expect((await associationStatus(world.dir))[0]).toMatchObject({ synced: 0, inQueue: 0, failing: 1, failingByCategory: { conflict_at_app: 1 } });

    await pass(world, sync);
    expect(failingRows(world.statePath)).toMatchObject([{ attempts: 2 }]);

    exec(world.appPath, 'DROP TRIGGER no_links');
    const fixed = await pass(world, sync);
    expect(fixed.associations[0]).toMatchObject({ failing: 0, added: { app: 1 } });
    expect(failingRows(world.statePath)).toEqual([]);
    expect(table(world.appPath, 'customers_accounts')).toEqual([{ customer_id: idOf(world.appPath, 'customers', 'email', 'ann@x.com'), account_id: idOf(world.appPath, 'accounts', 'name', 'Acme'), is_primary: 1 }]);
    expect((await associationStatus(world.dir))[0]).toMatchObject({ synced: 1, failing: 0 });
  });
});
