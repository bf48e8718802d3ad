// Changes flowing through a real runner process: an edit on either side reaches the other
// (the SQLite apps notice their own changes), one edit is one write, and SIGTERM in the middle
// of a large batch then a restart loses nothing and duplicates nothing.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncView } from '../../src/runner/status.js';
import { CONNECTIONS, project, type RunnerProcess, startRunner, syncYaml, waitFor, waitReady } from './helpers.js';
import { parsePrometheus } from './prometheus.js';

const NOW = "strftime('%Y-%m-%dT%H:%M:%fZ','now')";
const running: RunnerProcess[] = [];

async function start(dir: string): Promise<RunnerProcess> {
  const r = await startRunner(dir);
  running.push(r);
  return r;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop('SIGKILL')));
});

function sql<T>(file: string, run: (db: Database.Database) => T): T {
  const db = new Database(file);
  try {
    db.pragma('busy_timeout = 5000');
    return run(db);
  } finally {
    db.close();
  }
}

async function written(r: RunnerProcess, side: 'hub' | 'app'): Promise<number> {
  const families = parsePrometheus((await r.get<string>('/metrics')).text);
  return (families.get('syncctl_records_written_total')?.samples ?? [])
    .filter((s) => s.labels['sync'] === 'a' && s.labels['side'] === side)
    .reduce((n, s) => n + s.value, 0);
}

describe('changes through a running runner', () => {
  it('carries an edit on either side to the other, with exactly one write per edit', async () => {
    const p = await project({ 'syncs/connections.yaml': CONNECTIONS, 'syncs/a.yaml': syncYaml('a', { pollInterval: '1h' }) });
    const crm = join(p.dir, 'data/crm.db');
    const shop = join(p.dir, 'data/shop.db');
    const r = await start(p.dir);
    await waitReady(r);
    const linked = sql(crm, (db) => db.prepare('SELECT c.id, c.email FROM contacts c WHERE c.email IS NOT NULL ORDER BY c.id LIMIT 1').get() as { id: number; email: string });
    const appBefore = await written(r, 'app');
    const hubBefore = await written(r, 'hub');

    sql(crm, (db) => db.prepare(`UPDATE contacts SET firstname = 'Hubedit', updated_at = ${NOW} WHERE id = ?`).run(linked.id));
    await waitFor(() => sql(shop, (db) => (db.prepare('SELECT first_name FROM customers WHERE lower(trim(email_address)) = lower(trim(?))').get(linked.email) as { first_name: string } | undefined)?.first_name === 'Hubedit'), 15_000, 'the CRM edit to reach the shop');

    sql(shop, (db) => db.prepare(`UPDATE customers SET last_name = 'Appedit', updated_at = ${NOW} WHERE lower(trim(email_address)) = lower(trim(?))`).run(linked.email));
    await waitFor(() => sql(crm, (db) => (db.prepare('SELECT lastname FROM contacts WHERE id = ?').get(linked.id) as { lastname: string }).lastname === 'Appedit'), 15_000, 'the shop edit to reach the CRM');

    // Echoes of the runner's own writes settle without further writes.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await written(r, 'app')) - appBefore).toBe(1);
    expect((await written(r, 'hub')) - hubBefore).toBe(1);
  });

  it('loses and duplicates nothing when stopped by SIGTERM in the middle of a large batch', async () => {
    const p = await project({ 'syncs/connections.yaml': CONNECTIONS, 'syncs/a.yaml': syncYaml('a', { pollInterval: '1h' }) }, 8000);
    const crm = join(p.dir, 'data/crm.db');
    const shop = join(p.dir, 'data/shop.db');
    const first = await start(p.dir);
    await waitReady(first, 60_000);
    const a = (await first.status()).syncs.find((s) => s.name === 'a') as SyncView;
    const linkedHub = a.worker?.records.find((x) => x.side === 'hub')?.synced ?? 0;
    expect(linkedHub).toBeGreaterThan(1000);
    const customers = sql(shop, (db) => (db.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n);
    const contacts = sql(crm, (db) => (db.prepare('SELECT count(*) AS n FROM contacts').get() as { n: number }).n);

    sql(crm, (db) => db.prepare(`UPDATE contacts SET firstname = 'Batch-' || id, updated_at = ${NOW}`).run());
    const renamed = (): number => sql(shop, (db) => (db.prepare("SELECT count(*) AS n FROM customers WHERE first_name LIKE 'Batch-%'").get() as { n: number }).n);
    // Watched closely, so that SIGTERM lands while the pass is still writing its pages.
    const probe = new Database(shop, { readonly: true });
    const count = probe.prepare("SELECT count(*) AS n FROM customers WHERE first_name LIKE 'Batch-%'").pluck();
    const deadline = Date.now() + 20_000;
    while ((count.get() as number) === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 2));
    probe.close();
    expect(await first.stop('SIGTERM')).toBe(0);
    const atStop = renamed();

    expect(atStop).toBeGreaterThan(0);
    const second = await start(p.dir);
    await waitFor(() => renamed() === linkedHub, 60_000, `all ${linkedHub} linked customers to be renamed (now ${renamed()})`);
    await waitReady(second);
    expect(sql(shop, (db) => (db.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n)).toBe(customers);
    expect(sql(crm, (db) => (db.prepare('SELECT count(*) AS n FROM contacts').get() as { n: number }).n)).toBe(contacts);
    // Every renamed customer carries its own partner's name (compared where the email is unique on
    // both sides, as the demo data holds deliberate duplicates): nothing was written over another.
    const pairs = sql(shop, (db) => {
      db.exec(`ATTACH DATABASE '${crm}' AS crm`);
      return db
        .prepare(
          `WITH hub AS (SELECT lower(trim(email)) AS k, min(firstname) AS firstname FROM crm.contacts WHERE email IS NOT NULL GROUP BY 1 HAVING count(*) = 1),
                app AS (SELECT lower(trim(email_address)) AS k, min(first_name) AS first_name FROM customers WHERE email_address IS NOT NULL GROUP BY 1 HAVING count(*) = 1)
           SELECT count(*) AS n, sum(app.first_name <> hub.firstname) AS mismatched FROM app JOIN hub USING (k) WHERE app.first_name LIKE 'Batch-%'`,
        )
        .get() as { n: number; mismatched: number };
    });
    expect(pairs.n).toBeGreaterThan(1000);
    expect(pairs.mismatched).toBe(0);
  });
});
