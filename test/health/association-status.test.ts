// `syncctl status` per association: synced, in queue and failing edges, counted from a
// hand-built association state (written through the store's AssociationIndex), in JSON and text.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { StatusReport } from '../../src/health/index.js';
import { openStateStore } from '../../src/store/index.js';
import { SqliteAssociationIndex } from '../../src/store/sqlite/association-index.js';
import { appliedSync, buildFixture, fixtureSync, run, SYNC } from './helpers.js';

const KEY = { sync: SYNC, name: 'contacts->companies' };

/** Applies the fixture's sync with contacts→companies listed, and hand-builds its association state. */
async function withAssociations(statePath: string): Promise<void> {
  const store = await openStateStore(statePath);
  try {
    const sync = { ...fixtureSync(), associations: [{ from: 'contacts', to: 'companies' }] };
    await store.commit([{ kind: 'put-sync', sync: appliedSync(sync, 'incremental') }]);
    const index = new SqliteAssociationIndex(store.database, () => new Date('2024-03-01T00:00:00.000Z'));
    const cp = await index.startFull(KEY, '1:1');
    await index.save(KEY, [
      { hubFromId: '1', base: ['1'], waiting: [], failing: [] },
      { hubFromId: '4', base: ['2'], waiting: [{ side: 'hub', fromId: '4', toId: '77', hubFromId: '4' }], failing: [] },
      {
        hubFromId: '5', base: ['1'],
        waiting: [{ side: 'app', fromId: '3', toId: '88', hubFromId: '5' }],
        failing: [
          { side: 'app', fromId: '3', toId: '1', hubFromId: '5', op: 'add', category: 'rate_limited', message: '429' },
          { side: 'app', fromId: '3', toId: '2', hubFromId: '5', op: 'remove', category: 'rate_limited', message: '429' },
          { side: 'hub', fromId: '5', toId: '2', hubFromId: '5', op: 'add', category: 'conflict_at_app', message: 'refused' },
        ],
      },
    ], { ...cp, done: true });
  } finally {
    await store.close();
  }
}

async function statusJson(dir: string, statePath: string): Promise<StatusReport> {
  const r = await run(dir, ['status', '--state', statePath, '--format', 'json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as StatusReport;
}

describe('syncctl status: associations', () => {
  it('counts synced, in-queue and failing edges per association, with failing by category', async () => {
    const f = await buildFixture();
    await withAssociations(f.statePath);
    const report = await statusJson(f.dir, f.statePath);
    expect(report.syncs[0]?.associations).toEqual([
      {
        association: 'contacts->companies', from: 'contacts', to: 'companies', primaryOnly: true,
        synced: 3, inQueue: 2, failing: 3, failingByCategory: { rate_limited: 2, conflict_at_app: 1 }, reconciled: true,
      },
    ]);

    const text = await run(f.dir, ['status', '--state', f.statePath]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/ASSOCIATION\s+SYNCED\s+IN QUEUE\s+FAILING/);
    expect(text.stdout).toMatch(/contacts → companies\s+3\s+2\s+3/);
    expect(text.stdout).toMatch(/failing\s+rate_limited 2, conflict_at_app 1/);
    expect(text.stdout).not.toContain('not reconciled yet');
  });

  it('a reconciliation made for other initial-sync runs (or never completed) is not reconciled', async () => {
    const f = await buildFixture();
    await withAssociations(f.statePath);
    const db = new Database(f.statePath);
    db.prepare("UPDATE association_checkpoints SET runs = '1:0'").run();
    db.close();
    expect((await statusJson(f.dir, f.statePath)).syncs[0]?.associations[0]).toMatchObject({ reconciled: false, synced: 3 });
    const text = await run(f.dir, ['status', '--state', f.statePath]);
    expect(text.stdout).toContain('not reconciled yet');
  });

  it('deleting the sync clears its association state', async () => {
    const f = await buildFixture();
    await withAssociations(f.statePath);
    const store = await openStateStore(f.statePath);
    try {
      await store.commit([{ kind: 'delete-sync', name: SYNC }]);
      const count = (t: string) => store.database.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number };
      for (const t of ['association_base', 'association_waiting', 'association_failing', 'association_checkpoints', 'association_touched']) expect(count(t).n).toBe(0);
    } finally {
      await store.close();
    }
  });
});
