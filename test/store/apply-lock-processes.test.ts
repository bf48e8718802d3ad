// The apply lock between real processes: children open the same state file and take the lock.
import { type ChildProcess, fork } from 'node:child_process';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isSyncctlError } from '../../src/errors/syncctl-error.js';
import { openStateStore } from '../../src/store/index.js';
import type { ChildMessage } from './fixtures/lock-child.js';
import { tempDir } from './helpers.js';

const fixture = fileURLToPath(new URL('./fixtures/lock-child.ts', import.meta.url));
const loader = fileURLToPath(new URL('./fixtures/register-ts.mjs', import.meta.url));
const me = { pid: process.pid, host: hostname(), user: 'tester', command: 'syncctl apply' };

interface Child {
  process: ChildProcess;
  next(): Promise<ChildMessage>;
  exited: Promise<void>;
}

function startChild(mode: 'hold' | 'try', path: string, command: string): Child {
  const child = fork(fixture, [mode, path, command], { execArgv: ['--import', loader], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const queue: ChildMessage[] = [];
  const waiters: Array<(m: ChildMessage) => void> = [];
  child.on('message', (m) => {
    const waiter = waiters.shift();
    if (waiter) waiter(m as ChildMessage);
    else queue.push(m as ChildMessage);
  });
  const exited = new Promise<void>((done) => child.on('exit', () => done()));
  const next = (): Promise<ChildMessage> => {
    const queued = queue.shift();
    if (queued) return Promise.resolve(queued);
    return Promise.race([
      new Promise<ChildMessage>((done) => waiters.push(done)),
      exited.then(() => Promise.reject(new Error(`child ${mode} exited before reporting`))),
    ]);
  };
  return { process: child, next, exited };
}

describe('apply lock across processes', () => {
  let dir: string;
  let cleanup: () => void;
  let path: string;
  const children: Child[] = [];
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    path = join(dir, 'state.db');
  });
  afterEach(async () => {
    for (const child of children.splice(0)) {
      if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
      await child.exited;
    }
    cleanup();
  });

  it('refuses a second process while the first holds the lock, naming the holder, and lets it in after release', async () => {
    const holder = startChild('hold', path, 'syncctl apply');
    children.push(holder);
    expect(await holder.next()).toMatchObject({ type: 'locked', pid: holder.process.pid, tookOver: null });

    const expected = `state is locked by syncctl apply (pid ${holder.process.pid} on host ${hostname()}, user child-user) since `;
    const second = startChild('try', path, 'syncctl run');
    children.push(second);
    const refused = await second.next();
    expect(refused).toMatchObject({ type: 'refused', code: 'apply_locked' });
    expect(refused.type === 'refused' && refused.message.startsWith(expected)).toBe(true);

    const store = await openStateStore(path);
    try {
      const err = await store.acquireApplyLock(me).then(
        () => expect.fail('expected apply_locked'),
        (e: unknown) => e,
      );
      expect(isSyncctlError(err, 'apply_locked')).toBe(true);
      expect((err as Error).message.startsWith(expected)).toBe(true);

      holder.process.send('release');
      expect(await holder.next()).toEqual({ type: 'released' });
      const lock = await store.acquireApplyLock(me);
      expect(lock.tookOver).toBeUndefined();
      await lock.release();
    } finally {
      await store.close();
    }
  });

  it('takes over the lock of a process killed with SIGKILL', async () => {
    const holder = startChild('hold', path, 'syncctl apply');
    children.push(holder);
    expect(await holder.next()).toMatchObject({ type: 'locked' });
    const pid = holder.process.pid;
    holder.process.kill('SIGKILL');
    await holder.exited;

    const next = startChild('try', path, 'syncctl run');
    children.push(next);
    expect(await next.next()).toMatchObject({ type: 'locked', tookOver: { reason: 'holder-gone', holder: { pid } } });
    await next.exited;

    const store = await openStateStore(path);
    try {
      expect(await store.lockHolder()).toBeNull();
    } finally {
      await store.close();
    }
  });
});
