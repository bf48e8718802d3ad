// The record-level dry run: same code path, nothing written, and the same counts as the real run.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Connection } from '../../src/config/model.js';
import { dryRunInitialSyncs, formatReportMarkdown, formatReportText, runInitialSync } from '../../src/engine/index.js';
import { openStateStore } from '../../src/store/index.js';
import { COMPANIES_DDL, CONTACTS_DDL, createApp, fileHash, makeSync, openWorld, rows, silent, syncObject, tempDir, type Row } from './helpers.js';

/** ~200 records per side that exercise matches, duplicates, missing emails, conflicts, filters and failures. */
function richWorld(): string {
  const dir = tempDir();
  const hub: Row[] = [];
  const app: Row[] = [];
  for (let i = 0; i < 150; i++) {
    hub.push({ email: i % 25 === 0 ? null : `p${i}@x.com`, firstname: `H${i}`, phone: i % 3 === 0 ? null : `+1${i}`, lifecyclestage: i % 7 === 0 ? 'lead' : 'customer', age: i });
  }
  for (let i = 75; i < 225; i++) {
    app.push({ email: i % 40 === 0 ? 'n/a' : i % 30 === 1 ? `P${i - 1}@X.com` : ` p${i}@x.com`, firstname: i % 4 === 0 ? `A${i}` : `H${i}`, phone: i % 5 === 0 ? '555' : null, age: i % 50 === 0 ? 'old' : String(i) });
  }
  createApp(join(dir, 'crm.db'), {
    contacts: { ddl: CONTACTS_DDL.hub, rows: hub },
    companies: { ddl: COMPANIES_DDL.hub, rows: [{ name: 'Acme Inc', domain: 'acme.com' }, { name: 'Initech', domain: null }, { name: 'Hooli', domain: 'hooli.xyz' }] },
  });
  createApp(join(dir, 'shop.db'), {
    customers: { ddl: CONTACTS_DDL.app, rows: app },
    accounts: { ddl: COMPANIES_DDL.app, rows: [{ name: 'ACME', domain: 'www.acme.com' }, { name: 'Initech LLC', domain: 'initech.io', city: 'Austin' }, { name: 'Pied Piper', domain: 'pp.io' }] },
  });
  return dir;
}

const SYNC = makeSync([
  syncObject('contacts', 'customers', {
    conflictWinner: 'app',
    filters: { hub: [{ property: 'lifecyclestage', op: 'neq', value: 'lead' }], app: [] },
    mappings: { defaults: true, fields: [{ hub: 'firstname', app: 'firstname', required: true, enabled: true }] },
  }),
  syncObject('companies', 'accounts'),
]);

function connections(dir: string): Record<string, Connection> {
  return {
    crm: { name: 'crm', connector: 'sqlite', options: { path: 'crm.db' }, baseDir: dir },
    shop: { name: 'shop', connector: 'sqlite', options: { path: 'shop.db' }, baseDir: dir },
  };
}

