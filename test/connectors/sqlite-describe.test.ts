// describe() and opening: declared types, enums from CHECK, renames, identifiers, read-only
// columns, and clear errors for a wrong file, table or column.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isSyncctlError, type SyncctlError } from '../../src/errors/syncctl-error.js';
import { makeDatabase, sqliteConnector, tempDir, withDb, type TempDir } from './helpers.js';

const TYPES_SQL = `
  CREATE TABLE things (
    id INTEGER PRIMARY KEY,
    count INTEGER, big BIGINT, price REAL, ratio DOUBLE PRECISION, amount NUMERIC(10,2), total DECIMAL,
    active BOOLEAN, born DATE, seen DATETIME, logged TIMESTAMP,
    title TEXT, code CHAR(3), label VARCHAR(40), notes CLOB, anything,
    stage TEXT CHECK (stage IN ('new', 'won', 'it''s lost')),
    "tier" TEXT, picture BLOB,
    email TEXT UNIQUE, sku TEXT, slug TEXT,
    full_label TEXT GENERATED ALWAYS AS (code || '-' || label) VIRTUAL,
    updated_at TEXT,
    CONSTRAINT tier_ok CHECK ("tier" IN ('gold','silver'))
  );
  CREATE UNIQUE INDEX things_sku ON things (sku);
  CREATE UNIQUE INDEX things_pair ON things (code, label);
  CREATE UNIQUE INDEX things_slug_live ON things (slug) WHERE slug IS NOT NULL AND active = 1;`;

let tmp: TempDir;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

async function failure(promise: Promise<unknown>): Promise<SyncctlError> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  if (!isSyncctlError(err)) throw new Error(`expected a SyncctlError, got ${String(err)}`);
  return err;
}

describe('sqlite describe', () => {
  it('maps declared column types to field types', async () => {
    makeDatabase(tmp.dir, 'a.db', TYPES_SQL);
    const c = sqliteConnector(tmp.dir, { path: 'a.db' });
    const d = await c.describe('things');
    const types = Object.fromEntries(d.fields.map((f) => [f.name, f.type]));
    expect(types).toEqual({
      id: 'number', count: 'number', big: 'number', price: 'number', ratio: 'number', amount: 'number', total: 'number',
      active: 'boolean', born: 'date', seen: 'datetime', logged: 'datetime',
      title: 'string', code: 'string', label: 'string', notes: 'string', anything: 'string',
      stage: 'enum', tier: 'enum', email: 'string', sku: 'string', slug: 'string', full_label: 'string', updated_at: 'string',
    });
    expect(d.fields.find((f) => f.name === 'stage')?.options).toEqual(['new', 'won', "it's lost"]);
    expect(d.fields.find((f) => f.name === 'tier')?.options).toEqual(['gold', 'silver']);
    // picture (BLOB) is no field, and the description says why.
    expect(d.unsupported).toEqual({ picture: expect.stringContaining('BLOB') });
    await c.close();
  });

  it('marks id, updated-at and generated columns read-only and finds single-column unique identifiers', async () => {
    makeDatabase(tmp.dir, 'a.db', TYPES_SQL);
    const c = sqliteConnector(tmp.dir, { path: 'a.db' });
    const d = await c.describe('things');
    expect(d.fields.filter((f) => f.readOnly).map((f) => f.name).sort()).toEqual(['full_label', 'id', 'updated_at']);
    // (code, label) is unique only as a pair and slug only for some rows: neither identifies a record.
    expect([...d.identifiers].sort()).toEqual(['email', 'sku']);
    await c.close();
  });

  it('names properties through the renames, with the table and key columns from options', async () => {
    makeDatabase(tmp.dir, 'shop.db', `
      CREATE TABLE tbl_customer (cust_no TEXT PRIMARY KEY, email_address TEXT UNIQUE, first_name TEXT, changed_on INTEGER);`);
    const c = sqliteConnector(tmp.dir, {
      path: 'shop.db',
      objects: { customers: { table: 'tbl_customer', id: 'cust_no', updatedAt: 'changed_on', columns: { email: 'email_address', firstname: 'first_name' } } },
    });
    const d = await c.describe('customers');
    expect(d.object).toBe('customers');
    expect(d.fields.map((f) => f.name)).toEqual(['cust_no', 'email', 'firstname', 'changed_on']);
    expect(d.identifiers).toEqual(['email']);
    await c.close();
  });
});

