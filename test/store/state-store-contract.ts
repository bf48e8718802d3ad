// The behaviour every StateStore backend must show. Each backend's test file calls
// describeStateStoreContract with a factory for a fresh, empty store.
import { hostname } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isSyncctlError } from '../../src/errors/syncctl-error.js';
import type { StateStore } from '../../src/store/index.js';
import { appliedConnection, appliedSync, connection, deadPid, sync } from './helpers.js';

export interface ContractBackend {
  /** A fresh, empty store. */
  open(): Promise<StateStore>;
  /** Frees what open() made (after the store is closed). */
  cleanup(): void;
}

const me = { pid: process.pid, host: hostname(), user: 'tester', command: 'syncctl apply' };

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected a rejection'),
    (err: unknown) => err,
  );
}

/** Registers the StateStore contract tests for one backend. */
export function describeStateStoreContract(name: string, makeBackend: () => ContractBackend): void {
  describe(`StateStore contract: ${name}`, () => {
    let backend: ContractBackend;
    let store: StateStore;
    beforeEach(async () => {
      backend = makeBackend();
      store = await backend.open();
    });
    afterEach(async () => {
      await store.close();
      backend.cleanup();
    });

    it('starts empty at revision 0', async () => {
      expect(await store.getApplied()).toEqual({ connections: {}, syncs: {}, revision: 0 });
    });

    it('returns what was committed and bumps the revision once per commit', async () => {
      const crm = appliedConnection(connection('crm'));
      const shop = appliedConnection(connection('shop'));
      const s = appliedSync(sync('crm-shop'));
      expect(await store.commit([{ kind: 'put-connection', connection: crm }, { kind: 'put-connection', connection: shop }, { kind: 'put-sync', sync: s }])).toBe(1);
      const applied = await store.getApplied();
      expect(applied.revision).toBe(1);
      expect(applied.connections).toEqual({ crm, shop });
      expect(applied.syncs['crm-shop']).toEqual(s);
    });

    it('keeps the revision when a commit changes nothing', async () => {
      const crm = appliedConnection(connection('crm'));
      await store.commit([{ kind: 'put-connection', connection: crm }]);
      expect(await store.commit([{ kind: 'put-connection', connection: crm }])).toBe(1);
      expect(await store.commit([])).toBe(1);
    });

    it('refuses a commit made against another revision with stale_state and writes nothing', async () => {
      await store.commit([{ kind: 'put-connection', connection: appliedConnection(connection('crm')) }], 0);
      const err = await rejection(store.commit([{ kind: 'put-connection', connection: appliedConnection(connection('shop')) }], 0));
      expect(isSyncctlError(err, 'stale_state')).toBe(true);
      expect((err as Error).message).toMatch(/revision 0.*revision 1/);
      const applied = await store.getApplied();
      expect(Object.keys(applied.connections)).toEqual(['crm']);
      expect(applied.revision).toBe(1);
      expect(await store.commit([{ kind: 'put-connection', connection: appliedConnection(connection('shop')) }], 1)).toBe(2);
    });

    it('rolls back every write of a commit when one fails', async () => {
      await store.commit([{ kind: 'put-connection', connection: appliedConnection(connection('crm')) }]);
      const err = await rejection(
        store.commit([
          { kind: 'put-connection', connection: appliedConnection(connection('shop')) },
          { kind: 'delete-connection', name: 'crm' },
          { kind: 'set-lifecycle', name: 'no-such-sync', lifecycle: 'off' },
          { kind: 'put-sync', sync: appliedSync(sync('crm-shop')) },
        ]),
      );
      expect(isSyncctlError(err, 'unknown_sync')).toBe(true);
      const applied = await store.getApplied();
      expect(Object.keys(applied.connections)).toEqual(['crm']);
      expect(applied.syncs).toEqual({});
      expect(applied.revision).toBe(1);
    });

    it('counts generations by definition changes, not by lifecycle changes', async () => {
      const first = appliedSync(sync('crm-shop'));
      await store.commit([{ kind: 'put-sync', sync: first }]);
      await store.commit([{ kind: 'put-sync', sync: { ...first, lifecycle: 'incremental', restart: null } }]);
      expect((await store.getApplied()).syncs['crm-shop']?.generation).toBe(1);
      await store.commit([{ kind: 'put-sync', sync: appliedSync(sync('crm-shop', { pollInterval: '1m', pollIntervalMs: 60_000 })) }]);
      const after = (await store.getApplied()).syncs['crm-shop'];
      expect(after?.generation).toBe(2);
      expect(after?.definition.pollInterval).toBe('1m');
    });

    it('sets lifecycles in a commit, with the restart scope and a detail', async () => {
      await store.commit([{ kind: 'put-sync', sync: appliedSync(sync('crm-shop'), 'incremental', null) }]);
      await store.commit([{ kind: 'set-lifecycle', name: 'crm-shop', lifecycle: 'pending-initial-sync', restart: ['deals', 'contacts'], detail: 'mapping changed' }]);
      const s = (await store.getApplied()).syncs['crm-shop'];
      expect(s).toMatchObject({ lifecycle: 'pending-initial-sync', restart: ['contacts', 'deals'], detail: 'mapping changed' });
    });

    it('reports lifecycle progress without moving the revision; reaching incremental clears the restart scope', async () => {
      await store.commit([{ kind: 'put-sync', sync: appliedSync(sync('crm-shop'), 'pending-initial-sync', ['contacts']) }]);
      await store.setLifecycle('crm-shop', 'initial-sync', 'indexing the hub');
      let s = (await store.getApplied()).syncs['crm-shop'];
      expect(s).toMatchObject({ lifecycle: 'initial-sync', restart: ['contacts'], detail: 'indexing the hub' });
      await store.setLifecycle('crm-shop', 'incremental');
      const applied = await store.getApplied();
      s = applied.syncs['crm-shop'];
      expect(s).toMatchObject({ lifecycle: 'incremental', restart: null, detail: null });
      expect(applied.revision).toBe(1);
    });

    it('refuses a lifecycle for an unknown sync', async () => {
      const err = await rejection(store.setLifecycle('ghost', 'failed', 'auth failed'));
      expect(isSyncctlError(err, 'unknown_sync')).toBe(true);
      expect((err as Error).message).toContain('ghost');
    });

    it('deletes connections and syncs; deleting what is absent changes nothing', async () => {
      await store.commit([
        { kind: 'put-connection', connection: appliedConnection(connection('crm')) },
        { kind: 'put-sync', sync: appliedSync(sync('crm-shop')) },
      ]);
      expect(await store.commit([{ kind: 'delete-sync', name: 'crm-shop' }, { kind: 'delete-connection', name: 'crm' }])).toBe(2);
      expect(await store.getApplied()).toEqual({ connections: {}, syncs: {}, revision: 2 });
      expect(await store.commit([{ kind: 'delete-sync', name: 'crm-shop' }])).toBe(2);
    });

    it('lets one holder at a time take the apply lock, naming the holder to the next', async () => {
      const lock = await store.acquireApplyLock(me);
      expect(lock.tookOver).toBeUndefined();
      const err = await rejection(store.acquireApplyLock({ ...me, command: 'syncctl run' }));
      expect(isSyncctlError(err, 'apply_locked')).toBe(true);
      expect((err as Error).message).toMatch(
        new RegExp(`^state is locked by syncctl apply \\(pid ${process.pid} on host ${me.host}, user tester\\) since \\d{4}-`),
      );
      expect((err as { hint?: string }).hint).toMatch(/takes the lock over automatically/);
      await lock.release();
      const next = await store.acquireApplyLock({ ...me, command: 'syncctl run' });
      await next.release();
    });

    it('takes over a lock whose process is gone, and the old holder cannot release the new lock', async () => {
      const gone = { pid: await deadPid(), host: me.host, user: 'ghost', command: 'syncctl apply' };
      const stale = await store.acquireApplyLock(gone);
      const lock = await store.acquireApplyLock(me);
      expect(lock.tookOver).toMatchObject({ reason: 'holder-gone', holder: { pid: gone.pid, user: 'ghost', command: 'syncctl apply' } });
      await stale.release();
      const err = await rejection(store.acquireApplyLock({ ...me, command: 'syncctl run' }));
      expect(isSyncctlError(err, 'apply_locked')).toBe(true);
      await lock.release();
      await lock.release();
      await (await store.acquireApplyLock(me)).release();
    });
  });
}
