// The runner following its directory, with real processes: definition changes, invalid files,
// removed files (orphaned, or deleted with --prune) and the Kubernetes ConfigMap symlink swap.
import { mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunnerStatus, SyncView } from '../../src/runner/status.js';
import { openStateStore } from '../../src/store/index.js';
import { CONNECTIONS, project, type RunnerProcess, startRunner, syncYaml, waitFor } from './helpers.js';
import { parsePrometheus } from './prometheus.js';

const running: RunnerProcess[] = [];

async function start(dir: string, args: string[] = []): Promise<RunnerProcess> {
  const r = await startRunner(dir, args);
  running.push(r);
  return r;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.stop('SIGKILL')));
});

function sync(status: RunnerStatus, name: string): SyncView | undefined {
  return status.syncs.find((s) => s.name === name);
}

/** Waits until every named sync is incremental with its initial sync done. */
async function syncsUp(r: RunnerProcess, names: string[]): Promise<RunnerStatus> {
  return waitFor(async () => {
    const s = await r.status();
    return names.every((n) => sync(s, n)?.lifecycle === 'incremental' && (sync(s, n)?.worker?.initialSync.running ?? true) === false) ? s : undefined;
  }, 30_000, `${names.join(', ')} to run incrementally`);
}

/** How many times each sync's initial sync started, from the state's audit history. */
async function initialSyncStarts(dir: string): Promise<Record<string, number>> {
  const store = await openStateStore(join(dir, 'state.db'));
  try {
    const counts: Record<string, number> = {};
    for (const h of await store.history(1000)) if (h.lifecycleAfter === 'initial-sync') counts[h.name] = (counts[h.name] ?? 0) + 1;
    return counts;
  } finally {
    await store.close();
  }
}

