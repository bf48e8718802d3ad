import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isSyncctlError } from '../../src/errors/syncctl-error.js';
import { type SqliteStateStore, openStateStore } from '../../src/store/index.js';
import { tempDir } from './helpers.js';

const T0 = Date.parse('2026-03-01T10:00:00.000Z');
const MINUTE = 60_000;

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected a rejection'),
    (err: unknown) => err,
  );
}

describe('apply lock (one process, several stores on one file)', () => {
  let dir: string;
  let cleanup: () => void;
  let path: string;
  const opened: SqliteStateStore[] = [];
  /** A store on the shared file that believes it runs on `host` at the time `clock()` says. */
  async function storeOn(host: string, clock: () => number, lockRefreshMs?: number): Promise<SqliteStateStore> {
    const store = await openStateStore(path, { hostname: host, now: () => new Date(clock()), ...(lockRefreshMs ? { lockRefreshMs } : {}) });
    opened.push(store);
    return store;
  }
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    path = join(dir, 'state.db');
  });
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    cleanup();
  });

  it('names the holder of a lock from another machine and takes it over only once it expired', async () => {
    let nowB = T0 + 30 * MINUTE;
    const a = await storeOn('host-a', () => T0);
    const b = await storeOn('host-b', () => nowB);
    await a.acquireApplyLock({ pid: 4242, host: 'host-a', user: 'ana', command: 'syncctl run' });

    const err = await rejection(b.acquireApplyLock({ pid: 77, host: 'host-b', user: 'bo', command: 'syncctl apply' }));
    expect(isSyncctlError(err, 'apply_locked')).toBe(true);
    expect((err as Error).message).toBe('state is locked by syncctl run (pid 4242 on host host-a, user ana) since 2026-03-01T10:00:00.000Z');
    expect((err as { hint?: string }).hint).toMatch(/60 minutes/);
    expect((err as { meta: Record<string, unknown> }).meta).toMatchObject({ location: path, holder: { pid: 4242, host: 'host-a' } });

    nowB = T0 + 61 * MINUTE;
    const lock = await b.acquireApplyLock({ pid: 77, host: 'host-b', user: 'bo', command: 'syncctl apply' });
    expect(lock.tookOver).toEqual({ reason: 'expired', holder: { pid: 4242, host: 'host-a', user: 'ana', command: 'syncctl run', acquiredAt: '2026-03-01T10:00:00.000Z' } });
    expect(await a.lockHolder()).toMatchObject({ pid: 77, host: 'host-b', user: 'bo' });
  });

  it('keeps a long-held lock alive by refreshing it while held', async () => {
    let nowA = T0;
    const a = await storeOn('host-a', () => nowA, 10);
    const b = await storeOn('host-b', () => T0 + 100 * MINUTE);
    const lock = await a.acquireApplyLock({ pid: 4242, host: 'host-a', user: 'ana', command: 'syncctl apply' });
    nowA = T0 + 50 * MINUTE;
    await vi.waitFor(async () => expect((await b.lockHolder())?.refreshedAt).toBe(new Date(T0 + 50 * MINUTE).toISOString()));

    const err = await rejection(b.acquireApplyLock({ pid: 77, host: 'host-b', user: 'bo', command: 'syncctl apply' }));
    expect(isSyncctlError(err, 'apply_locked')).toBe(true);
    await lock.release();
    expect(await b.lockHolder()).toBeNull();
  });

  it('never takes over a lock from this machine while its process lives, however old', async () => {
    const a = await storeOn(hostname(), () => T0);
    const later = await storeOn(hostname(), () => T0 + 1000 * MINUTE);
    await a.acquireApplyLock({ pid: process.pid, host: hostname(), user: 'ana', command: 'syncctl apply' });
    const err = await rejection(later.acquireApplyLock({ pid: process.pid, host: hostname(), user: 'ana', command: 'syncctl run' }));
    expect(isSyncctlError(err, 'apply_locked')).toBe(true);
  });

  it('releases only its own lock, and releases what it holds on close', async () => {
    const a = await storeOn('host-a', () => T0);
    const b = await storeOn('host-b', () => T0 + 2 * 60 * MINUTE);
    const old = await a.acquireApplyLock({ pid: 1, host: 'host-a', user: 'ana', command: 'syncctl apply' });
    const current = await b.acquireApplyLock({ pid: 2, host: 'host-b', user: 'bo', command: 'syncctl apply' });
    await old.release();
    expect(await a.lockHolder()).toMatchObject({ pid: 2, user: 'bo' });
    await b.close();
    expect(await a.lockHolder()).toBeNull();
    await current.release();
  });

  it('refuses a holder without a usable pid or host', async () => {
    const a = await storeOn('host-a', () => T0);
    const err = await rejection(a.acquireApplyLock({ pid: 0, host: '', user: 'x', command: 'syncctl apply' }));
    expect(isSyncctlError(err, 'invalid_lock_holder')).toBe(true);
  });
});
