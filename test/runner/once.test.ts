// `syncctl run --once` as cron and CI run it: exit codes and what it prints.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStateStore } from '../../src/store/index.js';
import { CONNECTIONS, project, runToEnd, syncYaml } from './helpers.js';

async function lifecycles(dir: string): Promise<Record<string, string>> {
  const store = await openStateStore(join(dir, 'state.db'));
  try {
    const applied = await store.getApplied();
    return Object.fromEntries(Object.values(applied.syncs).map((s) => [s.name, s.lifecycle]));
  } finally {
    await store.close();
  }
}

describe('syncctl run --once', () => {
  it('applies, runs the initial sync and a poll pass, and exits 0 when everything caught up', async () => {
    const p = await project({ 'syncs/connections.yaml': CONNECTIONS, 'syncs/a.yaml': syncYaml('a') });
    const run = await runToEnd(p.dir, ['run', '--once', '--state', 'state.db']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/\+ sync a will be created/);
    expect(run.stdout).toMatch(/^a: incremental; initial sync completed; caught up/m);
    expect(run.stdout).toMatch(/All running syncs caught up\./);
    expect(run.code).toBe(0);
    expect(await lifecycles(p.dir)).toEqual({ a: 'incremental' });

    // Nothing to do the second time: no plan, no initial sync, still caught up.
    const again = await runToEnd(p.dir, ['run', '--once', '--state', 'state.db']);
    expect(again.stdout).not.toMatch(/will be created/);
    expect(again.stdout).toMatch(/^a: incremental; caught up/m);
    expect(again.code).toBe(0);
  });

  it('exits 1 when a sync fails, naming it', async () => {
    const broken = CONNECTIONS.replace('../data/shop.db', '../data/missing.db');
    const p = await project({ 'syncs/connections.yaml': broken, 'syncs/a.yaml': syncYaml('a') });
    const run = await runToEnd(p.dir, ['run', '--once', '--state', 'state.db']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/FAILED sync a failed: initial sync failed: .*missing\.db/);
    expect(await lifecycles(p.dir)).toEqual({ a: 'failed' });
  });

  it('exits 1 for a rejected definition, naming file:line:col, while valid syncs still run', async () => {
    const p = await project({
      'syncs/connections.yaml': CONNECTIONS,
      'syncs/a.yaml': syncYaml('a'),
      'syncs/b.yaml': syncYaml('b', { object: 'companies' }).replace('direction: two-way', 'direction: sideways'),
    });
    const run = await runToEnd(p.dir, ['run', '--once', '--state', 'state.db']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/FAILED rejected sync b: syncs\/b\.yaml:\d+:\d+: /);
    expect(run.stderr).toMatch(/definition rejected: syncs\/b\.yaml:\d+:\d+/);
    expect(await lifecycles(p.dir)).toEqual({ a: 'incremental' });
  });
});
