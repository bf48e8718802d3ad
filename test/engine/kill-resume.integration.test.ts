// kill -9 at random points of an initial sync of 20k records per side, rerun to completion:
// no record created twice, every syncable record linked, nothing left half-done.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CONTACTS_DDL, createApp, rows, tempDir, type Row } from './helpers.js';

const CHILD = fileURLToPath(new URL('./fixtures/initial-sync-child.mjs', import.meta.url));
const N = 20_000;
const DEALS = 1_000;

// Deterministic data: half of each side matches the other, 1% duplicates, 2% without email.
function seed(dir: string): void {
  const hub: Row[] = [];
  const app: Row[] = [];
  for (let i = 0; i < N; i++) {
    hub.push({ email: i % 50 === 7 ? null : `p${i}@x.com`, firstname: `H${i}`, phone: i % 3 === 0 ? null : `+1${i}` });
    const k = i + N / 2;
    app.push({ email: i % 50 === 9 ? null : i % 100 === 13 ? `P${k - 1}@X.com` : `p${k}@x.com`, firstname: i % 10 === 0 ? `A${k}` : `H${k}`, phone: i % 4 === 0 ? `+9${k}` : null });
  }
  const deals = (prefix: string): Row[] => Array.from({ length: DEALS }, (_, i) => ({ dealname: `${prefix} ${i % 700}`, amount: i % 700 }));
  createApp(join(dir, 'crm.db'), {
    contacts: { ddl: CONTACTS_DDL.hub, rows: hub },
    deals: { ddl: `CREATE TABLE deals (id INTEGER PRIMARY KEY, dealname TEXT, amount REAL, updated_at TEXT NOT NULL DEFAULT '2024-01-01T00:00:00Z')`, rows: deals('Hub deal') },
  });
  createApp(join(dir, 'shop.db'), {
    customers: { ddl: CONTACTS_DDL.app, rows: app },
    orders: { ddl: `CREATE TABLE orders (id INTEGER PRIMARY KEY, dealname TEXT, amount REAL, updated_at TEXT NOT NULL DEFAULT '2024-01-01T00:00:00Z')`, rows: deals('App deal') },
  });
}

/**
 * Starts the child; with `killAt`, sends SIGKILL a few random milliseconds after its
 * `killAt.event`-th progress event (so kills land in every phase, whatever the machine's speed).
 */
function runChild(dir: string, killAt?: { event: number; delayMs: number }): Promise<{ killed: boolean; code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let events = 0;
    let killed = false;
    child.stdout.on('data', (d: Buffer) => {
      const text = d.toString();
      stdout += text;
      events += text.split('\n').filter((l) => l.startsWith('progress ')).length;
      if (killAt && !killed && events >= killAt.event) {
        killed = true;
        setTimeout(() => {
          if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid, 'SIGKILL');
          else killed = false;
        }, killAt.delayMs);
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ killed: killed && signal === 'SIGKILL', code, stdout, stderr }));
  });
}

function countBy(values: (string | number | null | undefined)[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const v of values) {
    if (v === null || v === undefined) continue;
    const k = String(v).trim().toLowerCase();
    out.set(k, (out.get(k) ?? 0) + 1);
  }
  return out;
}

describe('kill -9 during an initial sync', () => {
  it('given several SIGKILLs at random points, when rerun to completion, then no duplicates and every syncable record is linked', async () => {
    const dir = tempDir();
    seed(dir);
    const hubBefore = countBy(rows(join(dir, 'crm.db'), 'contacts').map((r) => r.email));
    const appBefore = countBy(rows(join(dir, 'shop.db'), 'customers').map((r) => r.email));

    const phasesKilledIn: string[] = [];
    for (let attempt = 0; attempt < 8; attempt++) {
      const result = await runChild(dir, { event: 1 + Math.floor(Math.random() * 40), delayMs: Math.floor(Math.random() * 40) });
      if (result.killed) phasesKilledIn.push(result.stdout.trim().split('\n').at(-1) ?? '');
      else if (result.code === 0) break;
      else throw new Error(`child failed: ${result.stderr}`);
    }
    expect(phasesKilledIn.length, phasesKilledIn.join('; ')).toBeGreaterThanOrEqual(3);
    const final = await runChild(dir);
    expect(final.code, final.stderr).toBe(0);

    // Every email on either side now exists on both, as often as it did before (at least once): nothing created twice.
    const hubAfter = countBy(rows(join(dir, 'crm.db'), 'contacts').map((r) => r.email));
    const appAfter = countBy(rows(join(dir, 'shop.db'), 'customers').map((r) => r.email));
    const wrong: string[] = [];
    for (const email of new Set([...hubBefore.keys(), ...appBefore.keys()])) {
      const want = (before: Map<string, number>): number => Math.max(before.get(email) ?? 0, 1);
      if (hubAfter.get(email) !== want(hubBefore) || appAfter.get(email) !== want(appBefore)) wrong.push(`${email}: hub ${hubAfter.get(email)}, app ${appAfter.get(email)}`);
    }
    expect(wrong).toEqual([]);
    expect(hubAfter.size).toBeGreaterThan(N);
    // Deals have no matching key: each side's deals were copied to the other exactly once.
    expect(rows(join(dir, 'crm.db'), 'deals')).toHaveLength(2 * DEALS);
    expect(rows(join(dir, 'shop.db'), 'orders')).toHaveLength(2 * DEALS);

    const state = new Database(join(dir, 'state.db'), { readonly: true });
    const statuses = state.prepare(`SELECT status, count(*) AS n FROM record_index GROUP BY status ORDER BY status`).all();
    const unlinked = state.prepare(`SELECT count(*) AS n FROM record_index WHERE status = 'in-sync' AND partner_id IS NULL`).get() as { n: number };
    const intents = state.prepare(`SELECT count(*) AS n FROM record_intents`).get() as { n: number };
    const phases = state.prepare(`SELECT DISTINCT phase FROM record_checkpoints`).all();
    state.close();
    expect(intents.n).toBe(0);
    expect(unlinked.n).toBe(0);
    expect(phases).toEqual([{ phase: 'done' }]);
    expect(statuses.map((s) => (s as { status: string }).status)).toEqual(['excluded', 'in-sync']);
  });
});