describe('record-level dry run', () => {
  it('given a sync about to start, when dry-run, then no file changes and the counts equal what the real run then does', async () => {
    const dir = richWorld();
    const store = await openStateStore(join(dir, 'state.db'));
    await store.close();
    const files = ['crm.db', 'shop.db', 'state.db'].map((f) => join(dir, f));
    const before = files.map(fileHash);

    const [dry] = await dryRunInitialSyncs({ syncs: [SYNC], connections: connections(dir), restart: { [SYNC.name]: 'all' }, env: {}, logger: silent });
    expect(files.map(fileHash)).toEqual(before);
    expect(dry?.dryRun).toBe(true);

    const w = await openWorld(dir);
    const real = await runInitialSync({ sync: SYNC, hub: w.hub, app: w.app, index: w.index, objects: 'all', logger: silent });
    await w.close();
    expect(dry?.objects.map((o) => o.counts)).toEqual(real.objects.map((o) => o.counts));
    const contacts = dry?.objects.find((o) => o.object === 'contacts')?.counts;
    // The data set really exercises every outcome, so the equality above means something.
    expect(contacts?.created.hub).toBeGreaterThan(0);
    expect(contacts?.created.app).toBeGreaterThan(0);
    expect(contacts?.updated.hub).toBeGreaterThan(0);
    expect(contacts?.updated.app).toBeGreaterThan(0);
    expect(contacts?.conflicts).toBeGreaterThan(0);
    expect(contacts?.excluded.duplicate).toBeGreaterThan(0);
    expect(contacts?.excluded.no_email).toBeGreaterThan(0);
    expect(contacts?.excluded.filter).toBeGreaterThan(0);
    expect(contacts?.failing.invalid_value).toBeGreaterThan(0);
  });

  it('given a dry run, when reported, then it carries samples with field-level before -> after in text and markdown', async () => {
    const dir = richWorld();
    const [dry] = await dryRunInitialSyncs({ syncs: [SYNC], connections: connections(dir), restart: {}, env: {}, logger: silent });
    const contacts = dry?.objects.find((o) => o.object === 'contacts');
    const update = contacts?.samples.find((s) => s.kind === 'update-in-hub');
    expect(update?.changes?.[0]).toMatchObject({ field: expect.stringMatching(/^hub\./) as unknown });
    expect(contacts?.samples.some((s) => s.kind === 'create-in-app')).toBe(true);
    const text = formatReportText(dry ? [dry] : []);
    expect(text).toContain('Initial sync dry run of crm-shop');
    expect(text).toContain('contacts <-> customers');
    expect(text).toMatch(/hub\.\w+: .* -> /);
    const md = formatReportMarkdown(dry ? [dry] : []);
    expect(md).toContain('| contacts ↔ customers |');
    expect(md).toContain('<details>');
  });

  it('given a sync restarted after an earlier run, when dry-run from the state, then it sees the existing links and predicts the real restart', async () => {
    const dir = tempDir();
    const deals = (prefix: string): Row[] => [1, 2, 3].map((i) => ({ dealname: `${prefix} ${i}`, amount: i * 10 }));
    createApp(join(dir, 'crm.db'), { deals: { ddl: 'CREATE TABLE deals (id INTEGER PRIMARY KEY, dealname TEXT, amount REAL, updated_at TEXT)', rows: deals('Hub') } });
    createApp(join(dir, 'shop.db'), { orders: { ddl: 'CREATE TABLE orders (id INTEGER PRIMARY KEY, dealname TEXT, amount REAL, updated_at TEXT)', rows: deals('App') } });
    const sync = makeSync([syncObject('deals', 'orders')]);
    const w = await openWorld(dir);
    await runInitialSync({ sync, hub: w.hub, app: w.app, index: w.index, objects: 'all', logger: silent });
    await w.close();
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(join(dir, 'shop.db'));
    db.prepare('UPDATE orders SET amount = 99 WHERE id = 1').run();
    db.close();

    const store = await openStateStore(join(dir, 'state.db'));
    const stateBefore = fileHash(join(dir, 'state.db'));
    const [fromState] = await dryRunInitialSyncs({ syncs: [sync], connections: connections(dir), restart: { [sync.name]: 'all' }, env: {}, logger: silent, store });
    expect(fileHash(join(dir, 'state.db'))).toBe(stateBefore);
    await store.close();
    const w2 = await openWorld(dir);
    const real = await runInitialSync({ sync, hub: w2.hub, app: w2.app, index: w2.index, objects: 'all', logger: silent });
    await w2.close();
    expect(fromState?.objects[0]?.counts).toEqual(real.objects[0]?.counts);
    // A restart merges again: the conflict winner (hub) decides the changed amount.
    expect(real.objects[0]?.counts).toMatchObject({ linked: 6, created: { hub: 0, app: 0 }, updated: { hub: 0, app: 1 }, conflicts: 1 });
  });

  it('given a finished initial sync, when it runs again, then it creates nothing new', async () => {
    const dir = richWorld();
    const w = await openWorld(dir);
    const first = await runInitialSync({ sync: SYNC, hub: w.hub, app: w.app, index: w.index, objects: 'all', logger: silent });
    const counts = () => [rows(join(dir, 'crm.db'), 'contacts').length, rows(join(dir, 'shop.db'), 'customers').length];
    const after = counts();
    const second = await runInitialSync({ sync: SYNC, hub: w.hub, app: w.app, index: w.index, objects: 'all', logger: silent });
    await w.close();
    expect(first.objects[0]?.counts.created.app).toBeGreaterThan(0);
    for (const o of second.objects) expect(o.counts.created).toEqual({ hub: 0, app: 0 });
    expect(counts()).toEqual(after);
  });
});
