// The engine half of resync-deleted, through its public functions: batching and per-record failures.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Connector, CreateInput } from '../../src/connectors/types.js';
import { resolveObjects } from '../../src/engine/index.js';
import { findDeleted, resyncDeleted } from '../../src/engine/resync/index.js';
import { openWorld, silent } from '../engine/helpers.js';
import { buildWorld, exec, pass, rows, sync } from './helpers.js';

describe('resyncDeleted', () => {
  it('given three deleted app records and batch size 2, then creates go in two calls and a record the app refuses fails alone', async () => {
    const dir = await buildWorld();
    exec(join(dir, 'shop.db'), 'DELETE FROM customers');
    await pass(dir, { kind: 'push', side: 'app', object: 'customers', ids: ['1', '2', '3'] });
    const w = await openWorld(dir);
    try {
      const calls: number[] = [];
      const app: Connector = {
        ...w.app,
        describe: (o) => w.app.describe(o),
        read: (o, ids, p) => w.app.read(o, ids, p),
        async create(o: string, inputs: readonly CreateInput[]) {
          calls.push(inputs.length);
          const ok = await w.app.create(o, inputs.filter((i) => i.ref !== '3'));
          return inputs.map((i) => (i.ref === '3' ? { ok: false as const, ref: i.ref, category: 'conflict_at_app' as const, message: 'refused', retryable: false } : ok.shift() ?? { ok: false as const, category: 'unknown' as const, message: '?', retryable: false }));
        },
      };
      const objects = ['contacts'];
      const pairs = await findDeleted(w.store.database, w.index, sync, 'app', objects);
      expect(pairs.map((p) => [p.survivorId, p.deletedId])).toEqual([['1', '1'], ['2', '2'], ['3', '3']]);
      const contacts = sync.objects.filter((o) => o.hub === 'contacts');
      const described = new Map([['contacts', { hub: await w.hub.describe('contacts'), app: await w.app.describe('customers') }]]);
      const resolved = resolveObjects(sync, contacts, described);
      const report = await resyncDeleted({ sync, side: 'app', hub: w.hub, app, index: w.index, db: w.store.database, objects: resolved, pairs, logger: silent, batchSize: 2 });
      expect(calls).toEqual([2, 1]);
      expect(report.recreated.map((r) => r.survivorId)).toEqual(['1', '2']);
      expect(report.failedByCategory).toEqual({ conflict_at_app: 1 });
      expect(rows(w.appPath, 'customers').map((c) => c.email)).toEqual(['p1@x.com', 'p2@x.com']);
      expect((await findDeleted(w.store.database, w.index, sync, 'app', objects)).map((p) => p.survivorId)).toEqual(['3']);
    } finally {
      await w.close();
    }
  });
});
