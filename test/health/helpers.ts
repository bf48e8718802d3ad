// A hand-built fixture for the health views: two real SQLite apps, a real state store with the
// sync applied, its index built by the engine's runInitialSync (on a fixed clock), and the
// status/records commands run in-process with captured streams.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Connection, Sync, SyncObject } from '../../src/config/model.js';
import { createSqliteConnector } from '../../src/connectors/index.js';
import { runInitialSync } from '../../src/engine/index.js';
import type { RowWrite } from '../../src/engine/record-index.js';
import { createLogger } from '../../src/log/logger.js';
import { type AppliedSync, type Lifecycle, openStateStore } from '../../src/store/index.js';
import { SqliteRecordIndex } from '../../src/store/sqlite/record-index.js';
import { contentHash } from '../../src/util/canonical.js';
import { type CliRun, runCli } from '../cli/harness.js';

export const SYNC = 'crm-shop';
/** The clock of the initial sync: every row's first seen and last synced. */
export const SYNCED_AT = new Date('2024-01-10T12:00:00.000Z');
/** The clock of the rows added by hand afterwards (in-queue, awkward values). */
export const LATER = new Date('2024-03-01T08:00:00.000Z');

type Row = Record<string, string | number | null>;

const DDL = {
  contacts: `CREATE TABLE contacts (id INTEGER PRIMARY KEY, email TEXT, firstname TEXT, phone TEXT, updated_at TEXT NOT NULL DEFAULT '2024-01-05T00:00:00.000Z')`,
  customers: `CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT, firstname TEXT, phone TEXT, updated_at TEXT NOT NULL DEFAULT '2024-01-06T00:00:00.000Z')`,
  companies: `CREATE TABLE companies (id INTEGER PRIMARY KEY, name TEXT, domain TEXT, updated_at TEXT NOT NULL DEFAULT '2024-01-07T00:00:00.000Z')`,
  accounts: `CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT, domain TEXT, updated_at TEXT NOT NULL DEFAULT '2024-01-08T00:00:00.000Z')`,
};

/**
 * Hub contacts: 1 Ann (matches app 1), 2 Bob (no phone: required, fails), 3 no email,
 * 4 Ann again (duplicate), 5 Cy (created in the app).
 * App customers: 1 Ann, 2 invalid email, 3 Dan (created in the hub), 4 Eve (no phone: fails).
 * Companies: two on each side, all linking or created.
 */
const HUB_CONTACTS: Row[] = [
  { email: 'ann@x.com', firstname: 'Ann', phone: '111' },
  { email: 'bob@x.com', firstname: 'Bob', phone: null },
  { email: null, firstname: 'Nomail', phone: '333' },
  { email: 'ANN@x.com ', firstname: 'Ann2', phone: '444' },
  { email: 'cy@x.com', firstname: 'Cy', phone: '555' },
];
const APP_CUSTOMERS: Row[] = [
  { email: 'ann@x.com', firstname: 'Ann', phone: '111' },
  { email: 'not-an-email', firstname: 'Bad', phone: '222' },
  { email: 'dan@x.com', firstname: 'Dan', phone: '777' },
  { email: 'eve@x.com', firstname: 'Eve', phone: null },
];
const HUB_COMPANIES: Row[] = [{ name: 'Acme', domain: 'acme.com' }, { name: 'Globex', domain: 'globex.io' }];
const APP_ACCOUNTS: Row[] = [{ name: 'Acme Inc.', domain: 'acme.com' }];

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'syncctl-health-'));
}

function createApp(path: string, tables: Record<string, Row[]>): void {
  const db = new Database(path);
  for (const [table, rows] of Object.entries(tables)) {
    db.exec(DDL[table as keyof typeof DDL]);
    for (const row of rows) {
      const cols = Object.keys(row);
      db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...cols.map((c) => row[c]));
    }
  }
  db.close();
}

function object(hub: string, app: string, over: Partial<SyncObject> = {}): SyncObject {
  return {
    hub, app, direction: 'two-way', conflictWinner: 'hub', onlyWithEmail: hub === 'contacts',
    match: hub === 'contacts' ? ['email'] : ['name', 'domain'],
    mappings: { defaults: true, fields: [] }, filters: { hub: [], app: [] }, ...over,
  };
}

