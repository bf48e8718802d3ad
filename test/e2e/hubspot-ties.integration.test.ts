// HubSpot's change feed when 10,050 contacts share one hs_lastmodifieddate (an import): more
// than one search may return (10,000), all on one timestamp. The incremental poll walks that
// timestamp by id, so every contact reaches the SQLite app once, and the next poll writes nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { runInitialSync } from '../../src/engine/index.js';
import { runIncrementalPass } from '../../src/engine/incremental/index.js';
import type { HubspotEmulator } from '../../src/emulator/hubspot/index.js';
import { CUSTOMERS_DDL, type E2eWorld, contactsSync, createApp, indexRows, openE2eWorld, rows, silent, startEmulator, tempDir } from './helpers.js';

const TIED = 10_050;
const SEARCH = 'POST /crm/v3/objects/:objectType/search';

let em: HubspotEmulator | undefined;
let w: E2eWorld | undefined;
afterEach(async () => {
  await w?.close();
  await em?.close();
  w = undefined;
  em = undefined;
});

async function poll(world: E2eWorld) {
  return runIncrementalPass({ sync: contactsSync, hub: world.hub, app: world.app, index: world.index, logger: silent, trigger: { kind: 'poll' }, tuning: { retryBaseMs: 2, retryMaxMs: 20, leaseWaitMs: 0 } });
}

describe('HubSpot ↔ SQLite: 10,050 contacts on one hs_lastmodifieddate', () => {
  it('given an initial sync done, when 10,050 contacts appear in HubSpot with one shared timestamp, then one poll brings each to the app once and the next poll writes nothing', async () => {
    em = await startEmulator();
    em.crm.createMany('contacts', [{ properties: { email: 'first@x.com', firstname: 'First' } }], { silent: true });
    const dir = tempDir();
    createApp(`${dir}/shop.db`, { customers: { ddl: CUSTOMERS_DDL, rows: [{ email: 'shop@x.com', firstname: 'Shop', lastname: null, phone: null }] } });
    w = await openE2eWorld(dir, em);
    await runInitialSync({ sync: contactsSync, hub: w.hub, app: w.app, index: w.index, objects: 'all', logger: silent });
    expect(rows(w.appPath, 'customers')).toHaveLength(2);

    // An import: every contact gets the same hs_lastmodifieddate, after the sync's cursor.
    const imported = em.crm.createMany('contacts', Array.from({ length: TIED }, (_, i) => ({ properties: { email: `tied${i}@x.com`, firstname: `T${i}` } })), { silent: true });
    const shared = Date.now() + 1000;
    expect(em.setLastModified('contacts', imported.map((r) => r.id), shared)).toBe(TIED);
    expect(new Set(em.store.scan('contacts', false).filter((r) => r.properties['email']?.startsWith('tied')).map((r) => r.properties['hs_lastmodifieddate']))).toEqual(new Set([new Date(shared).toISOString()]));
    em.resetStats();

    const first = await poll(w);
    expect(first.failures).toBe(0);
    expect(first.caughtUp).toBe(true);
    const contacts = first.objects.find((o) => o.object === 'contacts');
    expect(contacts?.seen.hub).toBe(TIED);
    expect(contacts?.written).toEqual({ hub: 0, app: TIED });
    // The shared timestamp is walked by id, 200 per search: no re-reading loop.
    expect(em.stats().byRoute[SEARCH]).toBeLessThanOrEqual(Math.ceil(TIED / 200) + 5);

    const app = rows(w.appPath, 'customers');
    expect(app).toHaveLength(TIED + 2);
    const emails = app.map((r) => String(r.email));
    expect(new Set(emails).size).toBe(emails.length);
    const inApp = new Set(emails);
    expect(Array.from({ length: TIED }, (_, i) => `tied${i}@x.com`).filter((e) => !inApp.has(e))).toEqual([]);
    expect(em.store.count('contacts', false)).toBe(TIED + 2);
    const hubIndex = indexRows(w.statePath, 'crm-shop', 'hub');
    expect(hubIndex).toHaveLength(TIED + 2);
    expect(hubIndex.filter((r) => r.status !== 'in-sync')).toEqual([]);

    const second = await poll(w);
    expect(second.failures).toBe(0);
    expect(second.objects.find((o) => o.object === 'contacts')?.written).toEqual({ hub: 0, app: 0 });
    expect(rows(w.appPath, 'customers')).toHaveLength(TIED + 2);
  }, 240_000);
});
