// Reads: keyset pages bounded by pageSize, chunked reads by id, change feeds that neither skip
// nor loop on shared timestamps, every stored time shape, and indexes left to the user.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChangePage, RemoteRecord } from '../../src/connectors/types.js';
import { isSyncctlError } from '../../src/errors/syncctl-error.js';
import { makeDatabase, pagesOf, sqliteConnector, tempDir, withDb, type TempDir } from './helpers.js';

const STAMP = '2024-06-01T12:00:00.000Z';

let tmp: TempDir;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

function seedRows(file: string, table: string, count: number, row: (i: number) => unknown[]): void {
  withDb(file, (db) => {
    const columns = db.prepare(`SELECT name FROM pragma_table_info('${table}') ORDER BY cid`).pluck().all() as string[];
    const insert = db.prepare(`INSERT INTO ${table} VALUES (${columns.map(() => '?').join(', ')})`);
    db.transaction(() => {
      for (let i = 1; i <= count; i += 1) insert.run(...row(i));
    })();
  });
}

async function allChanges(iterable: AsyncIterable<ChangePage>): Promise<ChangePage[]> {
  const pages: ChangePage[] = [];
  for await (const page of iterable) pages.push(page);
  return pages;
}

describe('sqlite changes', () => {
  it('returns 10,050 rows sharing one updated_at exactly once with pageSize 500, also across calls', async () => {
    const file = makeDatabase(tmp.dir, 'a.db', 'CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, updated_at TEXT);');
    seedRows(file, 't', 10_050, (i) => [i, `n${i}`, STAMP]);
    const c = sqliteConnector(tmp.dir, { path: 'a.db' });
    const pages = await allChanges(c.changes('t', undefined, { pageSize: 500, properties: ['name'] }));
    expect(pages.length).toBe(21);
    for (const page of pages) expect(page.records.length).toBeLessThanOrEqual(500);
    const ids = pages.flatMap((p) => p.records.map((r) => r.id));
    expect(ids.length).toBe(10_050);
    expect(new Set(ids).size).toBe(10_050);
    // A later call from a mid-feed cursor continues exactly where that page ended.
    const rest = (await allChanges(c.changes('t', pages[2]?.cursor, { pageSize: 500 }))).flatMap((p) => p.records.map((r) => r.id));
    expect(rest).toEqual(ids.slice(1500));
    await c.close();
  });

  it('does not skip a row written later in the same second as the cursor (SQLite text times)', async () => {
    const file = makeDatabase(tmp.dir, 'a.db', 'CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, updated_at TEXT);');
    seedRows(file, 't', 3, (i) => [i, `n${i}`, '2024-06-01 12:00:00']);
    const c = sqliteConnector(tmp.dir, { path: 'a.db' });
    const cursor = (await allChanges(c.changes('t', undefined, { pageSize: 2 }))).at(-1)?.cursor;
    expect(cursor).toEqual({ updatedAt: STAMP, id: '3' });
    withDb(file, (db) => db.exec("INSERT INTO t VALUES (4, 'late', '2024-06-01 12:00:00')"));
    const next = (await allChanges(c.changes('t', cursor, { pageSize: 2 }))).flatMap((p) => p.records.map((r) => r.id));
    expect(next).toEqual(['4']);
    await c.close();
  });

  it('normalises ISO, SQLite text and epoch ms/s times to ISO-8601 UTC, and leaves rows without a time out of changes', async () => {
    makeDatabase(tmp.dir, 'a.db', `
      CREATE TABLE iso (id INTEGER PRIMARY KEY, updated_at TEXT);   INSERT INTO iso VALUES (1, '2024-06-01T14:00:00+02:00');
      CREATE TABLE sqlt (id INTEGER PRIMARY KEY, updated_at TEXT);  INSERT INTO sqlt VALUES (1, '2024-06-01 12:00:00');
      CREATE TABLE ms (id INTEGER PRIMARY KEY, updated_at INTEGER); INSERT INTO ms VALUES (1, 1717243200000);
      CREATE TABLE s (id INTEGER PRIMARY KEY, updated_at INTEGER);  INSERT INTO s VALUES (1, 1717243200), (2, NULL);`);
    const c = sqliteConnector(tmp.dir, { path: 'a.db' });
    for (const table of ['iso', 'sqlt', 'ms', 's']) {
      const [page] = await pagesOf(c, table, 10);
      expect(page?.records[0]?.updatedAt, table).toBe(STAMP);
    }
    const [page] = await pagesOf(c, 's', 10);
    expect(page?.records[1]?.updatedAt).toBe('1970-01-01T00:00:00.000Z');
    const changed = (await allChanges(c.changes('s', undefined, { pageSize: 10 }))).flatMap((p) => p.records.map((r) => r.id));
    expect(changed).toEqual(['1']);
    await c.close();
  });

  it('judges the updated-at format again once rows appear in a table that was empty', async () => {
    const file = makeDatabase(tmp.dir, 'a.db', 'CREATE TABLE t (id INTEGER PRIMARY KEY, updated_at TEXT);');
    const c = sqliteConnector(tmp.dir, { path: 'a.db' });
    await c.describe('t');
    withDb(file, (db) => db.exec("INSERT INTO t VALUES (1, '2024-06-01 12:00:00'), (2, '2024-06-01 13:00:00')"));
    const since = { updatedAt: '2024-06-01T12:30:00.000Z', id: '0' };
    const changed = (await allChanges(c.changes('t', since, { pageSize: 10 }))).flatMap((p) => p.records.map((r) => r.id));
    expect(changed).toEqual(['2']);
    await c.close();
  });

  it('reports a lock held past busy_timeout while reading as app_unavailable', async () => {
    const file = makeDatabase(tmp.dir, 'a.db', "CREATE TABLE t (id INTEGER PRIMARY KEY, updated_at TEXT); INSERT INTO t VALUES (1, '2024-01-01');");
    const c = sqliteConnector(tmp.dir, { path: 'a.db' }, { busyTimeoutMs: 50 });
    await c.describe('t');
    const other = new Database(file);
    other.exec('BEGIN EXCLUSIVE');
    const err = await c.read('t', ['1']).catch((e: unknown) => e);
    const listErr = await pagesOf(c, 't', 10).catch((e: unknown) => e);
    other.exec('ROLLBACK');
    other.close();
    expect(isSyncctlError(err, 'app_unavailable')).toBe(true);
    expect(isSyncctlError(err) && err.message).toContain('test-db');
    expect(isSyncctlError(listErr, 'app_unavailable')).toBe(true);
    expect(await c.read('t', ['1'])).toHaveLength(1);
    await c.close();
  });

  it('recommends the (updated_at, id) index instead of creating it, and uses it once the user has', async () => {
    const file = makeDatabase(tmp.dir, 'a.db', 'CREATE TABLE t (id TEXT PRIMARY KEY, updated_at TEXT);');
    const c = sqliteConnector(tmp.dir, { path: 'a.db' });
    await allChanges(c.changes('t', undefined, { pageSize: 10 }));
    const sql = await c.recommendedIndexes('t');
    expect(sql).toEqual(['CREATE INDEX IF NOT EXISTS "t_updated_at_id_idx" ON "t" ("updated_at", "id");']);
    expect(withDb(file, (db) => db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'index' AND name = 't_updated_at_id_idx'").get())).toEqual({ n: 0 });
    withDb(file, (db) => db.exec(sql.join('\n')));
    expect(await c.recommendedIndexes('t')).toEqual([]);
    const plan = withDb(file, (db) => db.prepare('EXPLAIN QUERY PLAN SELECT id FROM t WHERE (updated_at, id) > (?, ?) ORDER BY updated_at, id LIMIT 5').all('x', 'y')) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('t_updated_at_id_idx');
    await c.close();
  });
});

describe('sqlite list and read', () => {
  it('pages by keyset with pages bounded by pageSize, running one query per page', async () => {
    const file = makeDatabase(tmp.dir, 'a.db', 'CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, updated_at TEXT);');
    seedRows(file, 't', 1234, (i) => [i, `n${i}`, STAMP]);
    const c = sqliteConnector(tmp.dir, { path: 'a.db' });
    const seen: RemoteRecord[] = [];
    let pages = 0;
    for await (const page of c.list('t', { pageSize: 100, properties: ['name'] })) {
      expect(page.records.length).toBeLessThanOrEqual(100);
      if (pages === 0) withDb(file, (db) => db.exec(`INSERT INTO t VALUES (5000, 'added while listing', '${STAMP}')`));
      pages += 1;
      seen.push(...page.records);
    }
    // The row added after the first page shows up: nothing was read ahead into memory.
    expect(seen.length).toBe(1235);
    expect(pages).toBe(13);
    expect(seen[0]).toEqual({ id: '1', properties: { name: 'n1' }, updatedAt: STAMP });
    await c.close();
  });

  it('pages TEXT ids and resumes from a TEXT cursor', async () => {
    const file = makeDatabase(tmp.dir, 'a.db', 'CREATE TABLE t (id TEXT PRIMARY KEY, updated_at TEXT);');
    seedRows(file, 't', 25, (i) => [`id-${String(i).padStart(3, '0')}`, STAMP]);
    const c = sqliteConnector(tmp.dir, { path: 'a.db' });
    const [first] = await pagesOf(c, 't', 10);
    expect(first?.nextCursor).toBe('id-010');
    const rest: string[] = [];
    for await (const page of c.list('t', { pageSize: 10, cursor: 'id-010' })) rest.push(...page.records.map((r) => r.id));
    expect(rest[0]).toBe('id-011');
    expect(rest.length).toBe(15);
    await c.close();
  });

  it('reads 1,200 ids in chunks, in the order asked for, leaving out missing ones', async () => {
    const file = makeDatabase(tmp.dir, 'a.db', 'CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, updated_at TEXT);');
    seedRows(file, 't', 1500, (i) => [i, `n${i}`, STAMP]);
    const c = sqliteConnector(tmp.dir, { path: 'a.db' });
    const ids = Array.from({ length: 1200 }, (_, i) => String(1800 - i));
    const records = await c.read('t', ids, ['name']);
    const expected = ids.filter((id) => Number(id) <= 1500);
    expect(records.map((r) => r.id)).toEqual(expected);
    expect(records[0]?.properties).toEqual({ name: `n${expected[0]}` });
    await c.close();
  });

  it('keeps 64-bit ids and values exact', async () => {
    makeDatabase(tmp.dir, 'a.db', "CREATE TABLE t (id INTEGER PRIMARY KEY, big INTEGER, updated_at TEXT); INSERT INTO t VALUES (9007199254740993, 9007199254740995, '2024-01-01');");
    const c = sqliteConnector(tmp.dir, { path: 'a.db' });
    const [record] = await c.read('t', ['9007199254740993']);
    expect(record).toMatchObject({ id: '9007199254740993', properties: { big: '9007199254740995' } });
    await c.close();
  });

  it('refuses a property the object does not have, and a page size below 1', async () => {
    makeDatabase(tmp.dir, 'a.db', 'CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, updated_at TEXT);');
    const c = sqliteConnector(tmp.dir, { path: 'a.db' });
    const unknown = await pagesOf(c, 't', 10, ['nmae']).catch((e: unknown) => e);
    expect(isSyncctlError(unknown, 'unknown_property')).toBe(true);
    const zero = await pagesOf(c, 't', 0).catch((e: unknown) => e);
    expect(isSyncctlError(zero, 'invalid_page_size')).toBe(true);
    await c.close();
  });
});
