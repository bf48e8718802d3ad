// Interrupted initial syncs: stopped between pages, or dying between a create and its record.
// (The kill -9 loop over 20k records is in kill-resume.integration.test.ts.)
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Connector } from '../../src/connectors/types.js';
import { runInitialSync } from '../../src/engine/index.js';
import { isSyncctlError } from '../../src/errors/syncctl-error.js';
import { CONTACTS_DDL, createApp, makeSync, openWorld, rows, silent, syncObject, tempDir, type Row } from './helpers.js';

const DEALS = {
  hub: `CREATE TABLE deals (id INTEGER PRIMARY KEY, dealname TEXT, amount REAL, updated_at TEXT NOT NULL DEFAULT '2024-01-01T00:00:00Z')`,
  app: `CREATE TABLE orders (id INTEGER PRIMARY KEY, dealname TEXT, amount TEXT, updated_at TEXT NOT NULL DEFAULT '2024-01-01T00:00:00Z')`,
};

/** The real connector, except that `create` dies as the process would: before or after the write. */
function dying(inner: Connector, when: 'before-write' | 'after-write'): Connector {
  return {
    describe: (o) => inner.describe(o),
    list: (o, opts) => inner.list(o, opts),
    read: (o, ids, p) => inner.read(o, ids, p),
    update: (o, i) => inner.update(o, i),
    changes: (o, s, opts) => inner.changes(o, s, opts),
    close: () => inner.close(),
    async create(o, inputs) {
      if (when === 'after-write') await inner.create(o, inputs);
      throw new Error('simulated crash');
    },
  };
}

function world(hub: Row[], app: Row[]): string {
  const dir = tempDir();
  createApp(join(dir, 'crm.db'), { contacts: { ddl: CONTACTS_DDL.hub, rows: hub }, deals: { ddl: DEALS.hub, rows: [] } });
  createApp(join(dir, 'shop.db'), { customers: { ddl: CONTACTS_DDL.app, rows: app }, orders: { ddl: DEALS.app, rows: [] } });
  return dir;
}

const people = (prefix: string, n: number): Row[] => Array.from({ length: n }, (_, i) => ({ email: `${prefix}${i}@x.com`, firstname: `${prefix}${i}` }));

describe('resuming an interrupted initial sync', () => {
  it('given a run stopped between pages, when run again, then it resumes from its checkpoint and finishes with every record once', async () => {
    const dir = world(people('h', 7), people('a', 5));
    const sync = makeSync([syncObject('contacts', 'customers')]);
    const w = await openWorld(dir);
    const controller = new AbortController();
    let pages = 0;
    const stopped = await runInitialSync({
      sync, hub: w.hub, app: w.app, index: w.index, objects: 'all', logger: silent, pageSize: 2, signal: controller.signal,
      onProgress: (e) => {
        if (e.phase === 'sync-app' && !e.done && ++pages === 2) controller.abort();
      },
    }).catch((e: unknown) => e);
    expect(isSyncctlError(stopped, 'initial_sync_aborted')).toBe(true);
    const checkpoint = await w.index.getCheckpoint({ sync: sync.name, object: 'contacts' });
    expect(checkpoint?.phase).toBe('sync-app');

    const report = await runInitialSync({ sync, hub: w.hub, app: w.app, index: w.index, objects: 'all', logger: silent, pageSize: 2 });
    await w.close();
    expect(report.objects[0]?.resumed).toBe(true);
    expect(report.objects[0]?.counts.created).toEqual({ hub: 5, app: 7 });
    expect(rows(join(dir, 'crm.db'), 'contacts')).toHaveLength(12);
    expect(rows(join(dir, 'shop.db'), 'customers')).toHaveLength(12);
  });

  for (const when of ['before-write', 'after-write'] as const) {
    it(`given a crash ${when} of creates matched by email, when run again, then nothing is duplicated and nothing lost`, async () => {
      const dir = world(people('h', 4), people('a', 3));
      const sync = makeSync([syncObject('contacts', 'customers')]);
      const w = await openWorld(dir);
      const crashed = await runInitialSync({ sync, hub: dying(w.hub, when), app: w.app, index: w.index, objects: 'all', logger: silent }).catch((e: unknown) => e);
      expect((crashed as Error).message).toBe('simulated crash');
      expect(await w.index.pendingIntents({ sync: sync.name, object: 'contacts' })).toHaveLength(3);

      const report = await runInitialSync({ sync, hub: w.hub, app: w.app, index: w.index, objects: 'all', logger: silent });
      expect(await w.index.pendingIntents({ sync: sync.name, object: 'contacts' })).toHaveLength(0);
      const status = await w.index.statusCounts({ sync: sync.name, object: 'contacts' });
      await w.close();
      expect(report.objects[0]?.counts.created.hub).toBe(3);
      expect(rows(join(dir, 'crm.db'), 'contacts').map((r) => r.email).sort()).toEqual([...people('h', 4), ...people('a', 3)].map((p) => p.email).sort());
      expect(rows(join(dir, 'shop.db'), 'customers')).toHaveLength(7);
      expect(status).toEqual({ hub: { 'in-sync': 7 }, app: { 'in-sync': 7 } });
    });
  }

  it('given a crash after creating records that have no matching key, when run again, then they are found by content hash, not created twice', async () => {
    const dir = world([], []);
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(join(dir, 'shop.db'));
    for (const [name, amount] of [['Big deal', '1000'], ['Small deal', '10.5'], ['Big deal', '1000']] as const) {
      db.prepare('INSERT INTO orders (dealname, amount) VALUES (?, ?)').run(name, amount);
    }
    db.close();
    const sync = makeSync([syncObject('deals', 'orders')]);
    const w = await openWorld(dir);
    await runInitialSync({ sync, hub: dying(w.hub, 'after-write'), app: w.app, index: w.index, objects: 'all', logger: silent }).catch(() => undefined);
    expect(rows(join(dir, 'crm.db'), 'deals')).toHaveLength(3);
    const report = await runInitialSync({ sync, hub: w.hub, app: w.app, index: w.index, objects: 'all', logger: silent });
    await w.close();
    expect(report.objects[0]?.counts.created.hub).toBe(3);
    expect(rows(join(dir, 'crm.db'), 'deals').map((r) => [r.dealname, r.amount])).toEqual([['Big deal', 1000], ['Small deal', 10.5], ['Big deal', 1000]]);
    expect(rows(join(dir, 'shop.db'), 'orders')).toHaveLength(3);
  });
});
