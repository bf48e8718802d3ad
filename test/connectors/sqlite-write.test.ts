// Writes: values checked against declared types before SQLite sees them, a record SQLite
// refuses fails alone, UNIQUE conflicts with the existing id, ids and updated-at set by the connector.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WriteResult } from '../../src/connectors/types.js';
import { ISO_MS, makeDatabase, sqliteConnector, tempDir, withDb, type TempDir } from './helpers.js';

const SCHEMA = `
  CREATE TABLE contacts (
    id INTEGER PRIMARY KEY,
    email TEXT UNIQUE COLLATE NOCASE,
    lastname TEXT NOT NULL DEFAULT '',
    firstname TEXT NOT NULL,
    score INTEGER, rating REAL, vip BOOLEAN, birthday DATE, last_seen DATETIME,
    stage TEXT CHECK (stage IN ('lead', 'customer')),
    age INTEGER CHECK (age >= 0),
    updated_at TEXT
  );`;

let tmp: TempDir;
let file: string;
beforeEach(() => {
  tmp = tempDir();
  file = makeDatabase(tmp.dir, 'crm.db', SCHEMA);
});
afterEach(() => tmp.cleanup());

function failureOf(result: WriteResult | undefined) {
  if (!result || result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result)}`);
  return result;
}

describe('sqlite create and update: validation', () => {
  it('refuses values the declared type cannot hold, naming property, value type and expected type, and writes the rest', async () => {
    const c = sqliteConnector(tmp.dir, { path: 'crm.db' });
    const results = await c.create('contacts', [
      { ref: 'ok-1', properties: { firstname: 'Ann', score: '42', rating: 4.5, vip: true, birthday: '1990-02-03', last_seen: '2024-05-01 10:00:00' } },
      { ref: 'score', properties: { firstname: 'Bob', score: 'abc' } },
      { ref: 'whole', properties: { firstname: 'Cid', score: 1.5 } },
      { ref: 'bool', properties: { firstname: 'Dee', vip: 'maybe' } },
      { ref: 'date', properties: { firstname: 'Eve', birthday: '2023-02-30' } },
      { ref: 'enum', properties: { firstname: 'Fay', stage: 'prospect' } },
      { ref: 'unknown', properties: { firstname: 'Gus', shoe_size: 42 } },
      { ref: 'readonly', properties: { firstname: 'Hal', updated_at: '2024-01-01' } },
      { ref: 'ok-2', properties: { firstname: 'Ivy', stage: 'lead' } },
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, false, false, false, false, false, false, false, true]);
    const score = failureOf(results[1]);
    expect(score).toMatchObject({ ref: 'score', category: 'invalid_value', retryable: false });
    expect(score.message).toMatch(/property "score".*INTEGER.*whole number.*string/);
    expect(score.message).not.toContain('abc');
    expect(failureOf(results[2]).message).toContain('whole number');
    expect(failureOf(results[5]).message).toContain('lead, customer');
    expect(failureOf(results[6]).message).toContain('no property "shoe_size"');
    expect(failureOf(results[7]).message).toContain('read-only');
    const [ann] = await c.read('contacts', [results[0]?.ok ? results[0].id : '']);
    expect(ann?.properties).toMatchObject({ score: 42, rating: 4.5, vip: true, birthday: '1990-02-03', last_seen: '2024-05-01T10:00:00.000Z' });
    expect(withDb(file, (db) => db.prepare('SELECT count(*) AS n FROM contacts').get())).toEqual({ n: 2 });
    await c.close();
  });

  it('reports NOT NULL as missing_required_field, before and inside SQLite', async () => {
    const c = sqliteConnector(tmp.dir, { path: 'crm.db' });
    const created = await c.create('contacts', [{ ref: 'a', properties: { email: 'a@x.io' } }, { ref: 'b', properties: { firstname: 'B', lastname: null } }]);
    expect(failureOf(created[0])).toMatchObject({ category: 'missing_required_field' });
    expect(failureOf(created[0]).message).toContain('"firstname"');
    expect(failureOf(created[1]).message).toContain('"lastname"');
    await c.close();
  });

  it('given a batch with a record SQLite refuses between accepted ones, when written, then that record alone fails and the others are written once', async () => {
    const c = sqliteConnector(tmp.dir, { path: 'crm.db' });
    const created = await c.create('contacts', [
      { ref: 'a', properties: { firstname: 'A', age: 1 } },
      { ref: 'bad', properties: { firstname: 'B', age: -1 } },
      { ref: 'c', properties: { firstname: 'C', age: 3 } },
    ]);
    expect(created.map((r) => r.ok)).toEqual([true, false, true]);
    expect(failureOf(created[1])).toMatchObject({ ref: 'bad', category: 'invalid_value' });
    const ids = created.map((r) => (r.ok ? r.id : ''));
    const updated = await c.update('contacts', [
      { id: ids[0] ?? '', properties: { age: 10 } },
      { id: ids[2] ?? '', properties: { age: -30 } },
      { id: '999', properties: { age: 5 } },
    ]);
    expect(updated.map((r) => (r.ok ? 'ok' : r.category))).toEqual(['ok', 'invalid_value', 'not_found']);
    const stored = withDb(file, (db) => db.prepare('SELECT firstname, age FROM contacts ORDER BY id').all());
    expect(stored).toEqual([{ firstname: 'A', age: 10 }, { firstname: 'C', age: 3 }]);
    await c.close();
  });

  it('reports a CHECK violation as invalid_value', async () => {
    const c = sqliteConnector(tmp.dir, { path: 'crm.db' });
    const [result] = await c.create('contacts', [{ ref: 'a', properties: { firstname: 'A', age: -3 } }]);
    expect(failureOf(result)).toMatchObject({ category: 'invalid_value', retryable: false });
    expect(failureOf(result).message).toContain('CHECK constraint failed');
    await c.close();
  });
});

describe('sqlite create and update: conflicts and ids', () => {
  it('reports a UNIQUE violation as conflict_at_app with the existing id, and writes the rest of the batch', async () => {
    const c = sqliteConnector(tmp.dir, { path: 'crm.db' });
    const [first] = await c.create('contacts', [{ ref: 'a', properties: { firstname: 'A', email: 'ann@example.com' } }]);
    const existing = first?.ok ? first.id : '';
    const results = await c.create('contacts', [
      { ref: 'dup', properties: { firstname: 'Dup', email: 'ANN@example.com' } },
      { ref: 'new', properties: { firstname: 'New', email: 'new@example.com' } },
    ]);
    expect(failureOf(results[0])).toMatchObject({ ref: 'dup', category: 'conflict_at_app', existingId: existing });
    expect(results[1]?.ok).toBe(true);
    const other = results[1]?.ok ? results[1].id : '';
    const updated = await c.update('contacts', [{ id: other, properties: { email: 'ann@example.com' } }]);
    expect(failureOf(updated[0])).toMatchObject({ id: other, category: 'conflict_at_app', existingId: existing });
    await c.close();
  });

  it('lets SQLite assign INTEGER PRIMARY KEY ids and sets updated-at to now as ISO text', async () => {
    const c = sqliteConnector(tmp.dir, { path: 'crm.db' });
    const before = Date.now();
    const results = await c.create('contacts', [{ ref: 'a', properties: { firstname: 'A' } }, { ref: 'b', properties: { firstname: 'B' } }]);
    expect(results.map((r) => (r.ok ? r.id : ''))).toEqual(['1', '2']);
    const stored = withDb(file, (db) => db.prepare('SELECT updated_at FROM contacts WHERE id = 1').pluck().get()) as string;
    expect(stored).toMatch(ISO_MS);
    expect(Date.parse(stored)).toBeGreaterThanOrEqual(before - 1);
    expect(results[0]?.ok && results[0].updatedAt).toBe(stored);
    await c.close();
  });

  it('gives TEXT ids a time-ordered UUID (version 7) and INTEGER updated-at columns epoch milliseconds', async () => {
    const text = makeDatabase(tmp.dir, 'shop.db', 'CREATE TABLE customers (id TEXT PRIMARY KEY, name TEXT, updated_at INTEGER);');
    const c = sqliteConnector(tmp.dir, { path: 'shop.db' });
    const results = await c.create('customers', Array.from({ length: 3000 }, (_, i) => ({ ref: `r${i}`, properties: { name: `N${i}` } })));
    const ids = results.map((r) => (r.ok ? r.id : ''));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // Created in order, sorted in order (appended to the primary-key index), never the same.
    expect(ids.every((id, i) => i === 0 || (ids[i - 1] ?? '') < id)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const stamp = withDb(text, (db) => db.prepare('SELECT updated_at FROM customers LIMIT 1').pluck().get());
    expect(typeof stamp).toBe('number');
    await c.close();
  });

  it('keeps the updated-at format a table already uses (SQLite text times, epoch seconds)', async () => {
    makeDatabase(tmp.dir, 'legacy.db', `
      CREATE TABLE a (id INTEGER PRIMARY KEY, name TEXT, updated_at TEXT);
      INSERT INTO a (name, updated_at) VALUES ('x', '2024-01-01 10:00:00');
      CREATE TABLE b (id INTEGER PRIMARY KEY, name TEXT, updated_at INTEGER);
      INSERT INTO b (name, updated_at) VALUES ('x', 1704103200);`);
    const c = sqliteConnector(tmp.dir, { path: 'legacy.db' });
    await c.update('a', [{ id: '1', properties: { name: 'y' } }]);
    await c.update('b', [{ id: '1', properties: { name: 'y' } }]);
    const [a, b] = withDb(join(tmp.dir, 'legacy.db'), (db) => [db.prepare('SELECT updated_at FROM a').pluck().get(), db.prepare('SELECT updated_at FROM b').pluck().get()]);
    expect(a).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/);
    expect(b).toBeLessThan(1e11);
    await c.close();
  });

  it('updates only the given properties; an empty update touches nothing', async () => {
    withDb(file, (db) => db.exec("INSERT INTO contacts (id, firstname, lastname, email, updated_at) VALUES (7, 'Ann', 'Lee', 'ann@x.io', '2024-01-01T00:00:00.000Z')"));
    const c = sqliteConnector(tmp.dir, { path: 'crm.db' });
    expect(await c.update('contacts', [{ id: '7', properties: {} }])).toEqual([{ ok: true, id: '7', updatedAt: '2024-01-01T00:00:00.000Z' }]);
    await c.update('contacts', [{ id: '7', properties: { lastname: 'Lim' } }]);
    const row = withDb(file, (db) => db.prepare('SELECT firstname, lastname, email, updated_at FROM contacts WHERE id = 7').get()) as Record<string, string>;
    expect(row).toMatchObject({ firstname: 'Ann', lastname: 'Lim', email: 'ann@x.io' });
    expect((row.updated_at ?? '') > '2024-01-01T00:00:00.000Z').toBe(true);
    await c.close();
  });

  it('reports a database locked past busy_timeout as app_unavailable, retryable, for the whole batch', async () => {
    const c = sqliteConnector(tmp.dir, { path: 'crm.db' }, { busyTimeoutMs: 50 });
    await c.describe('contacts');
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    const settled = await c.create('contacts', [{ ref: 'a', properties: { firstname: 'A' } }, { ref: 'b', properties: { firstname: 'B' } }]);
    other.exec('ROLLBACK');
    other.close();
    for (const r of settled) expect(r).toMatchObject({ ok: false, category: 'app_unavailable', retryable: true });
    expect(withDb(file, (db) => db.prepare('SELECT count(*) AS n FROM contacts').get())).toEqual({ n: 0 });
    await c.close();
  });
});
