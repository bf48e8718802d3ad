// A pass that stops for good in the middle of a create (the process died) leaves an intent; the
// next pass finds what was created and links it, or creates what never was: never twice.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Connector, CreateInput, WriteResult } from '../../../src/connectors/types.js';
import { createApp, counting, indexRows, initialSync, insert, makeSync, pass, rows, syncObject, tempDir, type World } from './helpers.js';

let w: World | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

/** A connector whose creates never return: before or after the records are really created. */
function dying(inner: Connector, when: 'before' | 'after'): Connector {
  const { connector } = counting(inner);
  return {
    ...connector,
    async create(o: string, inputs: readonly CreateInput[]): Promise<WriteResult[]> {
      if (when === 'after') await inner.create(o, inputs);
      return new Promise<WriteResult[]>(() => undefined);
    },
  };
}

const DEALS = `(id INTEGER PRIMARY KEY, dealname TEXT, amount REAL, updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))`;
const CONTACTS = `(id INTEGER PRIMARY KEY, email TEXT, firstname TEXT, updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))`;
const syncs = {
  contacts: makeSync([syncObject('contacts', 'customers')]),
  // No match keys: a create is found again only by the hash of the values it wrote.
  deals: makeSync([syncObject('deals', 'orders', { match: [] })]),
};

async function world(object: keyof typeof syncs): Promise<World> {
  const dir = tempDir();
  createApp(join(dir, 'crm.db'), { contacts: { ddl: `CREATE TABLE contacts ${CONTACTS}` }, deals: { ddl: `CREATE TABLE deals ${DEALS}` } });
  createApp(join(dir, 'shop.db'), { customers: { ddl: `CREATE TABLE customers ${CONTACTS}` }, orders: { ddl: `CREATE TABLE orders ${DEALS}` } });
  w = await initialSync(dir, syncs[object]);
  return w;
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error('the doomed pass never got there');
}

const cases = (['contacts', 'deals'] as const).flatMap((object) => (['before', 'after'] as const).map((when) => ({ object, when })));

describe('a pass that dies during a create', () => {
  it.each(cases)('given a $object create died $when the app made it, when the next pass runs, then it exists once and is linked', async ({ object, when }) => {
    const w = await world(object);
    const sync = syncs[object];
    const [table, appTable] = object === 'contacts' ? ['contacts', 'customers'] : ['deals', 'orders'];
    insert(w.hubPath, table, object === 'contacts' ? { email: 'new@x.com', firstname: 'New' } : { dealname: 'Big deal', amount: 100 });
    insert(w.hubPath, table, object === 'contacts' ? { email: 'two@x.com', firstname: 'Two' } : { dealname: 'Small deal', amount: 5 });
    void pass(w, sync, { kind: 'poll' }, { app: dying(w.app, when) });
    const intents = w.store.database.prepare('SELECT count(*) AS n FROM record_intents');
    await until(() => (intents.get() as { n: number }).n > 0 && (when === 'before' || rows(w.appPath, appTable).length === 2));

    const report = await pass(w, sync);
    expect(report.failures).toBe(0);
    expect(rows(w.appPath, appTable)).toHaveLength(2);
    expect(rows(w.appPath, appTable).map((r) => r.email ?? r.dealname).sort()).toEqual(object === 'contacts' ? ['new@x.com', 'two@x.com'] : ['Big deal', 'Small deal']);
    for (const side of ['hub', 'app'] as const) {
      expect(indexRows(w.statePath, 'crm-shop', side).map((r) => r.status)).toEqual(['in-sync', 'in-sync']);
    }
    expect(intents.get()).toEqual({ n: 0 });
    expect(rows(w.hubPath, table)).toHaveLength(2);
  });
});
