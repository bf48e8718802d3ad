// Edits, new records, filters and pushes flow through real SQLite apps after the initial sync.
import { afterEach, describe, expect, it } from 'vitest';
import { contactsWorld, counting, edit, indexRows, initialSync, insert, makeSync, pass, row, rows, seen, syncObject, tempDir, written, type World } from './helpers.js';

const sync = makeSync([syncObject('contacts', 'customers')]);
let w: World | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

async function people(over: { sync?: typeof sync; hub?: Parameters<typeof contactsWorld>[1]; app?: Parameters<typeof contactsWorld>[2] } = {}): Promise<World> {
  const dir = tempDir();
  const base = [
    { email: 'ana@x.com', firstname: 'Ana', phone: '+1' },
    { email: 'bo@x.com', firstname: 'Bo', phone: '+2' },
  ];
  contactsWorld(dir, over.hub ?? base, over.app ?? base);
  w = await initialSync(dir, over.sync ?? sync);
  return w;
}

describe('incremental pass: edits', () => {
  it('given an edit in the hub, when a poll runs, then the app record gets the new value', async () => {
    const w = await people();
    edit(w.hubPath, 'contacts', 1, { firstname: 'Anna' });
    const report = await pass(w, sync);
    expect(row(w.appPath, 'customers', 1)?.firstname).toBe('Anna');
    expect(written(report)).toEqual({ hub: 0, app: 1 });
    expect(seen(report)).toEqual({ hub: 1, app: 0 });
    expect(report).toMatchObject({ sync: 'crm-shop', trigger: 'poll', caughtUp: true, failures: 0 });
  });

  it('given an edit in the app, when a poll runs, then the hub record gets the new value', async () => {
    const w = await people();
    edit(w.appPath, 'customers', 2, { phone: '+22' });
    const report = await pass(w, sync);
    expect(row(w.hubPath, 'contacts', 2)?.phone).toBe('+22');
    expect(written(report)).toEqual({ hub: 1, app: 0 });
  });

  it('given one edit, when passes run until quiet, then exactly one write happens in total (no ping-pong)', async () => {
    const w = await people();
    const hub = counting(w.hub);
    const app = counting(w.app);
    edit(w.hubPath, 'contacts', 1, { lastname: 'Lopez' });
    for (let i = 0; i < 4; i++) await pass(w, sync, { kind: 'poll' }, { hub: hub.connector, app: app.connector });
    expect(hub.counts).toEqual({ updated: 0, created: 0 });
    expect(app.counts).toEqual({ updated: 1, created: 0 });
    expect(row(w.appPath, 'customers', 1)?.lastname).toBe('Lopez');
  });

  it('given nothing changed since the last pass, when a poll runs, then nothing is seen or written', async () => {
    const w = await people();
    edit(w.appPath, 'customers', 1, { firstname: 'Ann' });
    await pass(w, sync);
    const again = await pass(w, sync);
    expect(seen(again)).toEqual({ hub: 0, app: 0 });
    expect(written(again)).toEqual({ hub: 0, app: 0 });
  });

  it('given a value cleared on one side only, when a poll runs, then it is cleared on the other side', async () => {
    const w = await people();
    edit(w.hubPath, 'contacts', 2, { phone: null });
    await pass(w, sync);
    expect(row(w.appPath, 'customers', 2)?.phone).toBeNull();
  });
});

