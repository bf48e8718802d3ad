// End to end: the HubSpot emulator as hub (over real HTTP) and a SQLite file as app, synced by
// the engine: initial two-way sync, incremental polls both ways, archive → deleted_in_hub, and
// an initial sync that rides out injected 5xx answers and a 429 burst.
import { afterEach, describe, expect, it } from 'vitest';
import { runInitialSync } from '../../src/engine/index.js';
import { runIncrementalPass } from '../../src/engine/incremental/index.js';
import type { HubspotEmulator } from '../../src/emulator/hubspot/index.js';
import {
  CUSTOMERS_DDL, type E2eWorld, api, contactsSync, createApp, edit, hubContacts, indexRows, openE2eWorld, row, rows, silent, startEmulator, tempDir,
} from './helpers.js';

const FAST_PASS = { retryBaseMs: 2, retryMaxMs: 20, leaseWaitMs: 0 };

let em: HubspotEmulator | undefined;
let w: E2eWorld | undefined;
afterEach(async () => {
  await w?.close();
  await em?.close();
  w = undefined;
  em = undefined;
});

/** Ana and Bo on both sides, Cy only in HubSpot, Di only in the app. */
async function people(): Promise<{ em: HubspotEmulator; w: E2eWorld }> {
  em = await startEmulator();
  for (const p of [
    { email: 'ana@x.com', firstname: 'Ana', lastname: 'Hub' },
    { email: 'bo@x.com', firstname: 'Bo', lastname: 'Hub' },
    { email: 'cy@x.com', firstname: 'Cy', lastname: 'Hub' },
  ]) {
    expect((await api(em, 'POST', '/crm/v3/objects/contacts', { properties: p })).status).toBe(201);
  }
  const dir = tempDir();
  createApp(`${dir}/shop.db`, {
    customers: {
      ddl: CUSTOMERS_DDL,
      rows: [
        { email: 'ana@x.com', firstname: 'Ana', lastname: 'Hub', phone: '+1' },
        { email: 'bo@x.com', firstname: 'Bo', lastname: 'Hub', phone: '+2' },
        { email: 'di@x.com', firstname: 'Di', lastname: 'App', phone: '+4' },
      ],
    },
  });
  w = await openE2eWorld(dir, em);
  return { em, w };
}

async function initial(world: E2eWorld): Promise<void> {
  await runInitialSync({ sync: contactsSync, hub: world.hub, app: world.app, index: world.index, objects: 'all', logger: silent });
}

async function poll(world: E2eWorld, trigger: Parameters<typeof runIncrementalPass>[0]['trigger'] = { kind: 'poll' }) {
  return runIncrementalPass({ sync: contactsSync, hub: world.hub, app: world.app, index: world.index, logger: silent, trigger, tuning: FAST_PASS });
}

function emails(list: readonly { email?: unknown }[]): string[] {
  return list.map((r) => String(r.email)).sort();
}

describe('HubSpot emulator ↔ SQLite, end to end', () => {
  it('given contacts on both sides, when the initial sync runs, then both sides hold everyone once, matched by email', async () => {
    const { em, w } = await people();
    await initial(w);
    const all = ['ana@x.com', 'bo@x.com', 'cy@x.com', 'di@x.com'];
    expect([...hubContacts(em).keys()].sort()).toEqual(all);
    expect(em.store.count('contacts', false)).toBe(4);
    expect(emails(rows(w.appPath, 'customers'))).toEqual(all);
    expect(hubContacts(em).get('di@x.com')?.['phone']).toBe('+4');
    expect(rows(w.appPath, 'customers').find((r) => r.email === 'cy@x.com')?.firstname).toBe('Cy');
    expect(indexRows(w.statePath, 'crm-shop', 'hub').every((r) => r.status === 'in-sync')).toBe(true);
  });

  it('given a synced pair, when a contact is edited in the emulator and a poll runs, then the edit reaches SQLite', async () => {
    const { em, w } = await people();
    await initial(w);
    const ana = em.crm.find('contacts', 'ana@x.com', { idProperty: 'email' });
    expect((await api(em, 'PATCH', `/crm/v3/objects/contacts/${ana?.id ?? ''}`, { properties: { firstname: 'Anna' } })).status).toBe(200);
    const report = await poll(w);
    expect(report.failures).toBe(0);
    expect(row(w.appPath, 'customers', 1)?.firstname).toBe('Anna');
  });

  it('given a synced pair, when a customer is edited in SQLite and a poll runs, then the edit reaches the emulator', async () => {
    const { em, w } = await people();
    await initial(w);
    edit(w.appPath, 'customers', 2, { phone: '+22' });
    const report = await poll(w);
    expect(report.failures).toBe(0);
    expect(hubContacts(em).get('bo@x.com')?.['phone']).toBe('+22');
    expect(em.store.count('contacts', false)).toBe(4);
  });

  it('given a synced pair, when the contact is archived in the emulator and a push names it, then the link is failing deleted_in_hub', async () => {
    const { em, w } = await people();
    await initial(w);
    const cy = em.crm.find('contacts', 'cy@x.com', { idProperty: 'email' });
    const id = cy?.id ?? '';
    expect((await api(em, 'DELETE', `/crm/v3/objects/contacts/${id}`)).status).toBe(204);
    await poll(w, { kind: 'push', side: 'hub', object: 'contacts', ids: [id] });
    const link = indexRows(w.statePath, 'crm-shop', 'hub').find((r) => r.record_id === id);
    expect(link).toMatchObject({ status: 'failing', category: 'deleted_in_hub' });
    expect(emails(rows(w.appPath, 'customers'))).toContain('cy@x.com');
  });
});

describe('HubSpot emulator ↔ SQLite under faults', () => {
  it('given 5% injected 5xx and a 429 burst, when the initial sync runs, then every record is synced once', async () => {
    em = await startEmulator({ rateLimit: { max: 190, intervalMs: 10_000 }, faults: { errorRate: 0.05, seed: 7, errorTiming: 'after' } });
    const hubPeople = Array.from({ length: 500 }, (_, i) => ({ properties: { email: `hub${i}@x.com`, firstname: `H${i}` } }));
    em.crm.createMany('contacts', hubPeople, { silent: true });
    const dir = tempDir();
    createApp(`${dir}/shop.db`, {
      customers: { ddl: CUSTOMERS_DDL, rows: Array.from({ length: 500 }, (_, i) => ({ email: `app${i}@x.com`, firstname: `A${i}`, lastname: null, phone: null })) },
    });
    em.faults.burst429(8);
    w = await openE2eWorld(dir, em);
    await initial(w);
    const faults = em.stats().faults;
    expect(faults.errors).toBeGreaterThan(0);
    expect(faults.throttled).toBe(8);
    em.faults.set({ errorRate: 0 });
    expect(em.store.count('contacts', false)).toBe(1000);
    expect(hubContacts(em).size).toBe(1000);
    const app = rows(w.appPath, 'customers');
    expect(app).toHaveLength(1000);
    expect(new Set(app.map((r) => r.email)).size).toBe(1000);
    const hubIndex = indexRows(w.statePath, 'crm-shop', 'hub');
    expect(hubIndex).toHaveLength(1000);
    expect(hubIndex.filter((r) => r.status !== 'in-sync')).toEqual([]);
  }, 40_000);
});
