// Real SQLite apps and a real state store with the sync applied, its initial sync run, records
// deleted at an app and marked by an incremental pass; the commands run in-process.
import type { Connection, Sync } from '../../src/config/model.js';
import { runInitialSync } from '../../src/engine/index.js';
import { type ChangeTrigger, type IncrementalReport, runIncrementalPass } from '../../src/engine/incremental/index.js';
import type { AppliedSync } from '../../src/store/index.js';
import { contentHash } from '../../src/util/canonical.js';
import { COMPANIES_DDL, CONTACTS_DDL, createApp, makeSync, openWorld, silent, syncObject, tempDir } from '../engine/helpers.js';
import { type CliRun, runCli } from '../cli/harness.js';

export { fileHash, rows } from '../engine/helpers.js';
export { exec, indexRows } from '../engine/incremental/helpers.js';

export const SYNC = 'crm-shop';

/** Contacts (email match) and companies, two-way. */
export const sync: Sync = makeSync([syncObject('contacts', 'customers'), syncObject('companies', 'accounts')]);

const people = [1, 2, 3].map((i) => ({ email: `p${i}@x.com`, firstname: `P${i}`, lastname: `L${i}`, phone: `55${i}` }));

function connection(name: string, path: string, dir: string): Connection {
  return { name, connector: 'sqlite', options: { path }, baseDir: dir };
}

function applied(s: Sync): AppliedSync {
  const at = new Date().toISOString();
  return { name: s.name, hash: contentHash(s), definition: s, lifecycle: 'incremental', restart: null, detail: null, appliedAt: at, appliedBy: 'test', generation: 1 };
}

/** Builds both apps with three matching people and one company, applies the sync and runs its initial sync. */
export async function buildWorld(): Promise<string> {
  const dir = tempDir();
  createApp(`${dir}/crm.db`, { contacts: { ddl: CONTACTS_DDL.hub, rows: people }, companies: { ddl: COMPANIES_DDL.hub, rows: [{ name: 'Acme', domain: 'acme.com' }] } });
  createApp(`${dir}/shop.db`, { customers: { ddl: CONTACTS_DDL.app, rows: people }, accounts: { ddl: COMPANIES_DDL.app, rows: [{ name: 'Acme', domain: 'acme.com' }] } });
  const w = await openWorld(dir);
  try {
    const at = new Date().toISOString();
    const put = (c: Connection) => ({ kind: 'put-connection' as const, connection: { name: c.name, hash: contentHash(c), definition: c, appliedAt: at, appliedBy: 'test' } });
    await w.store.commit([put(connection('crm', 'crm.db', dir)), put(connection('shop', 'shop.db', dir)), { kind: 'put-sync', sync: applied(sync) }]);
    await runInitialSync({ sync, hub: w.hub, app: w.app, index: w.index, objects: 'all', logger: silent });
  } finally {
    await w.close();
  }
  return dir;
}

/** Runs one incremental pass on the world in `dir`. */
export async function pass(dir: string, trigger: ChangeTrigger = { kind: 'poll' }): Promise<IncrementalReport> {
  const w = await openWorld(dir);
  try {
    return await runIncrementalPass({ sync, hub: w.hub, app: w.app, index: w.index, logger: silent, trigger, tuning: { retryBaseMs: 2, retryMaxMs: 20, leaseWaitMs: 0 } });
  } finally {
    await w.close();
  }
}

export type { CliRun as Run } from '../cli/harness.js';

/** Runs `syncctl <resync-deleted|records> ...argv` in `cwd` through the CLI's main (no TTY). */
export function run(cwd: string, argv: string[]): Promise<CliRun> {
  return runCli(cwd, argv);
}

/** The record view's rows of the sync, as JSON. */
export async function recordView(dir: string, object = 'contacts'): Promise<{ side: string; hubId: string; appId: string; status: string; category: string | null }[]> {
  const r = await run(dir, ['records', SYNC, '--state', 'state.db', '--object', object, '--format', 'json', '--columns', 'side,hubId,appId,status,category']);
  if (r.code !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as { side: string; hubId: string; appId: string; status: string; category: string | null }[];
}
