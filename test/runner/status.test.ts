import { describe, expect, it } from 'vitest';
import { hashConnection, hashSync, loadDefinitionsFromSources, type LoadResult } from '../../src/config/index.js';
import type { GenerationResult } from '../../src/runner/generation.js';
import { judgeOnce } from '../../src/runner/once.js';
import { buildStatus, readiness } from '../../src/runner/status.js';
import type { WorkerStatus } from '../../src/runner/worker-status.js';
import type { AppliedState, Lifecycle } from '../../src/store/types.js';

const FILES = {
  'syncs/connections.yaml': `apiVersion: syncctl/v1
kind: Connection
name: crm
connector: sqlite
options: { path: ./crm.db }
---
apiVersion: syncctl/v1
kind: Connection
name: shop
connector: sqlite
options: { path: ./shop.db }
`,
  'syncs/a.yaml': `apiVersion: syncctl/v1
kind: Sync
name: a
hub: crm
app: shop
objects:
  - hub: contacts
    app: customers
`,
  'syncs/b.yaml': `apiVersion: syncctl/v1
kind: Sync
name: b
hub: crm
app: shop
objects:
  - hub: companies
    app: accounts
`,
};

function load(files: Record<string, string>): LoadResult {
  return loadDefinitionsFromSources(Object.entries(files).map(([file, content]) => ({ file, content })), { phase: 'run', env: {}, baseDir: '/p' });
}

function applied(lifecycles: Record<string, Lifecycle>): AppliedState {
  const good = load(FILES);
  const at = '2026-01-01T00:00:00.000Z';
  return {
    revision: 3,
    connections: Object.fromEntries(Object.values(good.desired.connections).map((c) => [c.name, { name: c.name, hash: hashConnection(c), definition: c, appliedAt: at, appliedBy: 't' }])),
    syncs: Object.fromEntries(
      Object.values(good.desired.syncs).map((s) => [
        s.name,
        { name: s.name, hash: hashSync(s), definition: s, lifecycle: lifecycles[s.name] ?? 'incremental', restart: null, detail: lifecycles[s.name] === 'failed' ? 'initial sync failed: boom' : null, appliedAt: at, appliedBy: 't', generation: 1 },
      ]),
    ),
  };
}

function worker(over: Partial<WorkerStatus> = {}): { status(): WorkerStatus } {
  const status: WorkerStatus = {
    state: 'idle',
    startedAt: '2026-01-01T00:00:00.000Z',
    key: 'k',
    passes: 1,
    consecutiveFailures: 0,
    initialSync: { started: 1, completed: 1, failed: 0, running: false, progress: [] },
    records: [{ object: 'contacts', side: 'hub', synced: 10, failing: 0, excluded: 0, total: 10 }],
    lastPass: { trigger: 'poll', at: '2026-01-01T00:00:01.000Z', durationMs: 5, caughtUp: true, failures: 0, objects: [{ object: 'contacts', seen: { hub: 1, app: 0 }, written: { hub: 0, app: 1 }, failing: 0 }] },
    watching: { hub: false, app: false },
    queued: false,
    ...over,
  };
  return { status: () => status };
}

function generation(files: Record<string, string>, over: Partial<GenerationResult> = {}): GenerationResult {
  const l = load(files);
  return { outcome: l.ok ? 'unchanged' : 'rejected', at: 'now', problems: l.problems, rejected: l.rejected, kept: l.rejected.map((r) => ({ kind: r.kind, name: r.name, why: 'rejected' as const, file: r.file })), brokenFiles: [], total: false, ...over };
}

const BROKEN_A = { ...FILES, 'syncs/a.yaml': FILES['syncs/a.yaml'].replace('app: customers', 'app: customers\n    direction: sideways') };

