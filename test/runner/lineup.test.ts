import { describe, expect, it } from 'vitest';
import { hashConnection, hashSync, loadDefinitionsFromSources } from '../../src/config/index.js';
import { lineUpWorkers, pendingWithoutWorker, workerKey } from '../../src/runner/worker-lineup.js';
import type { AppliedState, Lifecycle } from '../../src/store/types.js';

const FILE = `apiVersion: syncctl/v1
kind: Connection
name: crm
connector: sqlite
options: { path: ./crm.db }
---
apiVersion: syncctl/v1
kind: Connection
name: shop
connector: sqlite
options: { path: ./shop.db }
${['a', 'b', 'c', 'd']
  .map(
    (name) => `---
apiVersion: syncctl/v1
kind: Sync
name: ${name}
hub: crm
app: shop
objects: [{ hub: contacts, app: customers_${name} }]
`,
  )
  .join('')}`;

function state(lifecycles: Record<string, Lifecycle>, over: { dropConnection?: string } = {}): AppliedState {
  const load = loadDefinitionsFromSources([{ file: 'syncs/all.yaml', content: FILE }], { phase: 'run', env: {}, baseDir: '/p' });
  const at = 't';
  return {
    revision: 1,
    connections: Object.fromEntries(
      Object.values(load.desired.connections)
        .filter((c) => c.name !== over.dropConnection)
        .map((c) => [c.name, { name: c.name, hash: hashConnection(c), definition: c, appliedAt: at, appliedBy: 't' }]),
    ),
    syncs: Object.fromEntries(
      Object.entries(lifecycles).map(([name, lifecycle]) => {
        const s = load.desired.syncs[name];
        if (!s) throw new Error(name);
        return [name, { name, hash: hashSync(s), definition: s, lifecycle, restart: null, detail: null, appliedAt: at, appliedBy: 't', generation: 1 }];
      }),
    ),
  };
}

describe('lineUpWorkers', () => {
  it('starts running syncs, stops workers of syncs that stopped running, keeps unchanged ones', () => {
    const applied = state({ a: 'incremental', b: 'pending-initial-sync', c: 'orphaned', d: 'failed' });
    const a = applied.syncs['a'];
    if (!a) throw new Error('a is applied');
    const aKey = workerKey(a, applied);
    const workers = new Map([
      ['a', { key: aKey }],
      ['c', { key: 'old' }],
      ['d', { key: 'old' }],
    ]);
    const lineup = lineUpWorkers({ applied, workers, external: false, pendingBefore: new Set() });
    expect(lineup.stop.sort()).toEqual(['c', 'd']);
    expect(lineup.start.map((s) => s.sync.name)).toEqual(['b']);
    expect(lineup.deferred).toEqual([]);
  });

  it('replaces a worker whose definition or connections changed', () => {
    const applied = state({ a: 'incremental' });
    const lineup = lineUpWorkers({ applied, workers: new Map([['a', { key: 'sha256:before/x/y' }]]), external: false, pendingBefore: new Set() });
    expect(lineup.stop).toEqual(['a']);
    expect(lineup.start.map((s) => s.sync.name)).toEqual(['a']);
  });

  it('after another process applied, leaves it the initial syncs it may be running itself', () => {
    const applied = state({ a: 'initial-sync', b: 'pending-initial-sync', c: 'pending-initial-sync', d: 'incremental' });
    const lineup = lineUpWorkers({ applied, workers: new Map(), external: true, pendingBefore: new Set(['c']) });
    expect(lineup.deferred).toEqual(['a', 'b']);
    expect(lineup.start.map((s) => s.sync.name)).toEqual(['c', 'd']);
    expect(pendingWithoutWorker(applied, new Map([['c', {}]]))).toEqual(['b']);
  });

  it('reports a sync whose connection is missing instead of starting it', () => {
    const lineup = lineUpWorkers({ applied: state({ a: 'incremental' }, { dropConnection: 'shop' }), workers: new Map(), external: false, pendingBefore: new Set() });
    expect(lineup.start).toEqual([]);
    expect(lineup.broken).toEqual([{ sync: 'a', connection: 'shop' }]);
  });
});
