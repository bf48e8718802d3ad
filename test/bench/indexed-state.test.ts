// The cached "N contacts indexed and linked" state the incremental and export scenarios start
// from: built through the engine, resumed after a stop at its budget with the same outcome as an
// uninterrupted build, reused once complete, and usable from a copy in another directory (edits
// there travel through the engine's incremental pass to the other app).
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { editPlanner, openApps } from '../../bench/lib/app-edits.mjs';
import { copyIndexedState, ensureIndexedState, type IndexedMeta, openIncremental } from '../../bench/lib/indexed-state.mjs';
import { createLogger } from '../../src/log/logger.js';

const CONTACTS = 2000;
const SEED = 3;
const root = mkdtempSync(join(tmpdir(), 'syncctl-bench-indexed-'));
const dataRoot = join(root, 'data');
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function build(where: string, budgetMs: number) {
  return ensureIndexedState({ contacts: CONTACTS, seed: SEED, budgetMs, root: join(root, where), dataRoot });
}

function count(file: string, sql: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('indexed state', () => {
  let resumed: IndexedMeta;

  it('stops at its budget, keeps its progress, and resumes it on the next call', async () => {
    const stopped = await build('resumed', 0);
    expect(stopped.ready).toBe(false);
    if (stopped.ready) return;
    expect(stopped.reason).toMatch(/stopped at its budget .* the next run resumes it/);
    expect(readdirSync(join(root, 'resumed')).some((n) => n.endsWith('.partial'))).toBe(true);

    const done = await build('resumed', 120_000);
    expect(done.ready).toBe(true);
    if (!done.ready) return;
    expect(done.builtNow).toBe(true);
    expect(done.meta.buildRuns).toBe(2);
    expect(readdirSync(join(root, 'resumed')).some((n) => n.endsWith('.partial'))).toBe(false);
    resumed = done.meta;
  });

  it('ends a resumed build with the same apps and index as an uninterrupted one', async () => {
    const whole = await build('whole', 120_000);
    expect(whole.ready).toBe(true);
    if (!whole.ready) return;
    expect(whole.meta.buildRuns).toBe(1);
    expect(resumed.rows).toEqual(whole.meta.rows);
    expect(resumed.indexRows).toEqual(whole.meta.indexRows);
    // Every record of both apps is in the index, each linked pair twice (once per side).
    expect(whole.meta.indexRows['contacts/hub']).toBe(whole.meta.rows.contacts);
    expect(whole.meta.indexRows['contacts/app']).toBe(whole.meta.rows.customers);
    expect(whole.meta.pairs.length).toBeGreaterThan(1000);
    expect(new Set(whole.meta.pairs.map((p) => p[0])).size).toBe(whole.meta.pairs.length);
  });

  it('is found again instead of built again', async () => {
    const again = await build('whole', 120_000);
    expect(again).toMatchObject({ ready: true, builtNow: false });
  });

  it('works from a copy elsewhere: an edit on each side reaches the other through an incremental pass', async () => {
    const found = await build('whole', 120_000);
    if (!found.ready) throw new Error('not built');
    const copy = join(root, 'copy');
    const files = copyIndexedState(found.dir, copy);
    const inc = await openIncremental(copy, { logger: createLogger('silent') });
    const apps = openApps(files);
    try {
      const edits = editPlanner(found.meta.pairs, 't').take(3, 3);
      apps.edit(edits);
      expect(apps.notArrived(edits)).toHaveLength(6);
      const report = await inc.pass({ kind: 'poll' });
      expect(report.objects.find((o) => o.object === 'contacts')?.seen).toEqual({ hub: 3, app: 3 });
      expect(apps.notArrived(edits)).toEqual([]);
    } finally {
      apps.close();
      await inc.close();
    }
    // The cached files were only read.
    expect(count(join(found.dir, 'hub.db'), "SELECT count(*) AS n FROM contacts WHERE lastname LIKE 'Bench-%'")).toBe(0);
    expect(existsSync(join(copy, 'syncs', 'bench.yaml'))).toBe(true);
  });
});

describe('edit planner', () => {
  it('hands out each pair once, with values no record holds, and says when it runs out', () => {
    const pairs: [string, string][] = [['1', 'a'], ['2', 'b'], ['3', 'c']];
    const planner = editPlanner(pairs, 'x');
    const edits = planner.take(1, 1);
    expect(edits.map((e) => [e.side, e.pair[0]])).toEqual([['hub', '1'], ['app', '2']]);
    expect(new Set(edits.map((e) => e.value)).size).toBe(2);
    expect(() => planner.take(1, 1)).toThrow(/recorded 3 linked pairs; this case needs more \(4\)/);
  });
});
