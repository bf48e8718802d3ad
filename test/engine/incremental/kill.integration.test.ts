// kill -9 at random points of incremental passes over thousands of edits and new records on
// both sides, then a run to completion: no record created twice, every pair agrees field by
// field as the merge rules say, nothing left half-done, and a further pass writes nothing.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runInitialSync } from '../../../src/engine/index.js';
import { runIncrementalPass } from '../../../src/engine/incremental/index.js';
import { SYNC } from './fixtures/kill-world.mjs';
import { openWorld } from '../helpers.js';
import { createApp, exec, isoNow, rows, silent, tempDir, type Row } from './helpers.js';

const CHILD = fileURLToPath(new URL('./fixtures/incremental-child.mjs', import.meta.url));
const N = 3_000;
const DEALS = 300;
const NEW = 400;

const CONTACTS = `(id INTEGER PRIMARY KEY, email TEXT, firstname TEXT, lastname TEXT, phone TEXT, updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))`;
const ORDERS = `(id INTEGER PRIMARY KEY, dealname TEXT, amount REAL, updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))`;

function seed(dir: string): void {
  const people: Row[] = Array.from({ length: N }, (_, i) => ({ email: `p${i}@x.com`, firstname: `F${i}`, lastname: `L${i}`, phone: `+${i}` }));
  const deals = (prefix: string): Row[] => Array.from({ length: DEALS }, (_, i) => ({ dealname: `${prefix} ${i}`, amount: i }));
  createApp(join(dir, 'crm.db'), { contacts: { ddl: `CREATE TABLE contacts ${CONTACTS}`, rows: people }, deals: { ddl: `CREATE TABLE deals ${ORDERS}`, rows: deals('Hub') } });
  createApp(join(dir, 'shop.db'), { customers: { ddl: `CREATE TABLE customers ${CONTACTS}`, rows: people }, orders: { ddl: `CREATE TABLE orders ${ORDERS}`, rows: deals('App') } });
}

/** Edits on both sides (some of the same records, other fields), new records (some twins), new deals. */
function change(dir: string): void {
  const hub = join(dir, 'crm.db');
  const app = join(dir, 'shop.db');
  const at = isoNow();
  exec(hub, `UPDATE contacts SET firstname = 'H' || id, updated_at = ? WHERE id <= 1200`, at);
  exec(app, `UPDATE customers SET phone = 'A' || id, updated_at = ? WHERE id > 900 AND id <= 2100`, at);
  exec(hub, `UPDATE deals SET amount = amount + 1000, updated_at = ? WHERE id <= 100`, at);
  const hubDb = new Database(hub);
  const appDb = new Database(app);
  hubDb.transaction(() => {
    for (let i = 0; i < NEW; i++) hubDb.prepare(`INSERT INTO contacts (email, firstname, updated_at) VALUES (?, ?, ?)`).run(`n${i}@x.com`, `NewHub${i}`, at);
    for (let i = 0; i < 50; i++) hubDb.prepare(`INSERT INTO deals (dealname, amount, updated_at) VALUES (?, ?, ?)`).run(`New hub deal ${i}`, i, at);
  })();
  appDb.transaction(() => {
    // n300..n699: the last 100 of the hub's new emails are twins of the app's first 100.
    for (let i = NEW - 100; i < 2 * NEW - 100; i++) appDb.prepare(`INSERT INTO customers (email, lastname, updated_at) VALUES (?, ?, ?)`).run(`n${i}@x.com`, `NewApp${i}`, at);
    for (let i = 0; i < 50; i++) appDb.prepare(`INSERT INTO orders (dealname, amount, updated_at) VALUES (?, ?, ?)`).run(`New app deal ${i}`, i, at);
  })();
  hubDb.close();
  appDb.close();
}

