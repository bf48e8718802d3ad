// Two real SQLite apps with link tables, a real state store with the sync applied, the initial
// sync run, then incremental passes (whose association share is under test). Hub: contacts,
// companies, deals, link tables contacts_companies (with is_primary) and deals_contacts. App:
// customers, accounts, opportunities, customers_accounts (with is_primary) and
// opportunities_customers. Everything is found by the SQLite connector's conventions.
import Database from 'better-sqlite3';
import type { Connection, Sync, SyncObject } from '../../../src/config/model.js';
import type { AssociationEdge, AssociationEnds, AssociationKind, AssociationWriteResult, Connector } from '../../../src/connectors/types.js';
import type { AppliedSync } from '../../../src/store/index.js';
import { contentHash } from '../../../src/util/canonical.js';
import { type CliRun, runCli } from '../../cli/harness.js';
import { CONTACTS_DDL, COMPANIES_DDL, type Row, type World, createApp, initialSync, makeSync, syncObject } from '../incremental/helpers.js';

export { exec, indexRows, isoNow, edit, insert, pass, silent, tempDir, syncObject, makeSync, type Row, type World } from '../incremental/helpers.js';

export const HUB_DDL = {
  contacts: CONTACTS_DDL.hub,
  companies: COMPANIES_DDL.hub,
  deals: `CREATE TABLE deals (id INTEGER PRIMARY KEY, dealname TEXT, amount REAL, updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))`,
  contacts_companies: `CREATE TABLE contacts_companies (contact_id INTEGER NOT NULL, company_id INTEGER NOT NULL, is_primary INTEGER NOT NULL DEFAULT 0)`,
  deals_contacts: `CREATE TABLE deals_contacts (deal_id INTEGER NOT NULL, contact_id INTEGER NOT NULL)`,
};

export const APP_DDL = {
  customers: CONTACTS_DDL.app,
  accounts: COMPANIES_DDL.app,
  opportunities: `CREATE TABLE opportunities (id INTEGER PRIMARY KEY, dealname TEXT, amount REAL, updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))`,
  customers_accounts: `CREATE TABLE customers_accounts (customer_id INTEGER NOT NULL, account_id INTEGER NOT NULL, is_primary INTEGER NOT NULL DEFAULT 0)`,
  opportunities_customers: `CREATE TABLE opportunities_customers (opportunity_id INTEGER NOT NULL, customer_id INTEGER NOT NULL)`,
};

type Tables<K extends string> = Partial<Record<K, Row[]>>;

/** Contacts, companies and deals (deals always created: they match on nothing). */
export function assocSync(over: { contacts?: Partial<SyncObject>; companies?: Partial<SyncObject>; deals?: Partial<SyncObject> } = {}, associations = DEFAULT_ASSOCIATIONS): Sync {
  return makeSync(
    [syncObject('contacts', 'customers', over.contacts), syncObject('companies', 'accounts', over.companies), syncObject('deals', 'opportunities', over.deals)],
    { associations },
  );
}

export const DEFAULT_ASSOCIATIONS = [
  { from: 'contacts', to: 'companies' },
  { from: 'deals', to: 'contacts' },
];

/** Creates both app files (every table of HUB_DDL/APP_DDL, with the given rows). */
export function createApps(dir: string, hub: Tables<keyof typeof HUB_DDL>, app: Tables<keyof typeof APP_DDL>): void {
  createApp(`${dir}/crm.db`, Object.fromEntries(Object.entries(HUB_DDL).map(([t, ddl]) => [t, { ddl, rows: hub[t as keyof typeof HUB_DDL] ?? [] }])));
  createApp(`${dir}/shop.db`, Object.fromEntries(Object.entries(APP_DDL).map(([t, ddl]) => [t, { ddl, rows: app[t as keyof typeof APP_DDL] ?? [] }])));
}

function connection(name: string, path: string, dir: string): Connection {
  return { name, connector: 'sqlite', options: { path }, baseDir: dir };
}

