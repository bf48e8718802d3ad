// One real runner process, seen from outside: health, readiness, metrics, status, pushes, SIGTERM.
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncView } from '../../src/runner/status.js';
import { openStateStore, type SqliteStateStore } from '../../src/store/index.js';
import type { ApplyLock } from '../../src/store/types.js';
import { CONNECTIONS, project, type Project, type RunnerProcess, runToEnd, startRunner, syncYaml, waitFor, waitReady } from './helpers.js';
import { parsePrometheus } from './prometheus.js';

let proj: Project;
let runner: RunnerProcess;
let store: SqliteStateStore;
let lock: ApplyLock | undefined;

beforeAll(async () => {
  proj = await project({ 'syncs/connections.yaml': CONNECTIONS, 'syncs/a.yaml': syncYaml('a') });
  // Another apply holds the lock while the runner starts: it must wait its turn, not fail.
  store = await openStateStore(join(proj.dir, 'state.db'));
  lock = await store.acquireApplyLock({ pid: process.pid, host: hostname(), user: 'test', command: 'syncctl apply (test)' });
  runner = await startRunner(proj.dir);
});

afterAll(async () => {
  await lock?.release();
  await store?.close();
  await runner?.stop('SIGKILL');
});

describe('a running runner', () => {
  it('is alive at once, and not ready while another apply holds the lock', async () => {
    expect((await runner.get('/healthz')).status).toBe(200);
    await waitFor(() => runner.logs().some((l) => l['msg'] === 'state is locked by another apply; reconcile retries'), 10_000, 'the lock to be noticed');
    const ready = await runner.get<{ ready: boolean; status: string }>('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ ready: false, status: 'starting' });
  });

  it('reconciles once the lock is released, runs the initial sync and becomes ready', async () => {
    await lock?.release();
    lock = undefined;
    await waitReady(runner);
    const ready = await runner.get<{ ready: boolean; unhealthy: unknown[] }>('/readyz');
    expect(ready.body).toMatchObject({ ready: true, status: 'ready', unhealthy: [] });
  });

  it('holds the apply lock only while reconciling', async () => {
    const held = await store.acquireApplyLock({ pid: process.pid, host: hostname(), user: 'test', command: 'syncctl apply (test)' });
    await held.release();
  });

  it('shows running definitions with hashes, lifecycles and the initial sync on /api/syncs', async () => {
    const status = await runner.status();
    expect(status.generation).toBeGreaterThanOrEqual(2);
    expect(status.lastReconcile).toMatchObject({ outcome: expect.stringMatching(/applied|unchanged/) });
    expect(status.connections.map((c) => c.name)).toEqual(['crm', 'shop']);
    expect(status.rejected).toEqual([]);
    const a = status.syncs.find((s) => s.name === 'a') as SyncView;
    expect(a).toMatchObject({ hub: 'crm', app: 'shop', lifecycle: 'incremental', config: { state: 'ok', problems: [] }, generation: 1 });
    expect(a.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(a.definition.objects[0]?.hub).toBe('contacts');
    expect(a.worker?.initialSync).toMatchObject({ started: 1, completed: 1, failed: 0, running: false });
    expect(a.worker?.records.find((r) => r.side === 'hub')?.synced).toBeGreaterThan(0);
  });

  it('serves /metrics as Prometheus text', async () => {
    const res = await runner.get<string>('/metrics');
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/plain; version=0\.0\.4/);
    const families = parsePrometheus(res.text);
    for (const name of [
      'syncctl_records_synced',
      'syncctl_records_failing',
      'syncctl_records_written_total',
      'syncctl_lag_seconds',
      'syncctl_initial_sync_records_processed',
      'syncctl_pass_duration_seconds',
      'syncctl_config_rejected_generations_total',
      'syncctl_reconciles_total',
    ]) {
      expect(families.has(name), name).toBe(true);
    }
    expect(families.get('syncctl_pass_duration_seconds')?.type).toBe('histogram');
    const synced = families.get('syncctl_records_synced')?.samples.find((s) => s.labels['sync'] === 'a' && s.labels['object'] === 'contacts' && s.labels['side'] === 'hub');
    expect(synced?.value).toBeGreaterThan(0);
    const reconciles = families.get('syncctl_reconciles_total')?.samples ?? [];
    expect(reconciles.find((s) => s.labels['outcome'] === 'locked')?.value).toBeGreaterThanOrEqual(1);
    expect(families.get('syncctl_initial_syncs_total')?.samples).toContainEqual({ name: 'syncctl_initial_syncs_total', labels: { sync: 'a', outcome: 'completed' }, value: 1 });
  });

  it.each([
    ['malformed JSON', '{"object": "customers", "ids": [', 'invalid_json'],
    ['a body that is not an object', '"customers"', 'invalid_body'],
    ['missing ids', '{"object": "customers"}', 'invalid_body'],
    ['ids that are not a list', '{"object": "customers", "ids": "abc"}', 'invalid_body'],
    ['an unknown property', '{"object": "customers", "ids": ["a"], "table": "x"}', 'invalid_body'],
    ['an empty body', '', 'invalid_json'],
  ])('answers a push with %s with 400 and a JSON error', async (_what, body, code) => {
    const res = await runner.post('/hooks/shop', body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code, message: expect.any(String), hint: expect.any(String) } });
  });

  it('answers a push for an unknown connection with 404, and for an object no sync uses with 400', async () => {
    const unknown = await runner.post('/hooks/nope', '{"object": "customers", "ids": ["a"]}');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { code: 'unknown_connection', hint: expect.stringContaining('crm, shop') } });
    const object = await runner.post('/hooks/shop', '{"object": "accounts", "ids": ["a"]}');
    expect(object.status).toBe(400);
    expect(object.body).toMatchObject({ error: { code: 'unknown_object', hint: expect.stringContaining('customers') } });
  });

  it('answers a push to an address with a malformed %-escape with 400, and keeps serving', async () => {
    const bad = await runner.post('/hooks/%ZZ', '{"object": "customers", "ids": ["a"]}');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'bad_request', message: expect.stringContaining('%ZZ'), hint: expect.stringContaining('/hooks/<connection>') } });
    expect((await runner.get('/healthz')).status).toBe(200);
  });

  it('refuses other methods and bodies over 1 MiB', async () => {
    expect((await runner.get('/hooks/shop')).status).toBe(405);
    const big = JSON.stringify({ object: 'customers', ids: Array.from({ length: 120_000 }, (_, i) => `customer-${i}`) });
    const res = await runner.post('/hooks/shop', big);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ error: { code: 'body_too_large' } });
    expect((await runner.get('/nothing-here')).status).toBe(404);
  });

  it('accepts a well-formed push with 202 and queues a pass on the sync that uses the object', async () => {
    const res = await runner.post('/hooks/shop', '{"changes": [{"object": "customers", "ids": ["x-1", "x-2"]}]}');
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ accepted: true, triggered: [{ sync: 'a', side: 'app', object: 'customers', ids: 2 }], notRunning: [] });
    await waitFor(() => runner.logs().some((l) => l['msg'] === 'push received' && l['connection'] === 'shop'), 5000, 'the push log line');
  });

  it('refuses to start a second runner on the same port, clearly', async () => {
    const port = new URL(runner.url).port;
    const second = await runToEnd(proj.dir, ['run', '--port', port, '--state', 'other.db']);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(new RegExp(`Error: Port ${port} on 127\\.0\\.0\\.1 is already in use\\.\\n  hint: .*--port`));
    expect(second.stderr).toMatch(/code: port_in_use/);
  });

  it('exits 0 within seconds of SIGTERM, with the HTTP server closed', async () => {
    const exit = await Promise.race([
      runner.stop('SIGTERM'),
      new Promise<string>((r) => setTimeout(() => r('still running 10 s after SIGTERM'), 10_000)),
    ]);
    expect(exit).toBe(0);
    expect(runner.stdout()).toMatch(/SIGTERM received, stopping\.\nsyncctl run: stopped\./);
    await expect(fetch(`${runner.url}/healthz`)).rejects.toThrow();
  });
});
