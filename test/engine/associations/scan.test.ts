// For an app whose connector can scan its edges (SQLite link tables), every incremental pass
// diffs them with the base in the state store: a row deleted straight from a link table, with
// no record changing, is noticed, and only the from records that differ are re-read.
import { afterEach, describe, expect, it } from 'vitest';
import { type Row, type World, assocSync, exec, idOf, pass, startWorld, table, tempDir } from './helpers.js';

const N = 5;
const PEOPLE: Row[] = Array.from({ length: N }, (_, i) => ({ email: `p${i + 1}@x.com`, firstname: `P${i + 1}`, lastname: 'L', phone: `${i}` }));
const COMPANIES: Row[] = [{ name: 'Acme', domain: 'acme.com' }, { name: 'Globex', domain: 'globex.io' }];

let w: World | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

describe('scan diff', () => {
  it('catches rows deleted straight from the app\'s link tables, re-reading only the records that differ', async () => {
    const sync = assocSync();
    const world = (w = await startWorld(tempDir(), sync, {
      contacts: PEOPLE,
      companies: COMPANIES,
      deals: [{ dealname: 'Big deal', amount: 1 }, { dealname: 'Small deal', amount: 2 }],
      contacts_companies: PEOPLE.map((_, i) => ({ contact_id: i + 1, company_id: 1 + (i % 2), is_primary: 1 })),
      deals_contacts: PEOPLE.flatMap((_, i) => [{ deal_id: 1, contact_id: i + 1 }, { deal_id: 2, contact_id: i + 1 }]),
    }, { customers: PEOPLE }));
    await pass(world, sync);
    expect(table(world.appPath, 'customers_accounts')).toHaveLength(N);
    expect(table(world.appPath, 'opportunities_customers')).toHaveLength(2 * N);

    const p3 = { hub: idOf(world.hubPath, 'contacts', 'email', 'p3@x.com'), app: idOf(world.appPath, 'customers', 'email', 'p3@x.com') };
    const small = { hub: idOf(world.hubPath, 'deals', 'dealname', 'Small deal'), app: idOf(world.appPath, 'opportunities', 'dealname', 'Small deal') };
    const before = table(world.appPath, 'customers').find((r) => r.id === p3.app)?.updated_at;
    expect(exec(world.appPath, 'DELETE FROM customers_accounts WHERE customer_id = ?', p3.app)).toBe(1);
    expect(exec(world.appPath, 'DELETE FROM opportunities_customers WHERE opportunity_id = ? AND customer_id = ?', small.app, p3.app)).toBe(1);
    // No record changed: only the link tables did.
    expect(table(world.appPath, 'customers').find((r) => r.id === p3.app)?.updated_at).toBe(before);

    const report = await pass(world, sync);
    expect(report.objects.every((o) => o.seen.hub + o.seen.app === 0)).toBe(true);
    expect(table(world.hubPath, 'contacts_companies').filter((r) => r.contact_id === p3.hub)).toEqual([]);
    expect(table(world.hubPath, 'deals_contacts').filter((r) => r.deal_id === small.hub).map((r) => r.contact_id)).not.toContain(p3.hub);
    expect(table(world.hubPath, 'deals_contacts')).toHaveLength(2 * N - 1);
    const byName = new Map(report.associations.map((a) => [a.association, a]));
    expect(byName.get('contacts->companies')).toMatchObject({ checked: 1, removed: { hub: 1, app: 0 }, added: { hub: 0, app: 0 } });
    expect(byName.get('deals->contacts')).toMatchObject({ checked: 1, removed: { hub: 1, app: 0 }, added: { hub: 0, app: 0 } });

    // In step again: the next scan finds nothing to re-read.
    const quiet = await pass(world, sync);
    expect(quiet.associations.map((a) => a.checked)).toEqual([0, 0]);
  });
});