function runChild(dir: string, killAfter?: number): Promise<{ killed: boolean; code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let batches = 0;
    let killed = false;
    child.stdout.on('data', (d: Buffer) => {
      const text = d.toString();
      stdout += text;
      batches += text.split('\n').filter((l) => l.includes('"msg":"incremental batch"')).length;
      if (killAfter !== undefined && !killed && batches >= killAfter && child.pid !== undefined && child.exitCode === null) {
        killed = true;
        // A few milliseconds later: inside the next batch's writes as often as between batches.
        setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), Math.floor(Math.random() * 15));
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ killed: signal === 'SIGKILL', code, stdout, stderr }));
  });
}

describe('kill -9 during incremental passes', () => {
  it('given SIGKILLs at random points, when rerun to completion, then both apps converge with nothing duplicated', async () => {
    const dir = tempDir();
    seed(dir);
    const w = await openWorld(dir);
    await runInitialSync({ sync: SYNC, hub: w.hub, app: w.app, index: w.index, objects: 'all', logger: silent });
    await w.close();
    change(dir);

    // Early kill points: each run has less left to do, and the runs must die before they finish.
    let kills = 0;
    for (let attempt = 0; attempt < 8 && kills < 5; attempt++) {
      const result = await runChild(dir, 1 + Math.floor(Math.random() * 6));
      if (result.killed) kills += 1;
      else if (result.code === 0) break;
      else throw new Error(`child failed: ${result.stderr}`);
    }
    expect(kills).toBeGreaterThanOrEqual(3);
    const final = await runChild(dir);
    expect(final.code, final.stderr).toBe(0);
    expect(final.stdout).toContain('done');

    const hub = rows(join(dir, 'crm.db'), 'contacts');
    const app = rows(join(dir, 'shop.db'), 'customers');
    const byEmail = (list: Row[]): Map<string, Row> => new Map(list.map((r) => [String(r.email), r]));
    const hubBy = byEmail(hub);
    const appBy = byEmail(app);
    // Nothing created twice: every email once per side, the same set on both.
    const expected = N + 2 * NEW - 100;
    expect(hubBy.size).toBe(hub.length);
    expect(appBy.size).toBe(app.length);
    expect(hub.length).toBe(expected);
    expect(app.length).toBe(expected);
    const disagree: string[] = [];
    for (const [email, h] of hubBy) {
      const a = appBy.get(email);
      for (const f of ['firstname', 'lastname', 'phone'] as const) if (h[f] !== a?.[f]) disagree.push(`${email}.${f}: ${h[f]} / ${a?.[f]}`);
    }
    expect(disagree.slice(0, 10)).toEqual([]);
    // Both sides' edits arrived; records edited on both sides kept each side's field.
    expect(appBy.get('p0@x.com')).toMatchObject({ firstname: 'H1', phone: '+0' });
    expect(hubBy.get('p1000@x.com')).toMatchObject({ firstname: 'H1001', phone: 'A1001' });
    expect(hubBy.get('p2000@x.com')).toMatchObject({ firstname: 'F2000', phone: 'A2001' });
    expect(appBy.get('n350@x.com')).toMatchObject({ firstname: 'NewHub350', lastname: 'NewApp350' });

    const dealNames = (path: string, table: string): string[] => rows(path, table).map((r) => String(r.dealname)).sort();
    expect(dealNames(join(dir, 'crm.db'), 'deals')).toHaveLength(2 * DEALS + 100);
    expect(dealNames(join(dir, 'crm.db'), 'deals')).toEqual(dealNames(join(dir, 'shop.db'), 'orders'));

    const state = new Database(join(dir, 'state.db'), { readonly: true });
    const statuses = state.prepare(`SELECT status, count(*) AS n FROM record_index GROUP BY status`).all();
    const intents = state.prepare(`SELECT count(*) AS n FROM record_intents`).get();
    state.close();
    expect(statuses).toEqual([{ status: 'in-sync', n: 2 * (expected + 2 * DEALS + 100) }]);
    expect(intents).toEqual({ n: 0 });

    const again = await openWorld(dir);
    const report = await runIncrementalPass({ sync: SYNC, hub: again.hub, app: again.app, index: again.index, logger: silent, trigger: { kind: 'poll' } });
    await again.close();
    expect(report.objects.map((o) => o.written)).toEqual([{ hub: 0, app: 0 }, { hub: 0, app: 0 }]);
  });
});
