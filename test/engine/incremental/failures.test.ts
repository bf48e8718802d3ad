// Deleted partners, the mass-delete guard, transient failures and refused credentials.
import { afterEach, describe, expect, it } from 'vitest';
import type { Connector, UpdateInput, WriteResult } from '../../../src/connectors/types.js';
import { runInitialSync } from '../../../src/engine/index.js';
import { SyncctlError } from '../../../src/errors/syncctl-error.js';
import { contactsWorld, counting, edit, exec, flaky, indexRows, initialSync, makeSync, pass, row, rows, seen, silent, syncObject, tempDir, written, type World } from './helpers.js';

const sync = makeSync([syncObject('contacts', 'customers')]);
let w: World | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

async function people(n: number): Promise<World> {
  const dir = tempDir();
  const list = Array.from({ length: n }, (_, i) => ({ email: `p${i + 1}@x.com`, firstname: `P${i + 1}` }));
  contactsWorld(dir, list, list);
  w = await initialSync(dir, sync);
  return w;
}

function status(world: World, side: 'hub' | 'app', id: number): { status: string; category: string | null } | undefined {
  const r = indexRows(world.statePath, 'crm-shop', side).find((x) => x.record_id === String(id));
  return r ? { status: r.status, category: r.category } : undefined;
}

describe('deleted linked records', () => {
  it('given a hub record deleted and its partner edited, when polled, then the link fails deleted_in_hub and nothing is recreated', async () => {
    const w = await people(3);
    exec(w.hubPath, 'DELETE FROM contacts WHERE id = 1');
    edit(w.appPath, 'customers', 1, { firstname: 'Still here' });
    const report = await pass(w, sync);
    expect(status(w, 'app', 1)).toEqual({ status: 'failing', category: 'deleted_in_hub' });
    expect(status(w, 'hub', 1)).toEqual({ status: 'failing', category: 'deleted_in_hub' });
    expect(rows(w.hubPath, 'contacts')).toHaveLength(2);
    expect(row(w.appPath, 'customers', 1)?.firstname).toBe('Still here');
    expect(report.failures).toBe(1);
    // Marked once: the next pass has nothing new to say about it.
    expect((await pass(w, sync)).failures).toBe(0);
  });

  it('given an app record deleted, when a push names it, then the link fails deleted_in_app and the hub record is kept', async () => {
    const w = await people(3);
    exec(w.appPath, 'DELETE FROM customers WHERE id = 2');
    await pass(w, sync, { kind: 'push', side: 'app', object: 'customers', ids: ['2'] });
    expect(status(w, 'hub', 2)).toEqual({ status: 'failing', category: 'deleted_in_app' });
    expect(row(w.hubPath, 'contacts', 2)).toBeDefined();
  });

  it('given more than 20% of the linked records vanish in one pass, when pushed, then the object is paused and nothing is marked, until its initial sync restarts', async () => {
    const w = await people(30);
    exec(w.hubPath, 'DELETE FROM contacts WHERE id <= 10');
    const ids = Array.from({ length: 10 }, (_, i) => String(i + 1));
    const report = await pass(w, sync, { kind: 'push', side: 'hub', object: 'contacts', ids });
    expect(report.objects[0]?.paused).toMatch(/10 of 30 linked contacts records vanished from the hub/);
    expect(report.failures).toBe(10);
    expect(indexRows(w.statePath, 'crm-shop', 'hub').filter((r) => r.status === 'failing')).toEqual([]);

    edit(w.appPath, 'customers', 20, { firstname: 'Waits' });
    const paused = await pass(w, sync);
    expect(paused.objects[0]?.paused).toBeDefined();
    expect(row(w.hubPath, 'contacts', 20)?.firstname).toBe('P20');

    await runInitialSync({ sync, hub: w.hub, app: w.app, index: w.index, objects: 'all', logger: silent });
    edit(w.appPath, 'customers', 20, { firstname: 'Resumed' });
    const resumed = await pass(w, sync);
    expect(resumed.objects[0]?.paused).toBeUndefined();
    expect(row(w.hubPath, 'contacts', 20)?.firstname).toBe('Resumed');
  });
});