/** The fixture's sync: contacts (phone required) and companies. */
export function fixtureSync(): Sync {
  const contacts = object('contacts', 'customers', {
    mappings: { defaults: true, fields: [{ hub: 'phone', app: 'phone', required: true, enabled: true }] },
  });
  return {
    name: SYNC, hub: 'crm', app: 'shop', enabled: true, pollInterval: '5m', pollIntervalMs: 300_000,
    objects: [object('companies', 'accounts'), contacts], associations: [],
  };
}

function connection(name: string, path: string, dir: string): Connection {
  return { name, connector: 'sqlite', options: { path }, baseDir: dir };
}

export interface Fixture {
  dir: string;
  statePath: string;
}

/** Builds the apps, applies the sync (lifecycle as given) and runs its initial sync. */
export async function buildFixture(lifecycle: Lifecycle = 'incremental'): Promise<Fixture> {
  const dir = tempDir();
  createApp(join(dir, 'crm.db'), { contacts: HUB_CONTACTS, companies: HUB_COMPANIES });
  createApp(join(dir, 'shop.db'), { customers: APP_CUSTOMERS, accounts: APP_ACCOUNTS });
  const statePath = join(dir, 'state.db');
  const store = await openStateStore(statePath);
  const sync = fixtureSync();
  const crm = connection('crm', 'crm.db', dir);
  const shop = connection('shop', 'shop.db', dir);
  await store.commit([
    { kind: 'put-connection', connection: { name: 'crm', hash: contentHash(crm), definition: crm, appliedAt: SYNCED_AT.toISOString(), appliedBy: 'test' } },
    { kind: 'put-connection', connection: { name: 'shop', hash: contentHash(shop), definition: shop, appliedAt: SYNCED_AT.toISOString(), appliedBy: 'test' } },
    { kind: 'put-sync', sync: appliedSync(sync, lifecycle) },
  ]);
  const hub = createSqliteConnector({ path: 'crm.db' }, { connection: 'crm', baseDir: dir });
  const app = createSqliteConnector({ path: 'shop.db' }, { connection: 'shop', baseDir: dir });
  try {
    const index = new SqliteRecordIndex(store.database, store.location, () => SYNCED_AT);
    await runInitialSync({ sync, hub, app, index, objects: 'all', logger: createLogger('silent') });
  } finally {
    await hub.close();
    await app.close();
    await store.close();
  }
  return { dir, statePath };
}

export function appliedSync(sync: Sync, lifecycle: Lifecycle, detail: string | null = null): AppliedSync {
  return {
    name: sync.name, hash: contentHash(sync), definition: sync, lifecycle, restart: lifecycle === 'pending-initial-sync' ? 'all' : null,
    detail, appliedAt: SYNCED_AT.toISOString(), appliedBy: 'test', generation: 1,
  };
}

/** A decided row for RecordIndex.commit (statuses the engine cannot produce yet, awkward values). */
export function handRow(side: 'hub' | 'app', id: string, over: Partial<RowWrite>): RowWrite {
  return {
    side, id, identifiers: [], values: {}, hash: `h-${id}`, filterOk: true, emailOk: true,
    changedAt: '2024-02-28T00:00:00.000Z', status: 'in-sync', partnerId: null, synced: false, ...over,
  };
}

/** Adds rows to the fixture's index through the RecordIndex API, on the LATER clock. */
export async function addRows(statePath: string, object: string, rows: RowWrite[]): Promise<void> {
  const store = await openStateStore(statePath);
  try {
    const index = new SqliteRecordIndex(store.database, store.location, () => LATER);
    const key = { sync: SYNC, object };
    const cp = await index.getCheckpoint(key);
    await index.commit(key, cp?.run ?? 1, { rows });
  } finally {
    await store.close();
  }
}

export type { CliRun as Run } from '../cli/harness.js';

/** Runs `syncctl <status|records> ...argv` in `cwd` through the CLI's main (no TTY). */
export function run(cwd: string, argv: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  return runCli(cwd, argv, env);
}
