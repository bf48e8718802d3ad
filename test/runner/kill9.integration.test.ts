// kill -9 of a real `syncctl run`, at several points of its initial sync and of an incremental
// batch, then a restart: the apps end exactly as a run that was never interrupted leaves them
// (same records, each created once, same values).
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { CONNECTIONS, project, type RunnerProcess, startRunner, syncYaml, waitFor, waitReady } from './helpers.js';

const running: RunnerProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop('SIGKILL')));
});

async function start(dir: string): Promise<RunnerProcess> {
  const r = await startRunner(dir);
  running.push(r);
  return r;
}

function sql<T>(file: string, run: (db: Database.Database) => T): T {
  const db = new Database(file);
  try {
    db.pragma('busy_timeout = 5000');
    return run(db);
  } finally {
    db.close();
  }
}

/** Every row of both apps' contacts, without ids and timestamps, sorted: what a user would compare. */
function contents(dir: string): { contacts: string[]; customers: string[] } {
  const crm = join(dir, 'data/crm.db');
  const shop = join(dir, 'data/shop.db');
  return {
    contacts: sql(crm, (db) => db.prepare('SELECT email, firstname, lastname, phone FROM contacts').all().map((r) => JSON.stringify(r)).sort()),
    customers: sql(shop, (db) => db.prepare('SELECT email_address, first_name, last_name, phone FROM customers').all().map((r) => JSON.stringify(r)).sort()),
  };
}

/** Records the running initial sync has handled so far, summed over objects and phases. */
async function handled(r: RunnerProcess): Promise<{ processed: number; running: boolean }> {
  const worker = (await r.status()).syncs.find((s) => s.name === 'a')?.worker;
  const processed = (worker?.initialSync.progress ?? []).reduce((n, p) => n + p.processed, 0);
  return { processed, running: worker?.initialSync.running ?? true };
}

const FILES = { 'syncs/connections.yaml': CONNECTIONS, 'syncs/a.yaml': syncYaml('a', { pollInterval: '1h' }) };
const CONTACTS = 6000;

describe('kill -9 of a running runner', () => {
  it('leaves the apps as an uninterrupted run does, after kills during the initial sync and during a batch', async () => {
    const clean = await project(FILES, CONTACTS);
    const calm = await start(clean.dir);
    await waitReady(calm, 120_000);
    expect(await calm.stop('SIGTERM')).toBe(0);
    const expected = contents(clean.dir);

    const p = await project(FILES, CONTACTS);
    // Killed at three depths of each run's initial sync (each resumes the last): at once, a little
    // later, later still — or as soon as it is done, when it finishes first.
    const depths: number[] = [];
    for (const atLeast of [1, 1000, 2500]) {
      const r = await start(p.dir);
      const at = await waitFor(async () => {
        const h = await handled(r);
        return h.processed >= atLeast || !h.running ? h : undefined;
      }, 120_000, `the initial sync to handle ${atLeast} records`);
      await r.stop('SIGKILL');
      depths.push(at.processed);
    }
    expect(depths.filter((d) => d > 0).length).toBeGreaterThanOrEqual(2);
    const third = await start(p.dir);
    await waitReady(third, 120_000);
    expect(contents(p.dir)).toEqual(expected);

    // Killed in the middle of an incremental batch: every CRM contact renamed at once.
    const crm = join(p.dir, 'data/crm.db');
    const shop = join(p.dir, 'data/shop.db');
    sql(crm, (db) => db.prepare("UPDATE contacts SET firstname = 'K-' || id, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')").run());
    sql(join(clean.dir, 'data/crm.db'), (db) => db.prepare("UPDATE contacts SET firstname = 'K-' || id, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')").run());
    const renamed = (): number => sql(shop, (db) => (db.prepare("SELECT count(*) AS n FROM customers WHERE first_name LIKE 'K-%'").get() as { n: number }).n);
    await waitFor(() => renamed() > 0, 60_000, 'the batch to start writing');
    await third.stop('SIGKILL');

    const again = await start(clean.dir);
    await waitFor(async () => (await again.status()).syncs.find((s) => s.name === 'a')?.worker?.passes ?? 0, 60_000, 'a pass of the clean run');
    const last = await start(p.dir);
    await waitReady(last, 120_000);
    const settled = (): boolean => JSON.stringify(contents(p.dir)) === JSON.stringify(contents(clean.dir));
    await waitFor(settled, 60_000, 'the killed run to converge with the clean run');
    expect(contents(p.dir)).toEqual(contents(clean.dir));
  }, 600_000);
});