/** Records the sync (and its connections) as applied, so the CLI's status sees it. */
export async function applySync(w: World, sync: Sync): Promise<void> {
  const at = new Date().toISOString();
  const put = (c: Connection) => ({ kind: 'put-connection' as const, connection: { name: c.name, hash: contentHash(c), definition: c, appliedAt: at, appliedBy: 'test' } });
  const applied: AppliedSync = { name: sync.name, hash: contentHash(sync), definition: sync, lifecycle: 'incremental', restart: null, detail: null, appliedAt: at, appliedBy: 'test', generation: 1 };
  await w.store.commit([put(connection('crm', 'crm.db', w.dir)), put(connection('shop', 'shop.db', w.dir)), { kind: 'put-sync', sync: applied }]);
}

/** Builds the apps, applies `sync` and runs its initial sync; the world stays open. */
export async function startWorld(dir: string, sync: Sync, hub: Tables<keyof typeof HUB_DDL>, app: Tables<keyof typeof APP_DDL>): Promise<World> {
  createApps(dir, hub, app);
  const w = await initialSync(dir, sync);
  await applySync(w, sync);
  return w;
}

/** All rows of a table, as SQL sees them (ordered by every column). */
export function table(path: string, name: string): Row[] {
  const db = new Database(path, { readonly: true });
  try {
    const cols = (db.prepare(`PRAGMA table_info(${name})`).all() as { name: string }[]).map((c) => c.name);
    return db.prepare(`SELECT * FROM ${name} ORDER BY ${cols.join(', ')}`).all() as Row[];
  } finally {
    db.close();
  }
}

/** The id of the row whose `column` is `value`. */
export function idOf(path: string, name: string, column: string, value: string): number {
  const db = new Database(path, { readonly: true });
  try {
    const r = db.prepare(`SELECT id FROM ${name} WHERE ${column} = ?`).get(value) as { id: number } | undefined;
    if (!r) throw new Error(`no ${name} row with ${column} = ${value}`);
    return r.id;
  } finally {
    db.close();
  }
}

/** Runs `syncctl ...argv` in the world's directory. */
export function cli(dir: string, argv: string[]): Promise<CliRun> {
  return runCli(dir, argv);
}

/** `syncctl status --format json` of the world's sync: its association entries. */
export async function associationStatus(dir: string): Promise<{ association: string; synced: number; inQueue: number; failing: number; failingByCategory: Record<string, number>; reconciled: boolean }[]> {
  const r = await cli(dir, ['status', 'crm-shop', '--state', 'state.db', '--format', 'json']);
  if (r.code !== 0) throw new Error(r.stderr);
  return (JSON.parse(r.stdout) as { syncs: { associations: never[] }[] }).syncs[0]?.associations ?? [];
}

/** Counts association writes per call kind, passing everything through (the engine is never mocked). */
export interface AssociationCalls {
  add: AssociationEdge[];
  remove: AssociationEnds[];
}

/**
 * A connector whose association writes are recorded, and optionally interrupted: `onAdd` runs
 * after each add call went through (a test aborts the pass there).
 */
export function recording(inner: Connector, onAdd?: (kind: AssociationKind, edges: readonly AssociationEdge[]) => void): { connector: Connector; calls: AssociationCalls } {
  const calls: AssociationCalls = { add: [], remove: [] };
  const api = inner.associations;
  if (!api) throw new Error('the connector has no associations');
  const connector: Connector = {
    describe: (o) => inner.describe(o),
    list: (o, opts) => inner.list(o, opts),
    read: (o, ids, props) => inner.read(o, ids, props),
    changes: (o, since, opts) => inner.changes(o, since, opts),
    create: (o, inputs) => inner.create(o, inputs),
    update: (o, inputs) => inner.update(o, inputs),
    close: () => inner.close(),
    associations: {
      supports: (k) => api.supports(k),
      read: (k, ids) => api.read(k, ids),
      readReverse: (k, ids) => api.readReverse(k, ids),
      ...(api.scan ? { scan: (k: AssociationKind, o: { cursor?: string; pageSize: number }) => (api.scan as NonNullable<typeof api.scan>).call(api, k, o) } : {}),
      async add(k, edges): Promise<AssociationWriteResult[]> {
        calls.add.push(...edges);
        const out = await api.add(k, edges);
        onAdd?.(k, edges);
        return out;
      },
      async remove(k, ends): Promise<AssociationWriteResult[]> {
        calls.remove.push(...ends);
        return api.remove(k, ends);
      },
    },
  };
  return { connector, calls };
}
