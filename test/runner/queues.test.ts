import { describe, expect, it } from 'vitest';
import { CoalescingQueue } from '../../src/runner/coalescing-queue.js';
import { MAX_PUSH_IDS, PendingWork } from '../../src/runner/pending-work.js';
import { retryIntervalMs } from '../../src/runner/sync-worker.js';

describe('PendingWork', () => {
  it('runs the initial sync first, then pushes, then one poll for any number of poll triggers, then retry-failing', () => {
    const work = new PendingWork();
    work.add({ kind: 'pass', trigger: { kind: 'retry-failing' } });
    work.add({ kind: 'pass', trigger: { kind: 'poll' } });
    work.add({ kind: 'pass', trigger: { kind: 'poll' } });
    work.add({ kind: 'pass', trigger: { kind: 'push', side: 'app', object: 'customers', ids: ['a'] } });
    work.add({ kind: 'initial' });
    const order: string[] = [];
    for (let t = work.next(); t; t = work.next()) order.push(t.kind === 'initial' ? 'initial' : t.trigger.kind);
    expect(order).toEqual(['initial', 'push', 'poll', 'retry-failing']);
    expect(work.empty).toBe(true);
  });

  it('merges pushes for the same side and object, keeping other objects apart', () => {
    const work = new PendingWork();
    work.add({ kind: 'pass', trigger: { kind: 'push', side: 'app', object: 'customers', ids: ['a', 'b'] } });
    work.add({ kind: 'pass', trigger: { kind: 'push', side: 'app', object: 'customers', ids: ['b', 'c'] } });
    work.add({ kind: 'pass', trigger: { kind: 'push', side: 'hub', object: 'customers', ids: ['x'] } });
    expect(work.next()).toEqual({ kind: 'pass', trigger: { kind: 'push', side: 'app', object: 'customers', ids: ['a', 'b', 'c'] } });
    expect(work.next()).toEqual({ kind: 'pass', trigger: { kind: 'push', side: 'hub', object: 'customers', ids: ['x'] } });
    expect(work.next()).toBeUndefined();
  });

  it('splits a very large push over several passes without losing an id', () => {
    const work = new PendingWork();
    const ids = Array.from({ length: MAX_PUSH_IDS * 2 + 5 }, (_, i) => `id-${i}`);
    work.add({ kind: 'pass', trigger: { kind: 'push', side: 'hub', object: 'contacts', ids } });
    const seen: string[] = [];
    for (let t = work.next(); t; t = work.next()) {
      if (t.kind !== 'pass' || t.trigger.kind !== 'push') throw new Error('expected pushes only');
      expect(t.trigger.ids.length).toBeLessThanOrEqual(MAX_PUSH_IDS);
      seen.push(...t.trigger.ids);
    }
    expect(seen).toEqual(ids);
  });

  it('forgets everything on clear', () => {
    const work = new PendingWork();
    work.add({ kind: 'initial' });
    work.add({ kind: 'pass', trigger: { kind: 'poll' } });
    work.clear();
    expect(work.empty).toBe(true);
    expect(work.next()).toBeUndefined();
  });
});

describe('CoalescingQueue', () => {
  it('runs one job at a time and merges requests that arrive meanwhile into one next run', async () => {
    const runs: string[][] = [];
    let active = 0;
    let maxActive = 0;
    let release: () => void = () => undefined;
    const queue = new CoalescingQueue<'reconcile' | 'refresh'>(async (kinds) => {
      active += 1;
      maxActive = Math.max(maxActive, active);
      runs.push([...kinds].sort());
      if (runs.length === 1) await new Promise<void>((r) => (release = r));
      active -= 1;
    }, () => undefined);
    queue.request('reconcile');
    for (let i = 0; i < 10; i += 1) queue.request(i % 2 ? 'reconcile' : 'refresh');
    release();
    await queue.idle();
    expect(runs).toEqual([['reconcile'], ['reconcile', 'refresh']]);
    expect(maxActive).toBe(1);
    expect(queue.isIdle).toBe(true);
  });

  it('reports a failing job and keeps serving later requests', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const queue = new CoalescingQueue<'x'>(async () => {
      calls += 1;
      if (calls === 1) throw new Error('boom');
    }, (err) => errors.push(err));
    queue.request('x');
    await queue.idle();
    queue.request('x');
    await queue.idle();
    expect(calls).toBe(2);
    expect(errors).toHaveLength(1);
  });

  it('ignores requests once closed', async () => {
    let calls = 0;
    const queue = new CoalescingQueue<'x'>(async () => {
      calls += 1;
    }, () => undefined);
    queue.close();
    queue.request('x');
    await queue.idle();
    expect(calls).toBe(0);
  });
});

describe('retryIntervalMs', () => {
  it('is ten poll intervals, at most an hour', () => {
    expect(retryIntervalMs(1000)).toBe(10_000);
    expect(retryIntervalMs(5 * 60_000)).toBe(50 * 60_000);
    expect(retryIntervalMs(30 * 60_000)).toBe(3_600_000);
  });
});
