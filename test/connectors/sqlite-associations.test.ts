// SQLite associations on real files: conventional and configured link tables, the reverse
// direction, primary-replace semantics, tables without a primary flag, idempotent writes,
// scan paging, constraint failures and clear errors for missing tables and columns.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isSyncctlError } from '../../src/errors/syncctl-error.js';
import type { AssociationEdge, AssociationKind, AssociationPage, AssociationsApi } from '../../src/connectors/types.js';
import { errors, load, withConnections, yamlOf } from '../config/helpers.js';
import { makeDatabase, sqliteConnector, tempDir, withDb, type TempDir } from './helpers.js';

const RECORDS = `
  CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT, updated_at TEXT);
  CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT, updated_at TEXT);
  CREATE TABLE orders (id TEXT PRIMARY KEY, title TEXT, updated_at TEXT);
  INSERT INTO customers VALUES (1, 'a@x.io', '2024-01-01T00:00:00.000Z'), (2, 'b@x.io', '2024-01-01T00:00:00.000Z'), (3, 'c@x.io', '2024-01-01T00:00:00.000Z');
  INSERT INTO accounts VALUES (10, 'Acme', '2024-01-01T00:00:00.000Z'), (11, 'Globex', '2024-01-01T00:00:00.000Z'), (12, 'Initech', '2024-01-01T00:00:00.000Z');
`;

const CUSTOMER_ACCOUNTS: AssociationKind = { from: 'customers', to: 'accounts' };
const ACCOUNT_CUSTOMERS: AssociationKind = { from: 'accounts', to: 'customers' };

let tmp: TempDir;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

function api(options: Record<string, unknown> = {}): { assoc: AssociationsApi; close: () => Promise<void> } {
  const c = sqliteConnector(tmp.dir, { path: 'shop.db', ...options });
  if (!c.associations) throw new Error('the SQLite connector offers associations');
  return { assoc: c.associations, close: () => c.close() };
}

const sorted = (edges: AssociationEdge[]): AssociationEdge[] => [...edges].sort((a, b) => `${a.fromId}|${a.toId}`.localeCompare(`${b.fromId}|${b.toId}`));
const rowsOf = (file: string, sql: string): unknown[] => withDb(file, (db) => db.prepare(sql).all());

async function thrown(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error');
}