describe('status and readiness', () => {
  it('is starting until start-up is done, then ready when every sync is healthy', () => {
    const status = buildStatus({ startedAt: 's', generation: 1, last: generation(FILES), attempt: generation(FILES), applied: applied({}), workers: new Map([['a', worker()], ['b', worker()]]) });
    expect(readiness(status, false)).toEqual({ ready: false, status: 'starting', unhealthy: [] });
    expect(readiness(status, true)).toEqual({ ready: true, status: 'ready', unhealthy: [] });
    expect(status.syncs.map((s) => [s.name, s.config.state, s.worker?.passes])).toEqual([['a', 'ok', 1], ['b', 'ok', 1]]);
  });

  it('names failed syncs, syncs in their initial sync and syncs whose passes fail; off and orphaned ones are fine', () => {
    const s = buildStatus({
      startedAt: 's',
      generation: 1,
      last: generation(FILES),
      attempt: generation(FILES),
      applied: applied({ a: 'failed', b: 'initial-sync' }),
      workers: new Map(),
    });
    expect(readiness(s, true).unhealthy).toEqual([
      { sync: 'a', reason: 'failed', detail: 'initial sync failed: boom' },
      { sync: 'b', reason: 'initial-sync', detail: 'initial sync still running' },
    ]);
    const passing = buildStatus({
      startedAt: 's', generation: 1, last: generation(FILES), attempt: generation(FILES),
      applied: applied({ b: 'orphaned' }),
      workers: new Map([['a', worker({ consecutiveFailures: 2, lastError: { at: 't', during: 'poll', code: 'app_unavailable', message: 'shop.db is gone' } })]]),
    });
    expect(readiness(passing, true).unhealthy).toEqual([{ sync: 'a', reason: 'pass-failed', detail: 'shop.db is gone' }]);
  });

  it('shows a rejected definition with file:line:col on the sync that keeps running its last good one', () => {
    const s = buildStatus({ startedAt: 's', generation: 2, last: generation(BROKEN_A), attempt: generation(BROKEN_A), applied: applied({}), workers: new Map([['a', worker()]]) });
    const a = s.syncs.find((x) => x.name === 'a');
    expect(a?.config.state).toBe('rejected');
    expect(a?.lifecycle).toBe('incremental');
    expect(a?.config.problems[0]?.location).toMatch(/^syncs\/a\.yaml:\d+:\d+$/);
    expect(s.rejected).toEqual([expect.objectContaining({ resource: { kind: 'Sync', name: 'a' }, file: 'syncs/a.yaml', keptLastGood: true })]);
    const r = readiness(s, true);
    expect(r.ready).toBe(false);
    expect(r.unhealthy).toEqual([expect.objectContaining({ sync: 'a', reason: 'rejected-config', file: 'syncs/a.yaml', detail: expect.stringMatching(/^syncs\/a\.yaml:\d+:\d+: /) })]);
  });

  it('reports a file that is not YAML at all by file', () => {
    const files = { ...FILES, 'syncs/b.yaml': '{{{' };
    const s = buildStatus({ startedAt: 's', generation: 2, last: generation(files, { brokenFiles: ['syncs/b.yaml'], kept: [{ kind: 'Sync', name: 'b', why: 'file-unreadable', file: 'syncs/b.yaml' }] }), attempt: undefined, applied: applied({}), workers: new Map() });
    expect(s.syncs.find((x) => x.name === 'b')?.config.state).toBe('rejected');
    expect(s.rejected).toEqual([expect.objectContaining({ file: 'syncs/b.yaml', keptLastGood: true })]);
    expect(s.rejected[0]?.resource).toBeUndefined();
  });
});

describe('the --once verdict', () => {
  const base = { startedAt: 's', generation: 1 };

  it('is 0 when every running sync caught up, with failing records only noted', () => {
    const status = buildStatus({ ...base, last: generation(FILES), attempt: generation(FILES), applied: applied({ b: 'off' }), workers: new Map([['a', worker({ records: [{ object: 'contacts', side: 'app', synced: 3, failing: 2, excluded: 0, total: 5 }] })]]) });
    const verdict = judgeOnce(status, generation(FILES), false);
    expect(verdict.code).toBe(0);
    expect(verdict.lines.join('\n')).toMatch(/2 record\(s\) failing/);
    expect(judgeOnce(status, generation(FILES), true).code).toBe(1);
  });

  it('is 1 for a failed sync, a pass that is not caught up, a failed pass or a rejected definition', () => {
    const failed = buildStatus({ ...base, last: generation(FILES), attempt: generation(FILES), applied: applied({ a: 'failed' }), workers: new Map([['b', worker()]]) });
    expect(judgeOnce(failed, generation(FILES), false)).toMatchObject({ code: 1, lines: expect.arrayContaining([expect.stringMatching(/FAILED sync a failed: initial sync failed: boom/)]) });

    const behind = buildStatus({ ...base, last: generation(FILES), attempt: generation(FILES), applied: applied({}), workers: new Map([['a', worker({ lastPass: { trigger: 'poll', at: 't', durationMs: 1, caughtUp: false, failures: 0, objects: [] } })], ['b', worker()]]) });
    expect(judgeOnce(behind, generation(FILES), false).code).toBe(1);

    const erroring = buildStatus({ ...base, last: generation(FILES), attempt: generation(FILES), applied: applied({}), workers: new Map([['a', worker({ consecutiveFailures: 1, lastError: { at: 't', during: 'poll', message: 'x' } })], ['b', worker()]]) });
    expect(judgeOnce(erroring, generation(FILES), false).code).toBe(1);

    const rejected = buildStatus({ ...base, last: generation(BROKEN_A), attempt: generation(BROKEN_A), applied: applied({}), workers: new Map([['a', worker()], ['b', worker()]]) });
    const verdict = judgeOnce(rejected, generation(BROKEN_A), false);
    expect(verdict.code).toBe(1);
    expect(verdict.lines.join('\n')).toMatch(/FAILED rejected sync a \(its last good definition ran\): syncs\/a\.yaml:\d+:\d+: /);
  });

  it('is 1 when the state was locked by another apply', () => {
    const status = buildStatus({ ...base, last: undefined, attempt: undefined, applied: applied({}), workers: new Map([['a', worker()], ['b', worker()]]) });
    const locked = generation(FILES, { outcome: 'locked', error: { code: 'apply_locked', message: 'state is locked by syncctl apply' } });
    expect(judgeOnce(status, locked, false)).toMatchObject({ code: 1, lines: expect.arrayContaining([expect.stringMatching(/could not take the apply lock: state is locked/)]) });
  });
});
