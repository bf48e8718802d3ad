import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DesiredState } from '../../src/config/model.js';
import { readPlanFile, writePlanFile } from '../../src/plan/saved-plan.js';
import { applyPlan } from '../../src/reconcile/apply.js';
import { reconcile } from '../../src/reconcile/diff.js';
import type { Plan } from '../../src/reconcile/types.js';
import { currentStateFromApplied, openStateStore } from '../../src/store/index.js';
import type { StateStore } from '../../src/store/types.js';
import { companies, conn, contacts, desired, OPTIONS, sync } from './fixtures.js';

const CONNECTIONS = [conn('crm'), conn('shop')];
const BY = 'test@host via syncctl apply';

let dir: string;
let store: StateStore;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'syncctl-apply-'));
  store = await openStateStore(join(dir, 'state.db'));
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Plans the files against what the store holds now. */
async function planFor(files: DesiredState, allowDelete = false): Promise<Plan> {
  const applied = await store.getApplied();
  return reconcile(files, currentStateFromApplied(applied), { ...OPTIONS, allowDelete, stateRevision: applied.revision });
}

async function applyFiles(files: DesiredState, allowDelete = false) {
  return applyPlan(store, await planFor(files, allowDelete), { by: BY, now: new Date('2025-02-03T04:05:06Z') });
}

async function syncState(name: string) {
  return (await store.getApplied()).syncs[name];
}