describe('sqlite associations: conventional link table', () => {
  let file: string;
  beforeEach(() => {
    file = makeDatabase(tmp.dir, 'shop.db', `${RECORDS}
      CREATE TABLE customers_accounts (customer_id INTEGER NOT NULL, account_id INTEGER NOT NULL, is_primary BOOLEAN NOT NULL DEFAULT 0);
      INSERT INTO customers_accounts VALUES (1, 10, 1), (1, 11, 0), (2, 11, 1), (3, 12, 0);`);
  });

  it('supports the kind in both directions, and no kind without a table', async () => {
    const { assoc, close } = api();
    expect(assoc.supports(CUSTOMER_ACCOUNTS)).toBe(true);
    expect(assoc.supports(ACCOUNT_CUSTOMERS)).toBe(true);
    expect(assoc.supports({ from: 'orders', to: 'accounts' })).toBe(false);
    await close();
  });

  it('reads edges of from ids with their primary flag, integer ids as strings', async () => {
    const { assoc, close } = api();
    const edges = await assoc.read(CUSTOMER_ACCOUNTS, ['1', '2', '99']);
    expect(sorted(edges)).toEqual([
      { fromId: '1', toId: '10', primary: true },
      { fromId: '1', toId: '11', primary: false },
      { fromId: '2', toId: '11', primary: true },
    ]);
    expect(await assoc.read(CUSTOMER_ACCOUNTS, [])).toEqual([]);
    await close();
  });

  it('reads in reverse: edges pointing at to ids, still in the kind direction', async () => {
    const { assoc, close } = api();
    expect(sorted(await assoc.readReverse(CUSTOMER_ACCOUNTS, ['11', '12']))).toEqual([
      { fromId: '1', toId: '11', primary: false },
      { fromId: '2', toId: '11', primary: true },
      { fromId: '3', toId: '12', primary: false },
    ]);
    await close();
  });

  it('serves the reverse kind from the same table with the columns swapped; the flag belongs to the other direction', async () => {
    const { assoc, close } = api();
    // The is_primary flag marks a customer's primary account, not an account's primary customer.
    expect(sorted(await assoc.read(ACCOUNT_CUSTOMERS, ['11']))).toEqual([
      { fromId: '11', toId: '1', primary: true },
      { fromId: '11', toId: '2', primary: true },
    ]);
    expect(sorted(await assoc.readReverse(ACCOUNT_CUSTOMERS, ['1']))).toEqual([
      { fromId: '10', toId: '1', primary: true },
      { fromId: '11', toId: '1', primary: true },
    ]);
    // Adding through the reverse kind neither sets nor clears a customer's primary account.
    expect(await assoc.add(ACCOUNT_CUSTOMERS, [{ fromId: '12', toId: '2', primary: true }, { fromId: '11', toId: '2', primary: false }])).toEqual([{ ok: true }, { ok: true }]);
    expect(rowsOf(file, 'SELECT customer_id, account_id, is_primary FROM customers_accounts WHERE customer_id = 2 ORDER BY account_id')).toEqual([
      { customer_id: 2, account_id: 11, is_primary: 1 },
      { customer_id: 2, account_id: 12, is_primary: 0 },
    ]);
    expect(await assoc.remove(ACCOUNT_CUSTOMERS, [{ fromId: '12', toId: '2' }])).toEqual([{ ok: true }]);
    expect(rowsOf(file, 'SELECT account_id FROM customers_accounts WHERE customer_id = 2')).toEqual([{ account_id: 11 }]);
    await close();
  });

  it('adding a primary edge replaces the from record\'s primary; the old one stays associated', async () => {
    const { assoc, close } = api();
    const results = await assoc.add(CUSTOMER_ACCOUNTS, [
      { fromId: '1', toId: '12', primary: true },
      { fromId: '3', toId: '12', primary: true },
    ]);
    expect(results).toEqual([{ ok: true }, { ok: true }]);
    expect(sorted(await assoc.read(CUSTOMER_ACCOUNTS, ['1', '3']))).toEqual([
      { fromId: '1', toId: '10', primary: false },
      { fromId: '1', toId: '11', primary: false },
      { fromId: '1', toId: '12', primary: true },
      { fromId: '3', toId: '12', primary: true },
    ]);
    // Making an existing edge primary demotes the others too, and adding it again as not primary demotes it.
    await assoc.add(CUSTOMER_ACCOUNTS, [{ fromId: '1', toId: '10', primary: true }]);
    expect((await assoc.read(CUSTOMER_ACCOUNTS, ['1'])).filter((e) => e.primary).map((e) => e.toId)).toEqual(['10']);
    await assoc.add(CUSTOMER_ACCOUNTS, [{ fromId: '1', toId: '10', primary: false }]);
    expect((await assoc.read(CUSTOMER_ACCOUNTS, ['1'])).filter((e) => e.primary)).toEqual([]);
    await close();
  });

  it('add and remove are idempotent', async () => {
    const { assoc, close } = api();
    const edge = { fromId: '2', toId: '10', primary: false };
    expect(await assoc.add(CUSTOMER_ACCOUNTS, [edge])).toEqual([{ ok: true }]);
    expect(await assoc.add(CUSTOMER_ACCOUNTS, [edge, edge])).toEqual([{ ok: true }, { ok: true }]);
    expect(rowsOf(file, 'SELECT count(*) AS n FROM customers_accounts WHERE customer_id = 2 AND account_id = 10')).toEqual([{ n: 1 }]);
    expect(await assoc.remove(CUSTOMER_ACCOUNTS, [{ fromId: '2', toId: '10' }])).toEqual([{ ok: true }]);
    expect(await assoc.remove(CUSTOMER_ACCOUNTS, [{ fromId: '2', toId: '10' }, { fromId: '404', toId: '404' }])).toEqual([{ ok: true }, { ok: true }]);
    expect(rowsOf(file, 'SELECT count(*) AS n FROM customers_accounts WHERE customer_id = 2')).toEqual([{ n: 1 }]);
    expect(await assoc.add(CUSTOMER_ACCOUNTS, [])).toEqual([]);
    expect(await assoc.remove(CUSTOMER_ACCOUNTS, [])).toEqual([]);
    await close();
  });

  it('counts duplicate rows once and removes them all', async () => {
    withDb(file, (db) => db.exec('INSERT INTO customers_accounts VALUES (3, 12, 1), (3, 12, 0)'));
    const { assoc, close } = api();
    expect(await assoc.read(CUSTOMER_ACCOUNTS, ['3'])).toEqual([{ fromId: '3', toId: '12', primary: true }]);
    await assoc.remove(CUSTOMER_ACCOUNTS, [{ fromId: '3', toId: '12' }]);
    expect(await assoc.read(CUSTOMER_ACCOUNTS, ['3'])).toEqual([]);
    await close();
  });

  it('touches no record: the change feeds of both objects stay quiet', async () => {
    const { assoc, close } = api();
    const c = sqliteConnector(tmp.dir, { path: 'shop.db' });
    const last = async (object: string) => {
      let cursor;
      for await (const page of c.changes(object, undefined, { pageSize: 100 })) cursor = page.cursor ?? cursor;
      return cursor;
    };
    const before = { customers: await last('customers'), accounts: await last('accounts') };
    await assoc.add(CUSTOMER_ACCOUNTS, [{ fromId: '2', toId: '12', primary: true }]);
    await assoc.remove(CUSTOMER_ACCOUNTS, [{ fromId: '1', toId: '11' }]);
    for (const object of ['customers', 'accounts'] as const) {
      const pages = [];
      for await (const page of c.changes(object, before[object], { pageSize: 100 })) pages.push(...page.records);
      expect(pages).toEqual([]);
    }
    await c.close();
    await close();
  });

  it('reads more ids than one statement may bind', async () => {
    withDb(file, (db) => {
      const insert = db.prepare('INSERT INTO customers_accounts (customer_id, account_id) VALUES (?, ?)');
      db.transaction(() => {
        for (let i = 1000; i < 2200; i += 1) insert.run(i, 10);
      })();
    });
    const { assoc, close } = api();
    const ids = Array.from({ length: 1200 }, (_, i) => String(1000 + i));
    const edges = await assoc.read(CUSTOMER_ACCOUNTS, ids);
    expect(edges).toHaveLength(1200);
    expect(new Set(edges.map((e) => e.fromId))).toEqual(new Set(ids));
    expect(await assoc.readReverse(CUSTOMER_ACCOUNTS, ['10'])).toHaveLength(1201);
    await close();
  });
});