describe('sqlite errors naming connection, file and table', () => {
  it('refuses a missing file and never creates it', async () => {
    const c = sqliteConnector(tmp.dir, { path: 'nope/crm.db' });
    const err = await failure(c.describe('contacts'));
    expect(err.code).toBe('sqlite_file_missing');
    expect(err.message).toContain('test-db');
    expect(err.message).toContain(join(tmp.dir, 'nope/crm.db'));
    expect(existsSync(join(tmp.dir, 'nope/crm.db'))).toBe(false);
  });

  it('refuses a missing table with a suggestion', async () => {
    makeDatabase(tmp.dir, 'a.db', 'CREATE TABLE customers (id INTEGER PRIMARY KEY, updated_at TEXT);');
    const c = sqliteConnector(tmp.dir, { path: 'a.db' });
    const err = await failure(c.describe('customer'));
    expect(err.code).toBe('sqlite_table_missing');
    expect(err.message).toMatch(/connection "test-db": table "customer".*a\.db/);
    expect(err.hint).toContain('Did you mean "customers"?');
    await c.close();
  });

  it('refuses an id, updated-at or renamed column that does not exist', async () => {
    makeDatabase(tmp.dir, 'a.db', 'CREATE TABLE t (pk INTEGER PRIMARY KEY, email TEXT, modified TEXT);');
    const noId = await failure(sqliteConnector(tmp.dir, { path: 'a.db', objects: { t: { updatedAt: 'modified' } } }).describe('t'));
    expect(noId.code).toBe('sqlite_column_missing');
    expect(noId.message).toContain('objects.t.id');
    const noTs = await failure(sqliteConnector(tmp.dir, { path: 'a.db', objects: { t: { id: 'pk' } } }).describe('t'));
    expect(noTs.message).toContain('"updated_at"');
    const badRename = await failure(sqliteConnector(tmp.dir, { path: 'a.db', objects: { t: { id: 'pk', updatedAt: 'modified', columns: { mail: 'emial' } } } }).describe('t'));
    expect(badRename.message).toContain('objects.t.columns.mail');
    expect(badRename.hint).toContain('Did you mean "email"?');
  });

  it('refuses a rename that makes one property name two columns', async () => {
    makeDatabase(tmp.dir, 'a.db', 'CREATE TABLE t (id INTEGER PRIMARY KEY, email TEXT, mail TEXT, updated_at TEXT);');
    const err = await failure(sqliteConnector(tmp.dir, { path: 'a.db', objects: { t: { columns: { email: 'mail' } } } }).describe('t'));
    expect(err.code).toBe('sqlite_column_conflict');
  });

  it('refuses a file that is not a database, and a directory', async () => {
    writeFileSync(join(tmp.dir, 'notes.db'), 'just some text, certainly not SQLite '.repeat(100));
    expect((await failure(sqliteConnector(tmp.dir, { path: 'notes.db' }).describe('t'))).code).toBe('sqlite_not_a_database');
    mkdirSync(join(tmp.dir, 'folder.db'));
    expect((await failure(sqliteConnector(tmp.dir, { path: 'folder.db' }).describe('t'))).code).toBe('sqlite_open_failed');
  });

  it('refuses options of the wrong shape when built', () => {
    expect(() => sqliteConnector(tmp.dir, { path: 42 })).toThrow(/option path/);
    expect(() => sqliteConnector(tmp.dir, { path: 'a.db', objects: { t: { columns: { a: 7 } } } })).toThrow(/objects\.t\.columns\.a/);
  });

  it('leaves the journal mode as the user set it', async () => {
    const file = makeDatabase(tmp.dir, 'a.db', 'CREATE TABLE t (id INTEGER PRIMARY KEY, updated_at TEXT);');
    const c = sqliteConnector(tmp.dir, { path: 'a.db' });
    await c.create('t', [{ ref: 'a', properties: {} }]);
    await c.close();
    expect(withDb(file, (db) => db.pragma('journal_mode', { simple: true }))).toBe('delete');
  });

  it('fails calls after close', async () => {
    makeDatabase(tmp.dir, 'a.db', 'CREATE TABLE t (id INTEGER PRIMARY KEY, updated_at TEXT);');
    const c = sqliteConnector(tmp.dir, { path: 'a.db' });
    await c.describe('t');
    await c.close();
    expect((await failure(c.read('t', ['1']))).code).toBe('connector_closed');
  });
});