describe('transient failures', () => {
  it('given the app fails the first writes transiently, when polled, then the write is retried and ends in sync', async () => {
    const w = await people(2);
    const app = flaky(w.app, 3);
    edit(w.hubPath, 'contacts', 1, { firstname: 'Retried' });
    const report = await pass(w, sync, { kind: 'poll' }, { app: app.connector });
    expect(app.calls()).toBe(4);
    expect(row(w.appPath, 'customers', 1)?.firstname).toBe('Retried');
    expect(report.failures).toBe(0);
    expect(status(w, 'hub', 1)).toEqual({ status: 'in-sync', category: null });
  });

  it('given the change feed fails transiently, when polled, then it is read again and the change arrives', async () => {
    const w = await people(2);
    edit(w.appPath, 'customers', 2, { firstname: 'Feed' });
    let calls = 0;
    const app: Connector = {
      ...counting(w.app).connector,
      changes(o, since, opts) {
        calls += 1;
        if (calls === 1) throw new SyncctlError('app_unavailable', 'the app answered 502', { meta: { retryable: true } });
        return w.app.changes(o, since, opts);
      },
    };
    await pass(w, sync, { kind: 'poll' }, { app });
    expect(calls).toBe(2);
    expect(row(w.hubPath, 'contacts', 2)?.firstname).toBe('Feed');
  });

  it('given a write that keeps failing, then the pair is marked failing, is not retried on re-reads, and is retried by retry-failing', async () => {
    const w = await people(2);
    edit(w.hubPath, 'contacts', 1, { firstname: 'Later' });
    const report = await pass(w, sync, { kind: 'poll' }, { app: flaky(w.app, 100).connector, tuning: { retryAttempts: 3 } });
    expect(report.failures).toBe(1);
    expect(status(w, 'hub', 1)?.status).toBe('failing');
    expect(['rate_limited', 'app_unavailable']).toContain(status(w, 'app', 1)?.category);

    const app = counting(w.app);
    expect(seen(await pass(w, sync, { kind: 'poll' }, { app: app.connector }))).toEqual({ hub: 0, app: 0 });
    expect(app.counts.updated).toBe(0);

    const retried = await pass(w, sync, { kind: 'retry-failing' }, { app: app.connector });
    expect(retried.trigger).toBe('retry-failing');
    expect(row(w.appPath, 'customers', 1)?.firstname).toBe('Later');
    expect(status(w, 'hub', 1)).toEqual({ status: 'in-sync', category: null });
    expect(written(await pass(w, sync))).toEqual({ hub: 0, app: 0 });
  });

  it('given a failing pair, when its record changes again, then the next poll retries it', async () => {
    const w = await people(2);
    edit(w.hubPath, 'contacts', 2, { firstname: 'First' });
    await pass(w, sync, { kind: 'poll' }, { app: flaky(w.app, 100).connector, tuning: { retryAttempts: 2 } });
    expect(status(w, 'app', 2)?.status).toBe('failing');
    edit(w.hubPath, 'contacts', 2, { lastname: 'Second' });
    await pass(w, sync);
    expect(row(w.appPath, 'customers', 2)).toMatchObject({ firstname: 'First', lastname: 'Second' });
  });
});

describe('refused credentials', () => {
  function refusing(inner: Connector, where: 'read' | 'update'): Connector {
    const err = new SyncctlError('auth_failed', 'connection "shop": 401 Unauthorized', { meta: { category: 'auth_failed' } });
    return {
      ...counting(inner).connector,
      read: where === 'read' ? () => Promise.reject(err) : (o, ids, p) => inner.read(o, ids, p),
      update: where === 'update' ? (): Promise<WriteResult[]> => Promise.reject(err) : (o: string, i: readonly UpdateInput[]) => inner.update(o, i),
    };
  }

  it.each(['read', 'update'] as const)('given the app refuses the credentials on %s, when polled, then the pass stops with auth_failed', async (where) => {
    const w = await people(2);
    edit(w.hubPath, 'contacts', 1, { firstname: 'Nope' });
    await expect(pass(w, sync, { kind: 'poll' }, { app: refusing(w.app, where) })).rejects.toMatchObject({ code: 'auth_failed' });
    expect(row(w.appPath, 'customers', 1)?.firstname).toBe('P1');
  });
});