describe('incremental pass: new records', () => {
  it('given a new record on each side, when a poll runs, then each is created on the other side and linked', async () => {
    const w = await people();
    const hubId = insert(w.hubPath, 'contacts', { email: 'cy@x.com', firstname: 'Cy' });
    const appId = insert(w.appPath, 'customers', { email: 'di@x.com', firstname: 'Di' });
    const report = await pass(w, sync);
    expect(written(report)).toEqual({ hub: 1, app: 1 });
    expect(rows(w.appPath, 'customers').find((r) => r.email === 'cy@x.com')?.firstname).toBe('Cy');
    expect(rows(w.hubPath, 'contacts').find((r) => r.email === 'di@x.com')?.firstname).toBe('Di');
    const hubRows = indexRows(w.statePath, 'crm-shop', 'hub');
    expect(hubRows.find((r) => r.record_id === String(hubId))).toMatchObject({ status: 'in-sync' });
    expect(indexRows(w.statePath, 'crm-shop', 'app').find((r) => r.record_id === String(appId))).toMatchObject({ status: 'in-sync' });
    // The creates' echoes compare equal: nothing more happens.
    expect(written(await pass(w, sync))).toEqual({ hub: 0, app: 0 });
  });

  it('given new records with the same email on both sides, when a poll runs, then they are matched and linked, not created', async () => {
    const w = await people();
    const hubId = insert(w.hubPath, 'contacts', { email: 'Eve@X.com ', firstname: 'Eve' });
    const appId = insert(w.appPath, 'customers', { email: 'eve@x.com', phone: '+5' });
    await pass(w, sync);
    expect(rows(w.hubPath, 'contacts')).toHaveLength(3);
    expect(rows(w.appPath, 'customers')).toHaveLength(3);
    expect(row(w.hubPath, 'contacts', hubId)?.phone).toBe('+5');
    expect(row(w.appPath, 'customers', appId)?.firstname).toBe('Eve');
    expect(indexRows(w.statePath, 'crm-shop', 'hub').find((r) => r.record_id === String(hubId))?.partner_id).toBe(String(appId));
  });

  it('given a new record without email or with a duplicate email, when a poll runs, then it is excluded with its reason', async () => {
    const w = await people();
    const noEmail = insert(w.appPath, 'customers', { firstname: 'Nobody' });
    const dup = insert(w.appPath, 'customers', { email: 'ANA@x.com', firstname: 'Other Ana' });
    await pass(w, sync);
    const app = indexRows(w.statePath, 'crm-shop', 'app');
    expect(app.find((r) => r.record_id === String(noEmail))?.status).toBe('excluded');
    expect(app.find((r) => r.record_id === String(dup))?.status).toBe('excluded');
    expect(rows(w.hubPath, 'contacts')).toHaveLength(2);
  });
});

describe('incremental pass: filters', () => {
  const filtered = makeSync([syncObject('contacts', 'customers', { filters: { hub: [{ property: 'lastname', op: 'eq', value: 'Vip' }], app: [] }, direction: 'to-app' })]);

  it('given a linked record that stops matching the filter, when it changes, then it still syncs', async () => {
    const w = await people({ sync: filtered, hub: [{ email: 'ana@x.com', firstname: 'Ana', lastname: 'Vip' }], app: [] });
    expect(rows(w.appPath, 'customers')).toHaveLength(1);
    edit(w.hubPath, 'contacts', 1, { lastname: 'Plain', firstname: 'Anita' });
    await pass(w, filtered);
    expect(row(w.appPath, 'customers', 1)).toMatchObject({ firstname: 'Anita', lastname: 'Plain' });
  });

  it('given a new record that fails the filter, when a poll runs, then it is excluded and not created', async () => {
    const w = await people({ sync: filtered, hub: [{ email: 'ana@x.com', firstname: 'Ana', lastname: 'Vip' }], app: [] });
    const id = insert(w.hubPath, 'contacts', { email: 'zed@x.com', lastname: 'Plain' });
    await pass(w, filtered);
    expect(rows(w.appPath, 'customers')).toHaveLength(1);
    expect(indexRows(w.statePath, 'crm-shop', 'hub').find((r) => r.record_id === String(id))?.status).toBe('excluded');
  });
});

describe('incremental pass: push', () => {
  it('given two edited records, when a push names one of them, then only that one is processed', async () => {
    const w = await people();
    edit(w.appPath, 'customers', 1, { firstname: 'Pushed' });
    edit(w.appPath, 'customers', 2, { firstname: 'Polled' });
    const report = await pass(w, sync, { kind: 'push', side: 'app', object: 'customers', ids: ['1'] });
    expect(report.trigger).toBe('push');
    expect(seen(report)).toEqual({ hub: 0, app: 1 });
    expect(row(w.hubPath, 'contacts', 1)?.firstname).toBe('Pushed');
    expect(row(w.hubPath, 'contacts', 2)?.firstname).toBe('Bo');
    // The poll still finds the other edit: a push never moves the cursor.
    await pass(w, sync);
    expect(row(w.hubPath, 'contacts', 2)?.firstname).toBe('Polled');
  });

  it('given a push for an object the sync does not have, when it runs, then nothing happens', async () => {
    const w = await people();
    const report = await pass(w, sync, { kind: 'push', side: 'app', object: 'orders', ids: ['1'] });
    expect(report.objects).toEqual([]);
  });
});
