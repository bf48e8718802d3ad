// The SQLite RecordIndex on a real state store file: its lookups, duplicates, checkpoints, and
// that deleting a sync drops its rows.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScannedRecord } from '../../src/engine/record-index.js';
import { openStateStore } from '../../src/store/index.js';
import { SqliteRecordIndex, openTemporaryRecordIndex } from '../../src/store/sqlite/record-index.js';
import { makeSync, syncObject, tempDir } from './helpers.js';

const key = { sync: 'crm-shop', object: 'contacts' };

function rec(id: string, email: string | null, extra: Partial<ScannedRecord> = {}): ScannedRecord {
  return {
    id,
    identifiers: email ? [{ prop: 0, value: email }] : [],
    values: email ? { email } : {},
    hash: `h${id}`,
    filterOk: true,
    emailOk: email !== null,
    changedAt: '2024-01-01T00:00:00.000Z',
    ...extra,
  };
}

describe('SqliteRecordIndex', () => {
  it('given scanned records, when looked up, then rows come back by id and identifiers name their first holder', async () => {
    const store = await openStateStore(join(tempDir(), 'state.db'));
    const index = new SqliteRecordIndex(store.database, store.location);
    const cp = await index.startRun(key, 'def', { n: 0 });
    await index.commit(key, cp.run, { scanned: { side: 'hub', records: [rec('1', 'a@x.com'), rec('2', 'b@x.com'), rec('3', 'a@x.com')] }, checkpoint: { ...cp, cursor: 'c1' } });
    const found = await index.rowsById(key, 'hub', ['1', '3', 'nope']);
    const holders = await index.firstHolders(key, 'hub', [{ prop: 0, value: 'a@x.com' }, { prop: 0, value: 'zzz' }]);
    const duplicates = await index.markDuplicates(key, 'hub', cp.run);
    const three = (await index.rowsById(key, 'hub', ['3'])).get('3');
    const pending = await index.pendingRows(key, 'hub', cp.run, 0, 10);
    const checkpoint = await index.getCheckpoint(key);
    await store.close();

    expect([...found.keys()].sort()).toEqual(['1', '3']);
    expect(found.get('1')).toMatchObject({ side: 'hub', status: 'pending', values: { email: 'a@x.com' }, identifiers: [{ prop: 0, value: 'a@x.com' }] });
    expect([...holders.values()].map((h) => h.id)).toEqual(['1']);
    expect(duplicates).toBe(1);
    expect(three?.duplicateOf).toEqual({ side: 'hub', id: '1' });
    expect(pending.map((r) => r.id)).toEqual(['1', '2', '3']);
    expect(checkpoint).toMatchObject({ run: 1, definitionHash: 'def', phase: 'index-hub', cursor: 'c1' });
  });

  it('given decided rows, when the same records are scanned again in the same run, then the decisions stay', async () => {
    const { index, dispose } = openTemporaryRecordIndex();
    const cp = await index.startRun(key, 'def', {});
    await index.commit(key, cp.run, { rows: [{ ...rec('1', 'a@x.com'), side: 'app', status: 'excluded', reason: 'filter', partnerId: null, synced: false }] });
    await index.commit(key, cp.run, { scanned: { side: 'app', records: [rec('1', 'a@x.com', { hash: 'new' })] } });
    const row = (await index.rowsById(key, 'app', ['1'])).get('1');
    const next = await index.startRun(key, 'def', {});
    await index.commit(key, next.run, { scanned: { side: 'app', records: [rec('1', 'a@x.com')] } });
    const rescanned = (await index.rowsById(key, 'app', ['1'])).get('1');
    dispose();
    expect(row).toMatchObject({ status: 'excluded', reason: 'filter', hash: 'new' });
    expect(rescanned).toMatchObject({ status: 'pending', reason: null, run: 2 });
  });

  it('given batches of intents, when single intents or whole batches are dropped, then only the rest stays listed', async () => {
    const { index, dispose } = openTemporaryRecordIndex();
    const intent = (batch: string, sourceId: string) => ({ batch, target: 'hub' as const, sourceId, keys: [], fields: ['a'], hash: sourceId, run: 1 });
    await index.commit(key, 1, { addIntents: [intent('b1', '1'), intent('b1', '2'), intent('b2', '3')] });
    await index.commit(key, 1, { dropIntents: [{ target: 'hub', sourceId: '1' }] });
    const afterSingle = (await index.pendingIntents(key)).map((i) => `${i.batch}/${i.sourceId}`);
    await index.commit(key, 1, { dropIntentBatches: [{ target: 'hub', batch: 'b2' }] });
    const afterBatch = (await index.pendingIntents(key)).map((i) => `${i.batch}/${i.sourceId}`);
    dispose();
    expect(afterSingle).toEqual(['b1/2', 'b2/3']);
    expect(afterBatch).toEqual(['b1/2']);
  });

  it('given intents and links, when committed, then intents are listed until dropped and links set both partners in sync', async () => {
    const { index, dispose } = openTemporaryRecordIndex();
    const cp = await index.startRun(key, 'def', {});
    await index.commit(key, cp.run, {
      scanned: { side: 'app', records: [rec('7', 'z@x.com')] },
      addIntents: [{ batch: 'b1', target: 'hub', sourceId: '7', keys: ['0\u0001z@x.com'], fields: ['email'], hash: 'hz', run: cp.run }],
    });
    const open = await index.pendingIntents(key);
    await index.commit(key, cp.run, {
      scanned: { side: 'hub', records: [rec('70', 'z@x.com')] },
      links: [{ side: 'hub', id: '70', partnerId: '7' }, { side: 'app', id: '7', partnerId: '70' }],
      dropIntents: [{ target: 'hub', sourceId: '7' }],
    });
    const after = await index.pendingIntents(key);
    const counts = await index.statusCounts(key);
    dispose();
    expect(open).toEqual([{ batch: 'b1', target: 'hub', sourceId: '7', keys: ['0\u0001z@x.com'], fields: ['email'], hash: 'hz', run: 1 }]);
    expect(after).toEqual([]);
    expect(counts).toEqual({ hub: { 'in-sync': 1 }, app: { 'in-sync': 1 } });
  });

  it('given a deleted sync, when the store deletes it, then every index table loses its rows', async () => {
    const store = await openStateStore(join(tempDir(), 'state.db'));
    const index = new SqliteRecordIndex(store.database, store.location);
    const sync = makeSync([syncObject('contacts', 'customers')]);
    const at = new Date().toISOString();
    await store.commit([{ kind: 'put-sync', sync: { name: sync.name, hash: 'h', definition: sync, lifecycle: 'incremental', restart: null, detail: null, appliedAt: at, appliedBy: 't', generation: 1 } }]);
    const cp = await index.startRun(key, 'def', {});
    await index.commit(key, cp.run, {
      scanned: { side: 'hub', records: [rec('1', 'a@x.com')] },
      addIntents: [{ batch: 'b2', target: 'app', sourceId: '1', keys: [], fields: [], hash: 'x', run: 1 }],
    });
    await store.commit([{ kind: 'delete-sync', name: sync.name }]);
    const counts = ['record_scopes', 'record_index', 'record_identifiers', 'record_intents', 'record_checkpoints'].map(
      (t) => (store.database.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n,
    );
    await store.close();
    expect(counts).toEqual([0, 0, 0, 0, 0]);
  });
});
