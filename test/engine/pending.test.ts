// runPendingInitialSyncs against a real state store: lifecycles, restart lists, failures, env.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Connection, Sync } from '../../src/config/model.js';
import { openConnector, runPendingInitialSyncs } from '../../src/engine/index.js';
import { isSyncctlError } from '../../src/errors/syncctl-error.js';
import { openStateStore, type SqliteStateStore } from '../../src/store/index.js';
import { SqliteRecordIndex } from '../../src/store/sqlite/record-index.js';
import type { AppliedSync } from '../../src/store/types.js';
import { COMPANIES_DDL, CONTACTS_DDL, createApp, makeSync, rows, silent, syncObject, tempDir } from './helpers.js';

function connection(name: string, dir: string, path: string): Connection {
  return { name, connector: 'sqlite', options: { path }, baseDir: dir };
}

async function applied(dir: string, sync: Sync, lifecycle: AppliedSync['lifecycle'], restart: AppliedSync['restart'], appPath = 'shop.db'): Promise<SqliteStateStore> {
  const store = await openStateStore(join(dir, 'state.db'));
  const at = new Date().toISOString();
  await store.commit([
    { kind: 'put-connection', connection: { name: 'crm', hash: 'h1', definition: connection('crm', dir, 'crm.db'), appliedAt: at, appliedBy: 'test' } },
    { kind: 'put-connection', connection: { name: 'shop', hash: 'h2', definition: connection('shop', dir, appPath), appliedAt: at, appliedBy: 'test' } },
    { kind: 'put-sync', sync: { name: sync.name, hash: 'h3', definition: sync, lifecycle, restart, detail: null, appliedAt: at, appliedBy: 'test', generation: 1 } },
  ]);
  return store;
}

function world(): string {
  const dir = tempDir();
  createApp(join(dir, 'crm.db'), {
    contacts: { ddl: CONTACTS_DDL.hub, rows: [{ email: 'a@x.com' }] },
    companies: { ddl: COMPANIES_DDL.hub, rows: [{ name: 'Acme' }] },
  });
  createApp(join(dir, 'shop.db'), { customers: { ddl: CONTACTS_DDL.app }, accounts: { ddl: COMPANIES_DDL.app } });
  return dir;
}

const SYNC = makeSync([syncObject('contacts', 'customers'), syncObject('companies', 'accounts')]);

describe('runPendingInitialSyncs', () => {
  it('given a sync pending its initial sync, when run, then it syncs and becomes incremental', async () => {
    const dir = world();
    const store = await applied(dir, SYNC, 'pending-initial-sync', 'all');
    const reports = await runPendingInitialSyncs({ store, env: {}, logger: silent });
    const state = await store.getApplied();
    await store.close();
    expect(reports.map((r) => r.sync)).toEqual(['crm-shop']);
    expect(state.syncs['crm-shop']?.lifecycle).toBe('incremental');
    expect(rows(join(dir, 'shop.db'), 'customers')).toHaveLength(1);
    expect(rows(join(dir, 'shop.db'), 'accounts')).toHaveLength(1);
  });

  it('given a restart of one object, when run, then only that object runs', async () => {
    const dir = world();
    const store = await applied(dir, SYNC, 'pending-initial-sync', ['companies']);
    const [report] = await runPendingInitialSyncs({ store, env: {}, logger: silent });
    await store.close();
    expect(report?.objects.map((o) => o.object)).toEqual(['companies']);
    expect(rows(join(dir, 'shop.db'), 'customers')).toHaveLength(0);
  });

  it('given a sync that cannot run, when run, then it becomes failed with the reason and other syncs are unaffected', async () => {
    const dir = world();
    const store = await applied(dir, SYNC, 'pending-initial-sync', 'all', 'missing.db');
    const reports = await runPendingInitialSyncs({ store, env: {}, logger: silent });
    const state = await store.getApplied();
    await store.close();
    expect(reports).toEqual([]);
    expect(state.syncs['crm-shop']?.lifecycle).toBe('failed');
    expect(state.syncs['crm-shop']?.detail).toContain('missing.db');
  });

  it('given an interrupted run (lifecycle initial-sync) with one object done, when run, then the done object is not run again', async () => {
    const dir = world();
    const store = await applied(dir, SYNC, 'pending-initial-sync', 'all');
    await runPendingInitialSyncs({ store, env: {}, logger: silent });
    await store.setLifecycle(SYNC.name, 'initial-sync');
    const [report] = await runPendingInitialSyncs({ store, env: {}, logger: silent });
    const index = new SqliteRecordIndex(store.database, store.location);
    const checkpoint = await index.getCheckpoint({ sync: SYNC.name, object: 'contacts' });
    await store.close();
    expect(report?.objects.every((o) => o.skippedAsDone)).toBe(true);
    expect(checkpoint?.run).toBe(1);
  });

  it('given a turned-off or incremental sync, when run, then nothing runs', async () => {
    const dir = world();
    const store = await applied(dir, { ...SYNC, enabled: false }, 'off', null);
    expect(await runPendingInitialSyncs({ store, env: {}, logger: silent })).toEqual([]);
    await store.close();
  });
});

describe('openConnector', () => {
  it('given an option referring to an unset variable, when opened, then env_unset names the variable and no value', () => {
    const conn: Connection = { name: 'crm', connector: 'sqlite', options: { path: '${env:CRM_DB_PATH}' }, baseDir: tempDir() };
    let error: unknown;
    try {
      openConnector(conn, { OTHER: 'secret-value-1234' });
    } catch (e) {
      error = e;
    }
    expect(isSyncctlError(error, 'env_unset')).toBe(true);
    expect((error as Error).message).toContain('CRM_DB_PATH');
    expect((error as Error).message).not.toContain('secret-value-1234');
  });

  it('given the variable set, when opened, then the connector reads the file it names', async () => {
    const dir = world();
    const conn: Connection = { name: 'crm', connector: 'sqlite', options: { path: '${env:CRM_DB_PATH}' }, baseDir: dir };
    const connector = openConnector(conn, { CRM_DB_PATH: join(dir, 'crm.db') });
    const description = await connector.describe('contacts');
    await connector.close();
    expect(description.fields.map((f) => f.name)).toContain('email');
  });
});
