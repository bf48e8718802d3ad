import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isSyncctlError } from '../../src/errors/syncctl-error.js';
import { MIGRATIONS, type Migration, openStateStore } from '../../src/store/index.js';
import { appliedConnection, connection, tempDir } from './helpers.js';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected a rejection'),
    (err: unknown) => err,
  );
}

function versions(path: string): number[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare<[], { version: number }>('SELECT version FROM schema_migrations ORDER BY version').all().map((r) => r.version);
  } finally {
    db.close();
  }
}

describe('state migrations', () => {
  let dir: string;
  let cleanup: () => void;
  let path: string;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    path = join(dir, 'state.db');
  });
  afterEach(() => cleanup());

  it('lists migrations with strictly increasing versions, 001 definitions and 002 record index first', () => {
    expect(MIGRATIONS.slice(0, 2).map((m) => `${m.version}:${m.name}`)).toEqual(['1:definitions', '2:record-index']);
    const list = MIGRATIONS.map((m) => m.version);
    expect([...list].sort((a, b) => a - b)).toEqual(list);
    expect(new Set(list).size).toBe(list.length);
  });

  it('creates every table from an empty file and records each migration', async () => {
    const store = await openStateStore(path);
    const tables = store.database.prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table'").all().map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['schema_migrations', 'connections', 'syncs', 'state_revision', 'apply_history', 'apply_lock']));
    await store.close();
    expect(versions(path)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('re-opens an up-to-date file without re-running anything and keeps its data', async () => {
    const first = await openStateStore(path);
    await first.commit([{ kind: 'put-connection', connection: appliedConnection(connection('crm')) }]);
    await first.close();
    const again = await openStateStore(path);
    expect(Object.keys((await again.getApplied()).connections)).toEqual(['crm']);
    await again.close();
    expect(versions(path)).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('applies only the migrations a file lacks', async () => {
    const ran: number[] = [];
    const tracked = (m: Migration): Migration => ({ ...m, up: (db) => (ran.push(m.version), m.up(db)) });
    await (await openStateStore(path, { migrations: MIGRATIONS.slice(0, 1).map(tracked) })).close();
    await (await openStateStore(path, { migrations: MIGRATIONS.map(tracked) })).close();
    expect(ran).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('opens with WAL, synchronous NORMAL, a busy timeout and foreign keys on', async () => {
    const store = await openStateStore(path);
    expect(store.database.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.database.pragma('synchronous', { simple: true })).toBe(1);
    expect(store.database.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    expect(store.database.pragma('foreign_keys', { simple: true })).toBe(1);
    await store.close();
  });

  it('refuses a state written by a newer syncctl with state_too_new, and leaves it alone', async () => {
    await (await openStateStore(path)).close();
    const db = new Database(path);
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'from-the-future', '2030-01-01')").run();
    db.close();
    const err = await rejection(openStateStore(path));
    expect(isSyncctlError(err, 'state_too_new')).toBe(true);
    expect((err as Error).message).toContain(path);
    expect((err as Error).message).toMatch(/schema version 99; this syncctl knows up to \d+/);
    expect((err as { hint?: string }).hint).toMatch(/Upgrade syncctl/);
    expect(versions(path)).toContain(99);
  });

  it('rolls back a failing migration completely and names it', async () => {
    const broken: Migration = {
      version: 3,
      name: 'half-done',
      up(db) {
        db.exec('CREATE TABLE half_done (x INTEGER)');
        db.exec('INSERT INTO no_such_table VALUES (1)');
      },
    };
    const err = await rejection(openStateStore(path, { migrations: [...MIGRATIONS.slice(0, 2), broken] }));
    expect(isSyncctlError(err, 'migration_failed')).toBe(true);
    expect((err as Error).message).toMatch(/version 3 \(half-done\)/);
    const store = await openStateStore(path, { migrations: MIGRATIONS.slice(0, 2) });
    const tables = store.database.prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE name = 'half_done'").all();
    expect(tables).toEqual([]);
    await store.close();
    expect(versions(path)).toEqual([1, 2]);
  });

  it('refuses a migration list that is out of order', async () => {
    const [first, second] = MIGRATIONS;
    if (!first || !second) throw new Error('expected two migrations');
    const err = await rejection(openStateStore(path, { migrations: [second, first] }));
    expect(isSyncctlError(err, 'migration_list_invalid')).toBe(true);
  });

  it('refuses to add its tables to an SQLite database that is not a state store', async () => {
    const db = new Database(path);
    db.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT)');
    db.close();
    const err = await rejection(openStateStore(path));
    expect(isSyncctlError(err, 'state_not_syncctl')).toBe(true);
    expect((err as Error).message).toContain('customers');
  });

  it('refuses a file that is not an SQLite database with a clear error', async () => {
    writeFileSync(path, 'apiVersion: syncctl/v1\nkind: Sync\n'.repeat(200));
    const err = await rejection(openStateStore(path));
    expect(isSyncctlError(err, 'state_unreadable')).toBe(true);
    expect((err as Error).message).toContain(path);
  });
});