describe('applyPlan against the real SQLite store', () => {
  it('creates connections and syncs; an enabled sync waits for its whole initial sync', async () => {
    const result = await applyFiles(desired(CONNECTIONS, [sync('crm-shop'), sync('later', { enabled: false })]));
    expect(result.revision).toBe(1);
    expect(result.initialSyncs).toEqual([{ sync: 'crm-shop', restart: 'all' }]);
    const applied = await store.getApplied();
    expect(Object.keys(applied.connections).sort()).toEqual(['crm', 'shop']);
    expect(applied.connections.crm).toMatchObject({ appliedBy: BY, appliedAt: '2025-02-03T04:05:06.000Z', definition: { connector: 'sqlite' } });
    expect(applied.syncs['crm-shop']).toMatchObject({ lifecycle: 'pending-initial-sync', restart: 'all', generation: 1 });
    expect(applied.syncs.later).toMatchObject({ lifecycle: 'off', restart: null });
  });

  it('leaves the state alone for a plan with no changes, and the next plan is all unchanged', async () => {
    const files = desired(CONNECTIONS, [sync('crm-shop')]);
    await applyFiles(files);
    const again = await planFor(files);
    expect(again.steps.every((s) => s.kind === 'unchanged')).toBe(true);
    const result = await applyPlan(store, again, { by: BY });
    expect(result).toEqual({ revision: 1, initialSyncs: [], writes: [] });
  });

  it('restarts only the changed objects of a running sync, and merges with a restart still pending', async () => {
    await applyFiles(desired(CONNECTIONS, [sync('crm-shop')]));
    await store.setLifecycle('crm-shop', 'incremental');
    await applyFiles(desired(CONNECTIONS, [sync('crm-shop', { objects: [companies(), contacts({ direction: 'to-app' })] })]));
    expect(await syncState('crm-shop')).toMatchObject({ lifecycle: 'pending-initial-sync', restart: ['contacts'], generation: 2 });

    const result = await applyFiles(desired(CONNECTIONS, [sync('crm-shop', { objects: [companies({ conflictWinner: 'app' }), contacts({ direction: 'to-app' })] })]));
    expect(result.initialSyncs).toEqual([{ sync: 'crm-shop', restart: ['companies', 'contacts'] }]);
    expect(await syncState('crm-shop')).toMatchObject({ restart: ['companies', 'contacts'], generation: 3 });
  });

  it('keeps a pending restart of everything whole when one object changes', async () => {
    await applyFiles(desired(CONNECTIONS, [sync('crm-shop')]));
    await applyFiles(desired(CONNECTIONS, [sync('crm-shop', { objects: [companies(), contacts({ onlyWithEmail: false })] })]));
    expect(await syncState('crm-shop')).toMatchObject({ lifecycle: 'pending-initial-sync', restart: 'all' });
  });

  it('keeps the lifecycle of a change that forces no resync', async () => {
    await applyFiles(desired(CONNECTIONS, [sync('crm-shop')]));
    await store.setLifecycle('crm-shop', 'incremental');
    const result = await applyFiles(desired(CONNECTIONS, [sync('crm-shop', { pollInterval: '1m', pollIntervalMs: 60_000 })]));
    expect(result.initialSyncs).toEqual([]);
    expect(await syncState('crm-shop')).toMatchObject({ lifecycle: 'incremental', restart: null, definition: { pollInterval: '1m' } });
  });

  it('turns a sync off and on again, which restarts it whole', async () => {
    await applyFiles(desired(CONNECTIONS, [sync('crm-shop')]));
    await store.setLifecycle('crm-shop', 'incremental');
    await applyFiles(desired(CONNECTIONS, [sync('crm-shop', { enabled: false })]));
    expect(await syncState('crm-shop')).toMatchObject({ lifecycle: 'off', restart: null, definition: { enabled: false } });
    const result = await applyFiles(desired(CONNECTIONS, [sync('crm-shop')]));
    expect(result.initialSyncs).toEqual([{ sync: 'crm-shop', restart: 'all' }]);
    expect(await syncState('crm-shop')).toMatchObject({ lifecycle: 'pending-initial-sync', restart: 'all' });
  });

  it('orphans a removed sync, keeps it while it stays removed, and turns it back on when it returns', async () => {
    await applyFiles(desired(CONNECTIONS, [sync('crm-shop'), sync('legacy')]));
    await applyFiles(desired(CONNECTIONS, [sync('crm-shop')]));
    expect(await syncState('legacy')).toMatchObject({ lifecycle: 'orphaned', definition: { name: 'legacy' } });
    expect((await planFor(desired(CONNECTIONS, [sync('crm-shop')]))).steps.every((s) => s.kind === 'unchanged')).toBe(true);
    const back = await applyFiles(desired(CONNECTIONS, [sync('crm-shop'), sync('legacy')]));
    expect(back.initialSyncs).toEqual([{ sync: 'legacy', restart: 'all' }]);
    expect(await syncState('legacy')).toMatchObject({ lifecycle: 'pending-initial-sync' });
  });

  it('deletes a removed sync and its unused connection with allowDelete', async () => {
    await applyFiles(desired([...CONNECTIONS, conn('old')], [sync('crm-shop'), sync('legacy', { app: 'old' })]));
    await applyFiles(desired(CONNECTIONS, [sync('crm-shop')]), true);
    const applied = await store.getApplied();
    expect(Object.keys(applied.syncs)).toEqual(['crm-shop']);
    expect(Object.keys(applied.connections).sort()).toEqual(['crm', 'shop']);
  });

  it('restarts the syncs of a connection whose options changed', async () => {
    await applyFiles(desired(CONNECTIONS, [sync('crm-shop')]));
    await store.setLifecycle('crm-shop', 'incremental');
    const result = await applyFiles(desired([conn('crm', { options: { path: './demo/crm-v2.db' } }), conn('shop')], [sync('crm-shop')]));
    expect(result.initialSyncs).toEqual([{ sync: 'crm-shop', restart: 'all' }]);
    const applied = await store.getApplied();
    expect(applied.connections.crm?.definition.options).toEqual({ path: './demo/crm-v2.db' });
    expect(applied.syncs['crm-shop']).toMatchObject({ lifecycle: 'pending-initial-sync', generation: 1 });
  });

  it('refuses a plan made at an older state revision, writing nothing', async () => {
    await applyFiles(desired(CONNECTIONS, [sync('crm-shop')]));
    const stale = await planFor(desired(CONNECTIONS, [sync('crm-shop', { description: 'x' })]));
    await applyFiles(desired(CONNECTIONS, [sync('crm-shop', { pollInterval: '1m', pollIntervalMs: 60_000 })]));
    await expect(applyPlan(store, stale, { by: BY })).rejects.toMatchObject({ code: 'stale_state' });
    expect((await syncState('crm-shop'))?.definition.description).toBeUndefined();
  });

  it('applies a saved plan read back from its file exactly like the plan it was made from', async () => {
    const files = desired([conn('crm'), conn('shop')], [sync('crm-shop'), sync('later', { enabled: false })]);
    const plan = await planFor(files);
    const path = join(dir, 'plan.json');
    writePlanFile(path, plan);
    const result = await applyPlan(store, readPlanFile(path), { by: BY, now: new Date('2025-02-03T04:05:06Z') });

    const other = await openStateStore(join(dir, 'direct.db'));
    try {
      const direct = await applyPlan(other, plan, { by: BY, now: new Date('2025-02-03T04:05:06Z') });
      expect(result.writes).toEqual(direct.writes);
      expect(await store.getApplied()).toEqual(await other.getApplied());
    } finally {
      await other.close();
    }
  });
});