describe('the runner following its definitions directory', () => {
  it('restarts only the sync whose definition changed', async () => {
    const p = await project({ 'syncs/connections.yaml': CONNECTIONS, 'syncs/a.yaml': syncYaml('a'), 'syncs/b.yaml': syncYaml('b', { object: 'companies' }) });
    const r = await start(p.dir);
    const before = await syncsUp(r, ['a', 'b']);
    expect(await initialSyncStarts(p.dir)).toEqual({ a: 1, b: 1 });

    // Saved the way editors do it: a temporary file renamed over the original.
    p.write('syncs/.a.yaml.swp', syncYaml('a').replace('        - { hub: lastname, app: last_name }', '        - { hub: lastname, app: last_name }\n        - { hub: phone, app: phone }'));
    renameSync(join(p.dir, 'syncs/.a.yaml.swp'), join(p.dir, 'syncs/a.yaml'));
    const after = await waitFor(async () => {
      const s = await r.status();
      const a = sync(s, 'a');
      return a && a.hash !== sync(before, 'a')?.hash && a.lifecycle === 'incremental' && a.worker?.initialSync.completed === 1 ? s : undefined;
    }, 30_000, 'a to restart with its new definition');

    expect(sync(after, 'a')?.generation).toBe(2);
    expect(sync(after, 'a')?.worker?.startedAt).not.toBe(sync(before, 'a')?.worker?.startedAt);
    // b kept its worker (timers, watches, connectors) and did not sync again.
    expect(sync(after, 'b')?.hash).toBe(sync(before, 'b')?.hash);
    expect(sync(after, 'b')?.worker?.startedAt).toBe(sync(before, 'b')?.worker?.startedAt);
    expect(sync(after, 'b')?.worker?.initialSync.started).toBe(1);
    expect(await initialSyncStarts(p.dir)).toEqual({ a: 2, b: 1 });
  });

  it('keeps the last good definition of an invalid file running, reports it, and resumes once the file is fixed', async () => {
    const p = await project({ 'syncs/connections.yaml': CONNECTIONS, 'syncs/a.yaml': syncYaml('a'), 'syncs/b.yaml': syncYaml('b', { object: 'companies' }) });
    const r = await start(p.dir);
    const before = await syncsUp(r, ['a', 'b']);

    p.write('syncs/a.yaml', syncYaml('a').replace('direction: two-way', 'direction: sideways'));
    const rejected = await waitFor(async () => {
      const s = await r.status();
      return sync(s, 'a')?.config.state === 'rejected' ? s : undefined;
    }, 15_000, 'a to be reported as rejected');
    const a = sync(rejected, 'a');
    expect(a?.hash).toBe(sync(before, 'a')?.hash);
    expect(a?.lifecycle).toBe('incremental');
    expect(a?.worker?.startedAt).toBe(sync(before, 'a')?.worker?.startedAt);
    expect(a?.config.problems[0]?.location).toMatch(/^syncs\/a\.yaml:\d+:\d+$/);
    expect(rejected.rejected).toEqual([expect.objectContaining({ resource: { kind: 'Sync', name: 'a' }, file: 'syncs/a.yaml', keptLastGood: true })]);
    const ready = await r.get<{ ready: boolean; unhealthy: { sync?: string; reason: string; detail: string }[] }>('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body.unhealthy).toContainEqual(expect.objectContaining({ sync: 'a', reason: 'rejected-config', detail: expect.stringMatching(/^syncs\/a\.yaml:\d+:\d+: /) }));
    expect(r.logs().some((l) => String(l['msg']).startsWith('definition rejected: syncs/a.yaml:') && typeof l['line'] === 'number')).toBe(true);
    const metrics = parsePrometheus((await r.get<string>('/metrics')).text);
    expect(metrics.get('syncctl_config_rejected_generations_total')?.samples[0]?.value).toBeGreaterThanOrEqual(1);

    // Unreadable YAML: everything that came from the file keeps running as it was.
    p.write('syncs/b.yaml', 'kind: Sync\nname: [b\n  objects: : :\n');
    const broken = await waitFor(async () => {
      const s = await r.status();
      return sync(s, 'b')?.config.state === 'rejected' ? s : undefined;
    }, 15_000, 'b to be reported as unreadable');
    expect(sync(broken, 'b')).toMatchObject({ lifecycle: 'incremental', hash: sync(before, 'b')?.hash });
    expect(broken.rejected).toContainEqual(expect.objectContaining({ file: 'syncs/b.yaml', keptLastGood: true }));

    p.write('syncs/a.yaml', syncYaml('a', { conflictWinner: 'app' }));
    p.write('syncs/b.yaml', syncYaml('b', { object: 'companies' }));
    const fixed = await waitFor(async () => {
      const s = await r.status();
      return sync(s, 'a')?.config.state === 'ok' && sync(s, 'a')?.hash !== sync(before, 'a')?.hash && s.rejected.length === 0 ? s : undefined;
    }, 15_000, 'a to resume with its fixed definition');
    expect(sync(fixed, 'a')?.definition.objects[0]?.conflictWinner).toBe('app');
    expect(sync(fixed, 'b')?.hash).toBe(sync(before, 'b')?.hash);
  });

  it('orphans a sync whose file is removed, and deletes it with --prune', async () => {
    const p = await project({ 'syncs/connections.yaml': CONNECTIONS, 'syncs/a.yaml': syncYaml('a'), 'syncs/b.yaml': syncYaml('b', { object: 'companies' }) });
    const r = await start(p.dir);
    await syncsUp(r, ['a', 'b']);
    rmSync(join(p.dir, 'syncs/b.yaml'));
    const orphaned = await waitFor(async () => {
      const s = await r.status();
      return sync(s, 'b')?.lifecycle === 'orphaned' ? s : undefined;
    }, 15_000, 'b to be orphaned');
    expect(sync(orphaned, 'b')?.worker).toBeNull();
    expect(sync(orphaned, 'a')?.lifecycle).toBe('incremental');
    expect(await r.stop('SIGTERM')).toBe(0);

    const pruning = await start(p.dir, ['--prune']);
    await waitFor(async () => {
      const s = await pruning.status();
      return s.generation > 0 && !sync(s, 'b') && sync(s, 'a')?.lifecycle === 'incremental';
    }, 15_000, 'b to be deleted by --prune');
  });

  it('picks up a Kubernetes ConfigMap update (the ..data symlink swap)', async () => {
    const p = await project({});
    const mount = join(p.dir, 'config');
    const version = (name: string, pollInterval: string): void => {
      mkdirSync(join(mount, name), { recursive: true });
      writeFileSync(join(mount, name, 'connections.yaml'), CONNECTIONS);
      writeFileSync(join(mount, name, 'a.yaml'), syncYaml('a', { pollInterval }));
    };
    version('..2026_01_01_00_00_00.000000001', '1m');
    symlinkSync('..2026_01_01_00_00_00.000000001', join(mount, '..data'));
    symlinkSync('..data/connections.yaml', join(mount, 'connections.yaml'));
    symlinkSync('..data/a.yaml', join(mount, 'a.yaml'));

    const r = await start(p.dir, ['--dir', 'config']);
    const before = await syncsUp(r, ['a']);
    expect(sync(before, 'a')?.pollInterval).toBe('1m');

    // What the kubelet does: a new timestamped directory, a new symlink renamed over ..data, the old directory removed.
    version('..2026_01_01_00_05_00.000000002', '2m');
    symlinkSync('..2026_01_01_00_05_00.000000002', join(mount, '..data_tmp'));
    renameSync(join(mount, '..data_tmp'), join(mount, '..data'));
    rmSync(join(mount, '..2026_01_01_00_00_00.000000001'), { recursive: true });

    const after = await waitFor(async () => {
      const s = await r.status();
      return sync(s, 'a')?.pollInterval === '2m' ? s : undefined;
    }, 20_000, 'the swapped definition to be applied');
    // A poll interval change restarts no initial sync.
    expect(sync(after, 'a')?.lifecycle).toBe('incremental');
    expect(await initialSyncStarts(p.dir)).toEqual({ a: 1 });
  });
});
