// Real SQLite apps and a real state store in a temp dir, plus normalised sync definitions.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Sync, SyncObject } from '../../src/config/model.js';
import { createSqliteConnector } from '../../src/connectors/index.js';
import type { Connector } from '../../src/connectors/types.js';
import { runInitialSync, type InitialSyncOptions } from '../../src/engine/index.js';
import type { InitialSyncReport } from '../../src/engine/report.js';
import { createLogger } from '../../src/log/logger.js';
import { openStateStore, type SqliteStateStore } from '../../src/store/index.js';
import { SqliteRecordIndex } from '../../src/store/sqlite/record-index.js';

export const silent = createLogger('silent');

export type Row = Record<string, string | number | null>;

/** A fresh temp directory. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'syncctl-engine-'));
}

/** Creates an SQLite app file with tables given as CREATE statements and rows. */
export function createApp(path: string, tables: Record<string, { ddl: string; rows?: Row[] }>): void {
  const db = new Database(path);
  db.transaction(() => {
    for (const [name, t] of Object.entries(tables)) {
      db.exec(t.ddl);
      for (const row of t.rows ?? []) {
        const cols = Object.keys(row);
        db.prepare(`INSERT INTO ${name} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...cols.map((c) => row[c]));
      }
    }
  })();
  db.close();
}

/** All rows of a table, ordered by id. */
export function rows(path: string, table: string): Row[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare(`SELECT * FROM ${table} ORDER BY id`).all() as Row[];
  } finally {
    db.close();
  }
}

/** sha256 of a file (and its -wal, when present). */
export function fileHash(path: string): string {
  const h = createHash('sha256').update(readFileSync(path));
  if (existsSync(`${path}-wal`)) h.update(readFileSync(`${path}-wal`));
  return h.digest('hex');
}

/** Contacts tables: hub `contacts`, app `customers`, both with email, names, phone. */
export const CONTACTS_DDL = {
  hub: `CREATE TABLE contacts (id INTEGER PRIMARY KEY, email TEXT, firstname TEXT, lastname TEXT, phone TEXT, lifecyclestage TEXT, age INTEGER, updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))`,
  app: `CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT, firstname TEXT, lastname TEXT, phone TEXT, segment TEXT, age TEXT, updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))`,
};

export const COMPANIES_DDL = {
  hub: `CREATE TABLE companies (id INTEGER PRIMARY KEY, name TEXT, domain TEXT, city TEXT, updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))`,
  app: `CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT, domain TEXT, city TEXT, updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))`,
};

/** A sync object with every default filled in. */
export function syncObject(hub: string, app: string, over: Partial<SyncObject> = {}): SyncObject {
  return {
    hub,
    app,
    direction: 'two-way',
    conflictWinner: 'hub',
    onlyWithEmail: hub === 'contacts',
    match: hub === 'contacts' ? ['email'] : hub === 'companies' ? ['name', 'domain'] : [],
    mappings: { defaults: true, fields: [] },
    filters: { hub: [], app: [] },
    ...over,
  };
}

/** A normalised sync between connections `crm` (hub) and `shop` (app). */
export function makeSync(objects: SyncObject[], over: Partial<Sync> = {}): Sync {
  return {
    name: 'crm-shop',
    hub: 'crm',
    app: 'shop',
    enabled: true,
    pollInterval: '5m',
    pollIntervalMs: 300_000,
    objects: [...objects].sort((a, b) => a.hub.localeCompare(b.hub)),
    associations: [],
    ...over,
  };
}

export interface World {
  dir: string;
  hubPath: string;
  appPath: string;
  statePath: string;
  hub: Connector;
  app: Connector;
  store: SqliteStateStore;
  index: SqliteRecordIndex;
  close(): Promise<void>;
}

/** Opens connectors on the two app files and a state store, all in `dir`. */
export async function openWorld(dir: string): Promise<World> {
  const hubPath = join(dir, 'crm.db');
  const appPath = join(dir, 'shop.db');
  const statePath = join(dir, 'state.db');
  const hub = createSqliteConnector({ path: hubPath }, { connection: 'crm', baseDir: dir });
  const app = createSqliteConnector({ path: appPath }, { connection: 'shop', baseDir: dir });
  const store = await openStateStore(statePath);
  const index = new SqliteRecordIndex(store.database, store.location);
  return {
    dir, hubPath, appPath, statePath, hub, app, store, index,
    async close() {
      await hub.close();
      await app.close();
      await store.close();
    },
  };
}

/** Runs the initial sync of `sync` on a world and closes it. */
export async function syncOnce(dir: string, sync: Sync, over: Partial<InitialSyncOptions> = {}): Promise<InitialSyncReport> {
  const w = await openWorld(dir);
  try {
    return await runInitialSync({ sync, hub: w.hub, app: w.app, index: w.index, objects: 'all', logger: silent, ...over });
  } finally {
    await w.close();
  }
}
