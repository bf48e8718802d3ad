// HubSpot refuses a contact create when the email exists already (409 "Contact already exists.
// Existing ID: N"). The engine links the record to that contact and merges the pair, instead of
// failing it: the contact appeared at HubSpot after syncctl last read the hub.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { runInitialSync } from '../../src/engine/index.js';
import { runIncrementalPass } from '../../src/engine/incremental/index.js';
import type { HubspotEmulator } from '../../src/emulator/hubspot/index.js';
import { CUSTOMERS_DDL, type E2eWorld, api, contactsSync, createApp, hubContacts, indexRows, openE2eWorld, silent, startEmulator, tempDir } from './helpers.js';

const FAST_PASS = { retryBaseMs: 2, retryMaxMs: 20, leaseWaitMs: 0 };

let em: HubspotEmulator | undefined;
let w: E2eWorld | undefined;
afterEach(async () => {
  await w?.close();
  await em?.close();
  w = undefined;
  em = undefined;
});

function insertCustomer(path: string, values: Record<string, string | null>): string {
  const db = new Database(path);
  try {
    const cols = Object.keys(values);
    const info = db.prepare(`INSERT INTO customers (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(values);
    return String(info.lastInsertRowid);
  } finally {
    db.close();
  }
}

describe('a create HubSpot refuses as existing', () => {
  it('links the new app customer to the contact HubSpot names, merges them, and creates no second contact', async () => {
    em = await startEmulator();
    expect((await api(em, 'POST', '/crm/v3/objects/contacts', { properties: { email: 'ana@x.com', firstname: 'Ana' } })).status).toBe(201);
    const dir = tempDir();
    createApp(`${dir}/shop.db`, { customers: { ddl: CUSTOMERS_DDL, rows: [{ email: 'ana@x.com', firstname: 'Ana', lastname: null, phone: null }] } });
    w = await openE2eWorld(dir, em);
    await runInitialSync({ sync: contactsSync, hub: w.hub, app: w.app, index: w.index, objects: 'all', logger: silent });

    // Eve is added at HubSpot and in the shop between two passes; only the shop's side is read.
    const made = await api(em, 'POST', '/crm/v3/objects/contacts', { properties: { email: 'Eve@X.com', firstname: 'Eve', lastname: 'Hub' } });
    expect(made.status).toBe(201);
    const hubId = String(made.json['id']);
    const appId = insertCustomer(w.appPath, { email: 'eve@x.com', firstname: 'Eva', lastname: null, phone: '+5' });
    const report = await runIncrementalPass({
      sync: contactsSync, hub: w.hub, app: w.app, index: w.index, logger: silent, tuning: FAST_PASS,
      trigger: { kind: 'push', side: 'app', object: 'customers', ids: [appId] },
    });

    expect(report.failures).toBe(0);
    expect(em.store.count('contacts', false)).toBe(2);
    // Hub wins the conflict on firstname; the phone only the shop had reaches HubSpot.
    expect(hubContacts(em).get('eve@x.com')).toMatchObject({ firstname: 'Eve', lastname: 'Hub', phone: '+5' });
    const appRow = indexRows(w.statePath, 'crm-shop', 'app').find((r) => r.record_id === appId);
    expect(appRow).toMatchObject({ status: 'in-sync', partner_id: hubId });
    const hubRow = indexRows(w.statePath, 'crm-shop', 'hub').find((r) => r.record_id === hubId);
    expect(hubRow).toMatchObject({ status: 'in-sync', partner_id: appId });
  });
});