describe('sqlite associations: configured link table', () => {
  let file: string;
  const ORDERS_ACCOUNTS: AssociationKind = { from: 'orders', to: 'accounts' };
  const options = { associations: { 'orders-accounts': { table: 'order_links', fromColumn: 'ord', toColumn: 'acct' } } };
  beforeEach(() => {
    file = makeDatabase(tmp.dir, 'shop.db', `${RECORDS}
      CREATE TABLE order_links (ord TEXT NOT NULL, acct INTEGER NOT NULL, note TEXT);
      INSERT INTO order_links VALUES ('ord-1', 10, NULL), ('ord-1', 11, NULL), ('ord-2', 12, 'x');`);
  });

  it('reads with the configured columns; without a primary column every edge is primary; text ids stay text', async () => {
    const { assoc, close } = api(options);
    expect(assoc.supports(ORDERS_ACCOUNTS)).toBe(true);
    expect(assoc.supports({ from: 'accounts', to: 'orders' })).toBe(true);
    expect(sorted(await assoc.read(ORDERS_ACCOUNTS, ['ord-1']))).toEqual([
      { fromId: 'ord-1', toId: '10', primary: true },
      { fromId: 'ord-1', toId: '11', primary: true },
    ]);
    expect(await assoc.read({ from: 'accounts', to: 'orders' }, ['12'])).toEqual([{ fromId: '12', toId: 'ord-2', primary: true }]);
    await close();
  });

  it('ignores the primary flag on add when the table keeps none', async () => {
    const { assoc, close } = api(options);
    expect(await assoc.add(ORDERS_ACCOUNTS, [{ fromId: 'ord-2', toId: '10', primary: true }])).toEqual([{ ok: true }]);
    expect(rowsOf(file, "SELECT ord, acct FROM order_links WHERE ord = 'ord-2' ORDER BY acct")).toEqual([{ ord: 'ord-2', acct: 10 }, { ord: 'ord-2', acct: 12 }]);
    await close();
  });

  it('a configured primaryColumn is read and written', async () => {
    withDb(file, (db) => db.exec("ALTER TABLE order_links ADD COLUMN main INTEGER; UPDATE order_links SET main = 1 WHERE ord = 'ord-1' AND acct = 11"));
    const { assoc, close } = api({ associations: { 'orders-accounts': { ...options.associations['orders-accounts'], primaryColumn: 'main' } } });
    expect(sorted(await assoc.read(ORDERS_ACCOUNTS, ['ord-1'])).map((e) => e.primary)).toEqual([false, true]);
    await assoc.add(ORDERS_ACCOUNTS, [{ fromId: 'ord-1', toId: '10', primary: true }]);
    expect(rowsOf(file, "SELECT acct, main FROM order_links WHERE ord = 'ord-1' ORDER BY acct")).toEqual([{ acct: 10, main: 1 }, { acct: 11, main: 0 }]);
    await close();
  });

  it('scans every edge over more than two pages, resumable from any cursor', async () => {
    withDb(file, (db) => {
      const insert = db.prepare('INSERT INTO order_links (ord, acct) VALUES (?, ?)');
      for (let i = 0; i < 22; i += 1) insert.run(`bulk-${String(i).padStart(2, '0')}`, 10 + (i % 3));
      insert.run('ord-1', 10); // a duplicate row: one edge
    });
    const { assoc, close } = api(options);
    const scan = assoc.scan?.bind(assoc);
    if (!scan) throw new Error('the SQLite connector scans');
    const pages: AssociationPage[] = [];
    for await (const page of scan(ORDERS_ACCOUNTS, { pageSize: 10 })) pages.push(page);
    expect(pages.map((p) => p.edges.length)).toEqual([10, 10, 5]);
    expect(pages.map((p) => p.nextCursor === undefined)).toEqual([false, false, true]);
    const all = pages.flatMap((p) => p.edges);
    expect(new Set(all.map((e) => `${e.fromId}|${e.toId}`)).size).toBe(25);
    expect(all).toContainEqual({ fromId: 'ord-2', toId: '12', primary: true });
    const resumed: AssociationEdge[] = [];
    for await (const page of scan(ORDERS_ACCOUNTS, { pageSize: 7, cursor: pages[0]?.nextCursor ?? '' })) resumed.push(...page.edges);
    expect(resumed).toEqual(all.slice(10));
    await expect(thrown(async () => {
      for await (const page of scan(ORDERS_ACCOUNTS, { pageSize: 10, cursor: 'nonsense' })) void page;
    })).resolves.toMatchObject({ code: 'invalid_association_cursor' });
    await close();
  });

  it('scan pages integer ends in numeric order', async () => {
    makeDatabase(tmp.dir, 'ints.db', `${RECORDS}
      CREATE TABLE customers_accounts (customer_id INTEGER, account_id INTEGER);`);
    withDb(`${tmp.dir}/ints.db`, (db) => {
      const insert = db.prepare('INSERT INTO customers_accounts VALUES (?, ?)');
      for (let i = 1; i <= 12; i += 1) insert.run(i, 100 - i);
    });
    const c = sqliteConnector(tmp.dir, { path: 'ints.db' });
    const froms: string[] = [];
    for await (const page of c.associations.scan(CUSTOMER_ACCOUNTS, { pageSize: 5 })) froms.push(...page.edges.map((e) => e.fromId));
    expect(froms).toEqual(Array.from({ length: 12 }, (_, i) => String(i + 1)));
    await c.close();
  });

  it('maps constraint failures per edge and writes the rest of the batch', async () => {
    withDb(file, (db) => db.exec(`
      CREATE TABLE customer_tags (customer_id INTEGER NOT NULL UNIQUE, account_id INTEGER NOT NULL CHECK (account_id < 100), created_by TEXT NOT NULL);`));
    const { assoc, close } = api({ associations: { 'customers-accounts': { table: 'customer_tags' } } });
    const results = await assoc.add(CUSTOMER_ACCOUNTS, [{ fromId: '1', toId: '10', primary: false }]);
    expect(results[0]).toMatchObject({ ok: false, category: 'missing_required_field', retryable: false });
    expect(results[0]?.ok === false && results[0].message).toContain('created_by');
    withDb(file, (db) => db.exec("DROP TABLE customer_tags; CREATE TABLE customer_tags (customer_id INTEGER NOT NULL UNIQUE, account_id INTEGER NOT NULL CHECK (account_id < 100))"));
    const { assoc: again, close: closeAgain } = api({ associations: { 'customers-accounts': { table: 'customer_tags' } } });
    const batch = await again.add(CUSTOMER_ACCOUNTS, [
      { fromId: '1', toId: '10', primary: true },
      { fromId: '1', toId: '11', primary: false },
      { fromId: '2', toId: '500', primary: false },
      { fromId: '3', toId: '12', primary: false },
    ]);
    expect(batch.map((r) => (r.ok ? 'ok' : r.category))).toEqual(['ok', 'conflict_at_app', 'invalid_value', 'ok']);
    expect(rowsOf(file, 'SELECT customer_id, account_id FROM customer_tags ORDER BY customer_id')).toEqual([{ customer_id: 1, account_id: 10 }, { customer_id: 3, account_id: 12 }]);
    await closeAgain();
    await close();
  });
});

