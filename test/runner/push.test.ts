// The push endpoint syncs the records it names at once, even a change the change feed cannot see.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONNECTIONS, project, type Project, type RunnerProcess, startRunner, syncYaml, waitFor, waitReady } from './helpers.js';

function sql<T>(file: string, run: (db: Database.Database) => T): T {
  const db = new Database(file);
  try {
    return run(db);
  } finally {
    db.close();
  }
}

let proj: Project;
let runner: RunnerProcess;

beforeAll(async () => {
  proj = await project({ 'syncs/connections.yaml': CONNECTIONS, 'syncs/a.yaml': syncYaml('a', { pollInterval: '1h' }) });
  runner = await startRunner(proj.dir);
  await waitReady(runner);
});

afterAll(async () => {
  await runner?.stop('SIGKILL');
});

describe('POST /hooks/<connection>', () => {
  it('fetches just the named records and syncs them to the other side', async () => {
    const shop = join(proj.dir, 'data', 'shop.db');
    const crm = join(proj.dir, 'data', 'crm.db');
    const { id, email } = sql(shop, (db) =>
      db.prepare("SELECT id, email_address AS email FROM customers WHERE email_address LIKE '%@%' ORDER BY id LIMIT 1").get() as { id: string; email: string },
    );
    const hubHas = (name: string): boolean =>
      sql(crm, (db) => (db.prepare('SELECT firstname FROM contacts WHERE lower(trim(email)) = lower(trim(?))').get(email) as { firstname: string } | undefined)?.firstname === name);
    await waitFor(() => sql(crm, (db) => db.prepare('SELECT 1 FROM contacts WHERE lower(trim(email)) = lower(trim(?))').get(email)) !== undefined, 20_000, 'the initial sync to link the customer');
    // Written with an updated_at long before the change feed's cursor: polls and file-change
    // passes cannot see this edit; only reading the record by id (the push) finds it.
    sql(shop, (db) => db.prepare("UPDATE customers SET first_name = 'Pushed', updated_at = '2001-01-01T00:00:00.000Z' WHERE id = ?").run(id));
    await new Promise((r) => setTimeout(r, 1500));
    expect(hubHas('Pushed')).toBe(false);
    const res = await runner.post('/hooks/shop', JSON.stringify({ object: 'customers', ids: [id] }));
    expect(res.status).toBe(202);
    await waitFor(() => hubHas('Pushed'), 10_000, 'the pushed change to reach the hub');
  });
});

describe('index counts after a burst of passes', () => {
  it('given a pass too soon after the last count to count again, when no pass follows, then its count still comes (trailing recount)', async () => {
    const shop = join(proj.dir, 'data', 'shop.db');
    const crm = join(proj.dir, 'data', 'crm.db');
    const appTotal = async (): Promise<number | undefined> =>
      (await runner.status()).syncs.find((s) => s.name === 'a')?.worker?.records.find((r) => r.object === 'contacts' && r.side === 'app')?.total;
    const hubHasEmail = (email: string): boolean => sql(crm, (db) => db.prepare('SELECT 1 FROM contacts WHERE email = ?').get(email) !== undefined);
    const push = async (id: string): Promise<void> => {
      sql(shop, (db) => db.prepare("INSERT INTO customers (id, email_address, first_name, last_name, updated_at) VALUES (?, ?, 'Burst', 'Test', ?)").run(id, `${id}@burst.example`, new Date().toISOString()));
      expect((await runner.post('/hooks/shop', JSON.stringify({ object: 'customers', ids: [id] }))).status).toBe(202);
      await waitFor(() => hubHasEmail(`${id}@burst.example`), 10_000, `${id} to reach the hub`);
    };
    // Quiet for longer than the 2 s between counts: the next pass counts.
    await new Promise((r) => setTimeout(r, 2500));
    const before = await waitFor(appTotal, 10_000, 'the first counts');
    await push('burst-1');
    // Right after that count: this pass, and the file-watch pass its writes cause, come within
    // the 2 s and do not count. Polls are an hour apart, so no later pass counts either. (On a
    // machine slow enough for them to end past the 2 s, they count themselves: the test then
    // shows less, but cannot fail for it.)
    await push('burst-2');
    await waitFor(async () => (await appTotal()) === before + 2, 10_000, `the app side's count to reach ${before + 2}`);
  });
});
