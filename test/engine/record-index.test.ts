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

/** Starts a run and scans hub records 1 (a@x.com) and 2 (b@x.com); their rows as stored. */
async function scanTwo(index: SqliteRecordIndex) {
  const cp = await index.startRun(key, 'def', {});
  await index.commit(key, cp.run, { scanned: { side: 'hub', records: [rec('1', 'a@x.com'), rec('2', 'b@x.com')] } });
  const rows = await index.rowsById(key, 'hub', ['1', '2']);
  const [one, two] = [rows.get('1'), rows.get('2')];
  if (!one || !two) throw new Error('rows not indexed');
  return { cp, one, two };
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

  it('given more rows than one settle chunk, when identifiers are indexed and deferred writes settled, then every row and identifier arrives, at the chunk edges too', async () => {
    const { index, dispose } = openTemporaryRecordIndex();
    const n = 60_001;
    const cp = await index.startRun(key, 'def', {});
    // Two identifiers each: 120,002 entries, more than one chunk of the identifier inserts too.
    const records = Array.from({ length: n }, (_, i) => rec(String(i), `${i}@x.com`, { identifiers: [{ prop: 0, value: `${i}@x.com` }, { prop: 1, value: `d${i}` }] }));
    await index.commit(key, cp.run, { scanned: { side: 'hub', records, identifiersLater: true } });
    await index.indexIdentifiers(key, 'hub', cp.run);
    const every = records.flatMap((r) => r.identifiers);
    const holders = await index.firstHolders(key, 'hub', every);
    // Deferred twice over: the later write of each row wins, and rows created this phase wait for their identifiers.
    const rows = await index.pendingRows(key, 'hub', cp.run, 0, n);
    const link = (partner: string) => rows.map((r) => ({ ...r, side: 'hub' as const, status: 'in-sync' as const, partnerId: `${partner}${r.id}`, synced: true, identifiersIndexed: true, valuesUnchanged: true, deferred: true }));
    await index.commit(key, cp.run, { rows: link('old') });
    await index.commit(key, cp.run, { rows: link('a') });
    await index.commit(key, cp.run, { rows: [{ side: 'hub', ...rec('new', 'new@x.com'), status: 'in-sync', partnerId: 'a-new', synced: true, identifiersLater: true }] });
    await index.settle(key, 'hub');
    const counts = await index.statusCounts(key);
    const edges = await index.rowsById(key, 'hub', ['0', '49999', '50000', '50001', String(n - 1)]);
    const created = await index.firstHolders(key, 'hub', [{ prop: 0, value: 'new@x.com' }]);
    dispose();

    expect(holders.size).toBe(2 * n);
    expect(counts.hub).toEqual({ 'in-sync': n + 1 });
    expect([...edges.values()].map((r) => r.partnerId)).toEqual([...edges.keys()].map((id) => `a${id}`));
    expect(edges.size).toBe(5);
    expect([...created.values()].map((h) => h.id)).toEqual(['new']);
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

  it('given a scan that leaves its identifiers for later, when they are indexed, then lookups find the first holder with its row', async () => {
    const { index, dispose } = openTemporaryRecordIndex();
    const cp = await index.startRun(key, 'def', {});
    await index.commit(key, cp.run, { scanned: { side: 'hub', records: [rec('1', 'a@x.com'), rec('2', 'b@x.com'), rec('3', 'a@x.com')], identifiersLater: true } });
    const before = await index.firstHolders(key, 'hub', [{ prop: 0, value: 'a@x.com' }]);
    await index.indexIdentifiers(key, 'hub', cp.run);
    const after = await index.firstHolderRows(key, 'hub', [{ prop: 0, value: 'a@x.com' }, { prop: 0, value: 'b@x.com' }, { prop: 0, value: 'none' }]);
    const duplicates = await index.markDuplicates(key, 'hub', cp.run);
    dispose();
    expect(before.size).toBe(0);
    expect([...after.holders].map(([k, h]) => [k, h.id])).toEqual([['0\u0001a@x.com', '1'], ['0\u0001b@x.com', '2']]);
    expect([...after.rows.keys()].sort()).toEqual(['1', '2']);
    expect(after.rows.get('1')).toMatchObject({ side: 'hub', status: 'pending', values: { email: 'a@x.com' } });
    expect(duplicates).toBe(1);
  });

  it('given deferred writes and new rows whose identifiers wait, when settled, then both are in the index, and not before', async () => {
    const { index, dispose } = openTemporaryRecordIndex();
    const { cp, one, two } = await scanTwo(index);
    await index.commit(key, cp.run, {
      rows: [
        // Linked, values unchanged; and linked with new values and a new identifier.
        { ...one, side: 'hub', status: 'in-sync', partnerId: 'a1', synced: true, seq: one.seq, identifiersIndexed: true, valuesUnchanged: true, deferred: true },
        { ...rec('2', 'c@x.com'), side: 'hub', status: 'in-sync', partnerId: 'a2', synced: true, seq: two.seq, deferred: true },
        // Created: a new row, its identifier for later.
        { ...rec('9', 'n@x.com'), side: 'hub', status: 'in-sync', partnerId: 'a9', synced: true, identifiersLater: true },
      ],
    });
    const waiting = { rows: await index.rowsById(key, 'hub', ['1', '2', '9']), links: await index.deferredLinks(key, 'hub') };
    const lookup = [{ prop: 0, value: 'c@x.com' }, { prop: 0, value: 'n@x.com' }];
    const holdersBefore = await index.firstHolders(key, 'hub', lookup);
    await index.settle(key, 'hub');
    const settled = await index.rowsById(key, 'hub', ['1', '2', '9']);
    const holdersAfter = await index.firstHolders(key, 'hub', lookup);
    const linksAfter = await index.deferredLinks(key, 'hub');
    dispose();
    expect(waiting.rows.get('1')).toMatchObject({ status: 'pending', partnerId: null });
    expect(waiting.rows.get('9')).toMatchObject({ status: 'in-sync', partnerId: 'a9' });
    expect(waiting.links).toEqual(new Map([['1', 'a1'], ['2', 'a2']]));
    expect(holdersBefore.size).toBe(0);
    expect(settled.get('1')).toMatchObject({ status: 'in-sync', partnerId: 'a1', values: { email: 'a@x.com' } });
    expect(settled.get('2')).toMatchObject({ status: 'in-sync', partnerId: 'a2', values: { email: 'c@x.com' }, identifiers: [{ prop: 0, value: 'c@x.com' }] });
    expect([...holdersAfter.values()].map((h) => h.id).sort()).toEqual(['2', '9']);
    expect(linksAfter.size).toBe(0);
  });

  it('given two syncs settling more deferred writes than one chunk at once, then both are whole, the last write of a row wins, and the event loop runs meanwhile', async () => {
    const { index, dispose } = openTemporaryRecordIndex();
    const keys = [key, { sync: 'other-sync', object: 'contacts' }];
    const n = 55_000;
    for (const k of keys) {
      const cp = await index.startRun(k, 'def', {});
      const records = Array.from({ length: n }, (_, i) => rec(String(i), `${k.sync}-${i}@x.com`));
      await index.commit(k, cp.run, { scanned: { side: 'hub', records } });
      const rows = await index.pendingRows(k, 'hub', cp.run, 0, n);
      // Every row linked (deferred), in reverse seq order; every tenth linked again later to another partner with a new identifier.
      const linked = [...rows].reverse().map((r) => ({ ...r, side: 'hub' as const, status: 'in-sync' as const, partnerId: `a${r.id}`, synced: true, identifiersIndexed: true, valuesUnchanged: true, deferred: true }));
      const again = rows
        .filter((r) => Number(r.id) % 10 === 0)
        .map((r) => ({ ...rec(r.id, `new-${k.sync}-${r.id}@x.com`), side: 'hub' as const, status: 'in-sync' as const, partnerId: `b${r.id}`, synced: true, seq: r.seq, deferred: true }));
      await index.commit(k, cp.run, { rows: linked });
      await index.commit(k, cp.run, { rows: again });
    }
    let turns = 0;
    const ticker = setInterval(() => (turns += 1), 0);
    await Promise.all(keys.map((k) => index.settle(k, 'hub')));
    clearInterval(ticker);
    // The work tables are emptied and their pages given back (the temp file does not keep its peak size).
    const tempPages = index.database.pragma('temp.page_count', { simple: true }) as number;
    const results = [];
    for (const k of keys) {
      const rows = await index.rowsById(k, 'hub', ['0', '1', String(n - 1), '20']);
      const holders = await index.firstHolders(k, 'hub', [{ prop: 0, value: `new-${k.sync}-20@x.com` }, { prop: 0, value: `${k.sync}-1@x.com` }]);
      results.push({ rows, holders, pending: (await index.pendingRows(k, 'hub', 1, 0, 10)).length, links: (await index.deferredLinks(k, 'hub')).size });
    }
    dispose();
    expect(turns).toBeGreaterThan(1);
    expect(tempPages).toBeLessThan(100);
    for (const [i, k] of keys.entries()) {
      const r = results[i];
      if (!r) throw new Error('no result');
      expect(r.pending).toBe(0);
      expect(r.links).toBe(0);
      expect(r.rows.get('1')).toMatchObject({ status: 'in-sync', partnerId: 'a1', values: { email: `${k.sync}-1@x.com` } });
      expect(r.rows.get(String(n - 1))).toMatchObject({ status: 'in-sync', partnerId: `a${n - 1}` });
      expect(r.rows.get('20')).toMatchObject({ status: 'in-sync', partnerId: 'b20', values: { email: `new-${k.sync}-20@x.com` } });
      expect([...r.holders.values()].map((h) => h.id).sort()).toEqual(['1', '20']);
    }
  });

  it('given a settle overtaken between chunks by a new run, then it writes nothing more over the new run and fails as a stopped initial sync', async () => {
    const store = await openStateStore(join(tempDir(), 'state.db'));
    const index = new SqliteRecordIndex(store.database, store.location);
    const n = 55_000;
    const first = await index.startRun(key, 'def', {});
    const records = Array.from({ length: n }, (_, i) => rec(String(i), `${i}@x.com`));
    await index.commit(key, first.run, { scanned: { side: 'hub', records } });
    const rows = await index.pendingRows(key, 'hub', first.run, 0, n);
    await index.commit(key, first.run, {
      rows: rows.map((r) => ({ ...r, side: 'hub' as const, status: 'in-sync' as const, partnerId: `a${r.id}`, synced: true, identifiersIndexed: true, valuesUnchanged: true, deferred: true })),
    });
    const settling = index.settle(key, 'hub').then(
      () => 'finished',
      (err: unknown) => (err as { code?: string }).code,
    );
    // The settle has sorted and applied its first chunk; a runner that stopped waiting for it starts a new run.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const second = await index.startRun(key, 'def2', {});
    const last = String(n - 1);
    await index.commit(key, second.run, { scanned: { side: 'hub', records: [rec(last, `${last}@x.com`)] } });
    const outcome = await settling;
    const after = await index.rowsById(key, 'hub', ['0', last]);
    const identifiers = store.database.prepare('SELECT value FROM record_identifiers').pluck().all();
    await store.close();
    expect(outcome).toBe('initial_sync_aborted');
    expect(after.get('0')).toMatchObject({ status: 'in-sync', partnerId: 'a0' });
    expect(after.get(last)).toMatchObject({ status: 'pending', run: second.run, partnerId: null });
    // Only the new run's own scan: none of the stale settle's.
    expect(identifiers).toEqual([`${last}@x.com`]);
  });

  it('given a settle waiting for another sync\'s settle, when its object starts a new run meanwhile, then it fails and leaves the new run\'s deferred writes alone', async () => {
    const { index, dispose } = openTemporaryRecordIndex();
    const busy = { sync: 'busy-sync', object: 'contacts' };
    const busyRun = await index.startRun(busy, 'def', {});
    await index.commit(busy, busyRun.run, { scanned: { side: 'hub', records: Array.from({ length: 55_000 }, (_, i) => rec(String(i), `${i}@busy.com`)) } });
    const busyRows = await index.pendingRows(busy, 'hub', busyRun.run, 0, 55_000);
    await index.commit(busy, busyRun.run, {
      rows: busyRows.map((r) => ({ ...r, side: 'hub' as const, status: 'in-sync' as const, partnerId: `a${r.id}`, synced: true, identifiersIndexed: true, valuesUnchanged: true, deferred: true })),
    });
    const { cp, one } = await scanTwo(index);
    const linkOne = (partnerId: string, run: number) =>
      index.commit(key, run, { rows: [{ ...one, side: 'hub', status: 'in-sync', partnerId, synced: true, seq: one.seq, identifiersIndexed: true, valuesUnchanged: true, deferred: true }] });
    await linkOne('old', cp.run);
    const first = index.settle(busy, 'hub');
    const stale = index.settle(key, 'hub').then(
      () => 'finished',
      (err: unknown) => (err as { code?: string }).code,
    );
    // While the stale settle waits for the work tables, its object starts over and defers a write of its own.
    const next = await index.startRun(key, 'def2', {});
    await index.commit(key, next.run, { scanned: { side: 'hub', records: [rec('1', 'a@x.com')] } });
    await linkOne('new', next.run);
    await first;
    const outcome = await stale;
    const row = (await index.rowsById(key, 'hub', ['1'])).get('1');
    const links = await index.deferredLinks(key, 'hub');
    dispose();
    expect(outcome).toBe('initial_sync_aborted');
    expect(row).toMatchObject({ status: 'pending', partnerId: null, run: next.run });
    expect(links).toEqual(new Map([['1', 'new']]));
  });

  it('given a settle stopped before its last transaction, when settled again, then the index is the same as after one settle', async () => {
    const store = await openStateStore(join(tempDir(), 'state.db'));
    const index = new SqliteRecordIndex(store.database, store.location);
    const { cp, one, two } = await scanTwo(index);
    await index.commit(key, cp.run, {
      rows: [
        { ...one, side: 'hub', status: 'in-sync', partnerId: 'a1', synced: true, seq: one.seq, identifiersIndexed: true, valuesUnchanged: true, deferred: true },
        { ...rec('2', 'c@x.com'), side: 'hub', status: 'failing', category: 'invalid_value', message: 'bad', partnerId: 'a2', synced: false, seq: two.seq, deferred: true },
        { ...rec('9', 'n@x.com'), side: 'hub', status: 'in-sync', partnerId: 'a9', synced: true, identifiersLater: true },
      ],
    });
    const db = store.database;
    const snapshot = (): unknown => ({
      rows: db.prepare('SELECT record_id, status, category, message, partner_id, vals, idents, hash FROM record_index ORDER BY seq').all(),
      identifiers: db.prepare('SELECT prop, value, seq FROM record_identifiers ORDER BY prop, value, seq').all(),
      deferred: (db.prepare('SELECT count(*) AS n FROM record_deferred').get() as { n: number }).n,
    });
    const deferred = db.prepare('SELECT * FROM record_deferred ORDER BY rowid').all() as Record<string, unknown>[];
    await index.settle(key, 'hub');
    const once = snapshot();
    // As if the process died after the chunks and before the transaction that drops the deferred writes.
    const columns = Object.keys(deferred[0] ?? {});
    const insert = db.prepare(`INSERT INTO record_deferred (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
    for (const d of deferred) insert.run(d);
    await index.settle(key, 'hub');
    const twice = snapshot();
    await store.close();
    expect(deferred.length).toBeGreaterThan(0);
    expect(twice).toEqual(once);
    expect(once).toMatchObject({ deferred: 0, identifiers: expect.arrayContaining([expect.objectContaining({ value: 'c@x.com' }), expect.objectContaining({ value: 'n@x.com' })]) });
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
      rows: [{ ...rec('5', 'a@x.com'), side: 'app', status: 'in-sync', partnerId: '1', synced: true, identifiersLater: true }],
      addIntents: [{ batch: 'b2', target: 'app', sourceId: '1', keys: [], fields: [], hash: 'x', run: 1 }],
    });
    await store.commit([{ kind: 'delete-sync', name: sync.name }]);
    const counts = ['record_scopes', 'record_index', 'record_identifiers', 'record_deferred', 'record_intents', 'record_checkpoints'].map(
      (t) => (store.database.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n,
    );
    await store.close();
    expect(counts).toEqual([0, 0, 0, 0, 0, 0]);
  });
});
