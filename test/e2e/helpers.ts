// The HubSpot emulator as hub and a real SQLite file as app, wired the way the runner wires
// them: real connectors, a real state store in a temp dir, the engine never mocked.
import { join } from 'node:path';
import { createHubspotConnector, type HubspotConnector, type HubspotConnectorSettings } from '../../src/connectors/hubspot/index.js';
import { createSqliteConnector } from '../../src/connectors/index.js';
import type { Connector } from '../../src/connectors/types.js';
import { type HubspotEmulator, type HubspotEmulatorOptions, startHubspotEmulator } from '../../src/emulator/hubspot/index.js';
import { openStateStore, type SqliteStateStore } from '../../src/store/index.js';
import { SqliteRecordIndex } from '../../src/store/sqlite/record-index.js';
import { makeSync, syncObject } from '../engine/helpers.js';

export { createApp, rows, silent, tempDir, type Row } from '../engine/helpers.js';
export { edit, indexRows, row } from '../engine/incremental/helpers.js';

export const TOKEN = 'pat-na1-e2e-token';

/** The contacts ↔ customers sync between connections `crm` (the emulator) and `shop`. */
export const contactsSync = makeSync([syncObject('contacts', 'customers')]);

/** The app's customers table: columns named like HubSpot's contact properties. */
export const CUSTOMERS_DDL = `CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT, firstname TEXT, lastname TEXT, phone TEXT, updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))`;

/** Short retries and pauses so fault tests finish quickly; the emulator's limits stay on. */
export const FAST: HubspotConnectorSettings = { backoffBaseMs: 5, backoffMaxMs: 50, throttleBaseMs: 5, throttleMaxMs: 40, marginMs: 0, limits: { searchMax: 10_000 } };

/** An emulator that accepts only TOKEN, with limits off unless asked for. */
export function startEmulator(options: HubspotEmulatorOptions = {}): Promise<HubspotEmulator> {
  return startHubspotEmulator({ rateLimit: false, searchRateLimit: false, dailyLimit: false, token: TOKEN, ...options });
}

export interface E2eWorld {
  appPath: string;
  statePath: string;
  hub: HubspotConnector;
  app: Connector;
  store: SqliteStateStore;
  index: SqliteRecordIndex;
  close(): Promise<void>;
}

/** Opens a HubSpot connector on the emulator, an SQLite connector on `dir/shop.db` and a state store. */
export async function openE2eWorld(dir: string, em: HubspotEmulator, settings: HubspotConnectorSettings = FAST): Promise<E2eWorld> {
  const appPath = join(dir, 'shop.db');
  const statePath = join(dir, 'state.db');
  const hub = createHubspotConnector({ token: TOKEN, baseUrl: em.url, tier: 'professional' }, { connection: 'crm', baseDir: dir }, settings);
  const app = createSqliteConnector({ path: appPath }, { connection: 'shop', baseDir: dir });
  const store = await openStateStore(statePath);
  const index = new SqliteRecordIndex(store.database, store.location);
  return {
    appPath, statePath, hub, app, store, index,
    async close() {
      await hub.close();
      await app.close();
      await store.close();
    },
  };
}

/** Sends one request to the emulator's HubSpot API with the test token. */
export async function api(em: HubspotEmulator, method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${em.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>) };
}

/** Active contacts in the emulator, as email → properties. */
export function hubContacts(em: HubspotEmulator): Map<string, Readonly<Record<string, string>>> {
  const out = new Map<string, Readonly<Record<string, string>>>();
  for (const r of em.store.scan('contacts', false)) {
    const email = r.properties['email'];
    if (typeof email === 'string') out.set(email, r.properties);
  }
  return out;
}

export { makeSync, syncObject };
