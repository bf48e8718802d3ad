import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isSyncctlError } from '../../src/errors/syncctl-error.js';
import { clearSecrets, registerSecret } from '../../src/log/redact.js';
import { type Lifecycle, type SqliteStateStore, openStateStore, perSyncTables } from '../../src/store/index.js';
import { BY, appliedConnection, appliedSync, connection, sync, tempDir } from './helpers.js';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected a rejection'),
    (err: unknown) => err,
  );
}

describe('SQLite state store: commits, history and secrets', () => {
  let dir: string;
  let cleanup: () => void;
  let path: string;
  let store: SqliteStateStore;
  beforeEach(async () => {
    ({ dir, cleanup } = tempDir());
    path = join(dir, 'state.db');
    store = await openStateStore(path);
  });
  afterEach(async () => {
    await store.close();
    clearSecrets();
    cleanup();
  });

  it('rolls back a whole commit when SQLite refuses one write mid-list (constraint violation)', async () => {
    const bogus = { ...appliedSync(sync('second')), lifecycle: 'paused' as unknown as Lifecycle };
    const err = await rejection(
      store.commit([
        { kind: 'put-connection', connection: appliedConnection(connection('crm')) },
        { kind: 'put-sync', sync: appliedSync(sync('first')) },
        { kind: 'put-sync', sync: bogus },
        { kind: 'put-connection', connection: appliedConnection(connection('shop')) },
      ]),
    );
    expect(err).toBeInstanceOf(Error);
    expect(String((err as Error).message)).toMatch(/CHECK constraint/);
    expect(await store.getApplied()).toEqual({ connections: {}, syncs: {}, revision: 0 });
    expect(await store.history()).toEqual([]);
  });

  it('records every applied change in the history: when, by whom, what, and hashes before/after', async () => {
    const s1 = appliedSync(sync('crm-shop'));
    await store.commit([
      { kind: 'put-connection', connection: appliedConnection(connection('crm')) },
      { kind: 'put-sync', sync: s1 },
    ]);
    const s2 = appliedSync(sync('crm-shop', { pollInterval: '1m', pollIntervalMs: 60_000 }), 'pending-initial-sync', ['contacts']);
    await store.commit([{ kind: 'put-sync', sync: s2 }]);
    const off = appliedSync(sync('crm-shop', { pollInterval: '1m', pollIntervalMs: 60_000, enabled: false }), 'off', null);
    await store.commit([{ kind: 'put-sync', sync: off }]);
    const on = appliedSync(sync('crm-shop', { pollInterval: '1m', pollIntervalMs: 60_000 }), 'pending-initial-sync', 'all');
    await store.commit([{ kind: 'put-sync', sync: on }]);
    await store.commit([{ kind: 'put-sync', sync: { ...on, lifecycle: 'orphaned', restart: null, appliedBy: 'runner@box via syncctl run' } }]);
    await store.setLifecycle('crm-shop', 'failed', 'auth failed');
    await store.commit([{ kind: 'delete-sync', name: 'crm-shop' }], 5, { actor: 'bo@laptop via syncctl apply --allow-delete' });

    const history = (await store.history()).reverse();
    expect(history.map((h) => [h.revision, h.step, h.resource, h.name])).toEqual([
      [1, 'create', 'connection', 'crm'],
      [1, 'create', 'sync', 'crm-shop'],
      [2, 'change', 'sync', 'crm-shop'],
      [3, 'turn-off', 'sync', 'crm-shop'],
      [4, 'turn-on', 'sync', 'crm-shop'],
      [5, 'orphan', 'sync', 'crm-shop'],
      [5, 'lifecycle', 'sync', 'crm-shop'],
      [6, 'delete', 'sync', 'crm-shop'],
    ]);
    expect(history[2]).toMatchObject({ actor: BY, hashBefore: s1.hash, hashAfter: s2.hash, lifecycleAfter: 'pending-initial-sync', detail: 'restart ["contacts"]' });
    expect(history[4]).toMatchObject({ step: 'turn-on', lifecycleBefore: 'off' });
    expect(history[5]).toMatchObject({ actor: 'runner@box via syncctl run', lifecycleBefore: 'pending-initial-sync', lifecycleAfter: 'orphaned' });
    expect(history[6]).toMatchObject({ lifecycleBefore: 'orphaned', lifecycleAfter: 'failed', detail: 'auth failed' });
    expect(history[6]?.actor).toMatch(/^.+@.+ via syncctl$/);
    expect(history[7]).toMatchObject({ actor: 'bo@laptop via syncctl apply --allow-delete', hashBefore: on.hash, hashAfter: null });
    expect(history.every((h) => !Number.isNaN(Date.parse(h.at)))).toBe(true);
    expect((await store.history(2)).map((h) => h.step)).toEqual(['delete', 'lifecycle']);
  });

  it('deleting a sync clears its rows from every table with a sync_name column, whatever the foreign keys', async () => {
    store.database.exec(`
      CREATE TABLE b_records (sync_name TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (sync_name, id));
      CREATE TABLE a_links (sync_name TEXT NOT NULL, record_id TEXT NOT NULL,
        FOREIGN KEY (sync_name, record_id) REFERENCES b_records (sync_name, id));
      CREATE TABLE unrelated (name TEXT);
      INSERT INTO b_records VALUES ('crm-shop', 'r1'), ('other', 'r1');
      INSERT INTO a_links VALUES ('crm-shop', 'r1'), ('other', 'r1');
      INSERT INTO unrelated VALUES ('crm-shop');
    `);
    await store.commit([{ kind: 'put-sync', sync: appliedSync(sync('crm-shop')) }, { kind: 'put-sync', sync: appliedSync(sync('other')) }]);
    expect(perSyncTables(store.database)).toEqual(expect.arrayContaining(['a_links', 'b_records']));
    expect(perSyncTables(store.database)).not.toContain('unrelated');

    await store.commit([{ kind: 'delete-sync', name: 'crm-shop' }]);
    const count = (sql: string): number => store.database.prepare<[], { n: number }>(sql).get()?.n ?? -1;
    expect(count("SELECT count(*) AS n FROM b_records WHERE sync_name = 'crm-shop'")).toBe(0);
    expect(count("SELECT count(*) AS n FROM a_links WHERE sync_name = 'crm-shop'")).toBe(0);
    expect(count("SELECT count(*) AS n FROM b_records WHERE sync_name = 'other'")).toBe(1);
    expect(count('SELECT count(*) AS n FROM unrelated')).toBe(1);
    expect(Object.keys((await store.getApplied()).syncs)).toEqual(['other']);
  });

  it('turning a sync off keeps its per-sync rows', async () => {
    store.database.exec("CREATE TABLE idx (sync_name TEXT NOT NULL, id TEXT); INSERT INTO idx VALUES ('crm-shop', 'r1');");
    await store.commit([{ kind: 'put-sync', sync: appliedSync(sync('crm-shop')) }]);
    await store.commit([{ kind: 'put-sync', sync: appliedSync(sync('crm-shop', { enabled: false }), 'off', null) }]);
    expect(store.database.prepare<[], { n: number }>('SELECT count(*) AS n FROM idx').get()?.n).toBe(1);
  });

  it('stores ${env:X} references as written and never a resolved secret value', async () => {
    const secret = 'pat-na1-5f3c0e2a-9b1d-4c7e-a8f6-2d4b6c8e0a1f';
    const hook = 'https://hooks.example.com/T000/B000/XXXXSECRET';
    process.env['HUBSPOT_TOKEN_TEST'] = secret;
    process.env['NOTIFY_HOOK_TEST'] = hook;
    const hub = appliedConnection({ name: 'hubspot-eu', connector: 'hubspot', options: { token: '${env:HUBSPOT_TOKEN_TEST}' }, baseDir: dir });
    const s = appliedSync(sync('crm-shop', { hub: 'hubspot-eu', notify: { webhook: '${env:NOTIFY_HOOK_TEST}' } }));
    await store.commit([{ kind: 'put-connection', connection: hub }, { kind: 'put-sync', sync: s }]);
    expect((await store.getApplied()).connections['hubspot-eu']?.definition.options).toEqual({ token: '${env:HUBSPOT_TOKEN_TEST}' });
    await store.close();

    const bytes = [path, `${path}-wal`].filter(existsSync).map((p) => readFileSync(p).toString('latin1')).join('');
    expect(bytes).toContain('${env:HUBSPOT_TOKEN_TEST}');
    expect(bytes).toContain('${env:NOTIFY_HOOK_TEST}');
    expect(bytes).not.toContain(secret);
    expect(bytes).not.toContain('XXXXSECRET');
    store = await openStateStore(path);
  });

  it('refuses a definition that holds a resolved secret value, writing nothing', async () => {
    const secret = 'sk-live-0123456789abcdef';
    registerSecret(secret);
    const leaked = appliedConnection({ name: 'hubspot-eu', connector: 'hubspot', options: { token: secret }, baseDir: dir });
    const err = await rejection(store.commit([{ kind: 'put-connection', connection: appliedConnection(connection('crm')) }, { kind: 'put-connection', connection: leaked }]));
    expect(isSyncctlError(err, 'secret_in_state')).toBe(true);
    expect((err as Error).message).not.toContain(secret);
    expect((await store.getApplied()).connections).toEqual({});
  });

  it('hands out frozen snapshots that callers cannot change', async () => {
    await store.commit([{ kind: 'put-sync', sync: appliedSync(sync('crm-shop')) }]);
    const applied = await store.getApplied();
    const s = applied.syncs['crm-shop'];
    expect(Object.isFrozen(s?.definition.objects[0])).toBe(true);
    expect(() => ((s as { lifecycle: string }).lifecycle = 'off')).toThrow(TypeError);
  });

  it('refuses calls after close with a clear error', async () => {
    await store.close();
    const err = await rejection(store.getApplied());
    expect(isSyncctlError(err, 'state_closed')).toBe(true);
    store = await openStateStore(path);
  });
});