describe('sqlite associations: errors', () => {
  beforeEach(() => {
    makeDatabase(tmp.dir, 'shop.db', `${RECORDS}
      CREATE TABLE customer_account_links (cust INTEGER, acct INTEGER);
      CREATE TABLE orders_accounts (order_ref TEXT, account_id INTEGER);`);
  });

  it('a configured table that does not exist names the connection, option and table, with a suggestion', async () => {
    const { assoc, close } = api({ associations: { 'customers-accounts': { table: 'customer_account_link' } } });
    const err = await thrown(() => assoc.supports(CUSTOMER_ACCOUNTS));
    expect(isSyncctlError(err, 'sqlite_table_missing')).toBe(true);
    if (!isSyncctlError(err)) throw err;
    expect(err.message).toContain('connection "test-db"');
    expect(err.message).toContain('associations.customers-accounts.table');
    expect(err.message).toContain('"customer_account_link"');
    expect(err.hint).toContain('Did you mean "customer_account_links"?');
    // The reverse kind finds the same option.
    expect(await thrown(() => assoc.read(ACCOUNT_CUSTOMERS, ['10']))).toMatchObject({ code: 'sqlite_table_missing' });
    await close();
  });

  it('a configured column that does not exist names the option and lists the columns', async () => {
    const { assoc, close } = api({ associations: { 'customers-accounts': { table: 'customer_account_links', fromColumn: 'cust', toColumn: 'account' } } });
    const err = await thrown(() => assoc.read(CUSTOMER_ACCOUNTS, ['1']));
    if (!isSyncctlError(err, 'sqlite_column_missing')) throw err;
    expect(err.message).toContain('associations.customers-accounts.toColumn');
    expect(err.message).toContain('"customer_account_links"');
    expect(err.hint).toContain('cust, acct');
    await close();
  });

  it('a conventional table without the conventional columns says which option to set', async () => {
    const { assoc, close } = api();
    const err = await thrown(() => assoc.supports({ from: 'orders', to: 'accounts' }));
    if (!isSyncctlError(err, 'sqlite_column_missing')) throw err;
    expect(err.message).toContain('"order_id" or "orders_id"');
    expect(err.hint).toContain('associations.orders-accounts.fromColumn');
    await close();
  });

  it('reading a kind with no link table is a clear error', async () => {
    const { assoc, close } = api();
    expect(assoc.supports(CUSTOMER_ACCOUNTS)).toBe(false);
    const err = await thrown(() => assoc.read(CUSTOMER_ACCOUNTS, ['1']));
    if (!isSyncctlError(err, 'sqlite_association_missing')) throw err;
    expect(err.message).toContain('customers_accounts');
    expect(err.hint).toContain('options.associations.customers-accounts');
    await close();
  });

  it('an association key that is not <from>-<to> is refused by the connector and by validation', () => {
    expect(() => api({ associations: { customers_accounts: { table: 'customer_account_links' } } })).toThrow(/associations\.customers_accounts must be named `<from>-<to>`/);
    expect(() => api({ associations: { 'customers-accounts': { fromColumn: 'cust' } } })).toThrow(/associations\.customers-accounts\.table/);
    const shop = { apiVersion: 'syncctl/v1', kind: 'Connection', name: 'db', connector: 'sqlite', options: { path: './db.sqlite', associations: { customers_accounts: { table: 't' } } } };
    const problems = errors(load([...withConnections(), { file: 'syncs/db.yaml', content: yamlOf(shop) }]));
    expect(problems.map((p) => [p.code, p.path])).toEqual([['invalid_property_name', '/options/associations/customers_accounts']]);
    expect(problems[0]?.hint).toContain('<from>-<to>');
  });
});
