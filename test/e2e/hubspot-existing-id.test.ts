// HubSpot refuses to create a contact whose email another contact has: 409 "Contact already
// exists. Existing ID: N", which the connector returns as conflict_at_app with existingId N. The
// engine then LINKS the record to contact N (merged as a new match) instead of failing it, so a
// contact created in HubSpot behind the engine's back is neither duplicated nor left failing.
import { afterEach, describe, expect, it } from 'vitest';
import { runInitialSync } from '../../src/engine/index.js';
import type { ProgressEvent } from '../../src/engine/progress.js';
import { runIncrementalPass } from '../../src/engine/incremental/index.js';
import type { HubspotEmulator } from '../../src/emulator/hubspot/index.js';
import { insert } from '../engine/incremental/helpers.js';
import { CUSTOMERS_DDL, type E2eWorld, contactsSync, createApp, hubContacts, indexRows, openE2eWorld, rows, silent, startEmulator, tempDir } from './helpers.js';

const CONFLICT = 'POST /crm/v3/objects/:objectType/batch/create';

let em: HubspotEmulator | undefined;
let w: E2eWorld | undefined;
afterEach(async () => {
  await w?.close();
  await em?.close();
  w = undefined;
  em = undefined;
});

/** The app customer and the HubSpot contact that share new@x.com end up one linked pair. */
function expectLinked(world: E2eWorld, emulator: HubspotEmulator, hubId: string): void {
  const app = rows(world.appPath, 'customers');
  const customer = app.find((r) => r.email === 'new@x.com');
  expect(app.filter((r) => r.email === 'new@x.com')).toHaveLength(1);
  // One contact in HubSpot: the existing one, not a duplicate.
  expect([...hubContacts(emulator).keys()].filter((e) => e === 'new@x.com')).toHaveLength(1);
  expect(emulator.crm.find('contacts', 'new@x.com', { idProperty: 'email' })?.id).toBe(hubId);
  const appRow = indexRows(world.statePath, 'crm-shop', 'app').find((r) => r.record_id === String(customer?.id));
  expect(appRow).toMatchObject({ status: 'in-sync', category: null, partner_id: hubId });
  const hubRow = indexRows(world.statePath, 'crm-shop', 'hub').find((r) => r.record_id === hubId);
  expect(hubRow).toMatchObject({ status: 'in-sync', partner_id: String(customer?.id) });
  // Merged as a match: HubSpot (the conflict winner) keeps its first name, the shop's phone fills HubSpot's empty one.
  expect(customer?.firstname).toBe('Hubname');
  expect(emulator.crm.find('contacts', hubId)?.properties['phone']).toBe('+99');
}

describe('HubSpot 409 "Existing ID" on create, end to end', () => {
  it('given a contact created in HubSpot that no poll has seen, when the shop gets a customer with its email and a poll runs, then the customer is linked to that contact, not failed or duplicated', async () => {
    em = await startEmulator();
    em.crm.createMany('contacts', [{ properties: { email: 'ana@x.com', firstname: 'Ana' } }], { silent: true });
    const dir = tempDir();
    createApp(`${dir}/shop.db`, { customers: { ddl: CUSTOMERS_DDL, rows: [{ email: 'ana@x.com', firstname: 'Ana', lastname: null, phone: null }] } });
    w = await openE2eWorld(dir, em);
    await runInitialSync({ sync: contactsSync, hub: w.hub, app: w.app, index: w.index, objects: 'all', logger: silent });

    // Created in HubSpot with a modification time the change feed has passed already (an import
    // keeping its source's timestamps): no poll will ever show it.
    const [hidden] = em.crm.createMany('contacts', [{ properties: { email: 'new@x.com', firstname: 'Hubname' } }], { silent: true });
    em.setLastModified('contacts', [hidden?.id ?? ''], '2001-01-01T00:00:00.000Z');
    insert(w.appPath, 'customers', { email: 'new@x.com', firstname: 'Appname', phone: '+99' });
    em.resetStats();

    const report = await runIncrementalPass({ sync: contactsSync, hub: w.hub, app: w.app, index: w.index, logger: silent, trigger: { kind: 'poll' }, tuning: { retryBaseMs: 2, retryMaxMs: 20, leaseWaitMs: 0 } });
    // HubSpot did refuse the create: the link came from its answer, not from a search.
    expect(em.stats().byStatus['409']).toBeGreaterThanOrEqual(1);
    expect(em.stats().byRoute[CONFLICT]).toBeGreaterThanOrEqual(1);
    expect(report.failures).toBe(0);
    expectLinked(w, em, hidden?.id ?? '');

    const again = await runIncrementalPass({ sync: contactsSync, hub: w.hub, app: w.app, index: w.index, logger: silent, trigger: { kind: 'poll' }, tuning: { retryBaseMs: 2, retryMaxMs: 20, leaseWaitMs: 0 } });
    expect(again.failures).toBe(0);
    expect(again.objects[0]?.written).toEqual({ hub: 0, app: 0 });
  });

  // Disabled until the initial sync (src/engine/execute.ts, being rewritten) links on existingId
  // as the incremental engine does: today the customer ends failing conflict_at_app
  // ("Contact already exists. Existing ID: N"). Enable it with that change.
  it('given a contact created in HubSpot after the initial sync indexed the hub, when the initial sync creates the shop customer with its email, then it links the customer to that contact instead of failing conflict_at_app', async () => {
    em = await startEmulator();
    const dir = tempDir();
    createApp(`${dir}/shop.db`, {
      customers: {
        ddl: CUSTOMERS_DDL,
        rows: [
          { email: 'ana@x.com', firstname: 'Ana', lastname: null, phone: null },
          { email: 'new@x.com', firstname: 'Appname', lastname: null, phone: '+99' },
        ],
      },
    });
    w = await openE2eWorld(dir, em);
    const emulator = em;
    let hubId = '';
    // The race HubSpot users hit: someone creates the contact while the initial sync runs, after
    // the hub was indexed (phase 1) and before the shop's customers are created there (phase 2).
    const onProgress = (e: ProgressEvent): void => {
      if (e.phase === 'index-hub' && e.done && hubId === '') {
        hubId = emulator.crm.createMany('contacts', [{ properties: { email: 'new@x.com', firstname: 'Hubname' } }], { silent: true })[0]?.id ?? '';
      }
    };
    const report = await runInitialSync({ sync: contactsSync, hub: w.hub, app: w.app, index: w.index, objects: 'all', logger: silent, onProgress });
    expect(hubId).not.toBe('');
    expect(em.stats().byStatus['409']).toBeGreaterThanOrEqual(1);
    const failing = report.objects[0]?.counts.failing ?? {};
    expect(Object.values(failing).reduce((a, b) => a + (b ?? 0), 0)).toBe(0);
    expectLinked(w, em, hubId);
    expect(em.store.count('contacts', false)).toBe(2);
  });
});
