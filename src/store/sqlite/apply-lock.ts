// The apply lock: one row, taken and taken over inside write transactions so that two
// processes can never both believe they hold it.
import { randomUUID } from 'node:crypto';
import { SyncctlError } from '../../errors/syncctl-error.js';
import type { HeldLock, LockHolder } from '../types.js';
import type { Database } from './driver.js';

export interface LockContext {
  db: Database;
  location: string;
  now(): Date;
  /** This machine's name: a lock from here is stale as soon as its process is gone. */
  hostname: string;
  /** A lock from another machine is stale when it was not refreshed for this long. */
  ttlMs: number;
}

export type TakeOverReason = 'holder-gone' | 'expired';

interface LockRow {
  token: string;
  pid: number;
  host: string;
  user: string;
  command: string;
  acquired_at: string;
  refreshed_at: string;
}

/** Takes the lock for `holder` and returns its token, plus the stale lock it replaced if any. */
export function takeLock(ctx: LockContext, holder: LockHolder): { token: string; tookOver?: { holder: HeldLock; reason: TakeOverReason } } {
  checkHolder(holder);
  const take = ctx.db.transaction(() => {
    const current = readLockRow(ctx.db);
    let tookOver: { holder: HeldLock; reason: TakeOverReason } | undefined;
    if (current) {
      const reason = staleness(ctx, current);
      if (reason === null) throw lockedError(ctx, current);
      tookOver = { holder: toHeld(current), reason };
      ctx.db.prepare<[string]>('DELETE FROM apply_lock WHERE token = ?').run(current.token);
    }
    const token = randomUUID();
    const at = ctx.now().toISOString();
    ctx.db
      .prepare<[string, number, string, string, string, string, string]>(
        'INSERT INTO apply_lock (id, token, pid, host, user, command, acquired_at, refreshed_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(token, holder.pid, holder.host, holder.user, holder.command, at, at);
    return tookOver ? { token, tookOver } : { token };
  });
  return take.immediate();
}

/** Releases the lock if `token` still holds it; true when it did. */
export function releaseLock(db: Database, token: string): boolean {
  return db.prepare<[string]>('DELETE FROM apply_lock WHERE token = ?').run(token).changes > 0;
}

/** Marks the lock as still in use; false when `token` no longer holds it. */
export function refreshLock(db: Database, token: string, at: Date): boolean {
  return db.prepare<[string, string]>('UPDATE apply_lock SET refreshed_at = ? WHERE token = ?').run(at.toISOString(), token).changes > 0;
}

/** A held lock as status output shows it: who, since when, and when its holder last confirmed it. */
export interface LockStatus extends HeldLock {
  refreshedAt: string;
}

/** Who holds the lock now, if anyone. */
export function readLock(db: Database): LockStatus | null {
  const row = readLockRow(db);
  return row ? { ...toHeld(row), refreshedAt: row.refreshed_at } : null;
}

/** True when a process with this pid exists on this machine (one we may not signal counts too). */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function staleness(ctx: LockContext, row: LockRow): TakeOverReason | null {
  if (row.host === ctx.hostname) return processExists(row.pid) ? null : 'holder-gone';
  // We cannot see another machine's processes: its holder refreshes the lock while alive.
  const age = ctx.now().getTime() - Date.parse(row.refreshed_at);
  return Number.isNaN(age) || age > ctx.ttlMs ? 'expired' : null;
}

function lockedError(ctx: LockContext, row: LockRow): SyncctlError {
  const minutes = Math.round(ctx.ttlMs / 60_000);
  return new SyncctlError(
    'apply_locked',
    `state is locked by ${row.command} (pid ${row.pid} on host ${row.host}, user ${row.user}) since ${row.acquired_at}`,
    {
      hint:
        row.host === ctx.hostname
          ? 'Wait for it to finish. If that process is gone, syncctl takes the lock over automatically.'
          : `Wait for it to finish. If that process is gone, syncctl takes the lock over automatically once it has not been refreshed for ${minutes} minutes.`,
      meta: { location: ctx.location, holder: toHeld(row) },
    },
  );
}

function checkHolder(holder: LockHolder): void {
  if (!Number.isInteger(holder.pid) || holder.pid <= 0 || holder.host === '' || holder.command === '') {
    throw new SyncctlError('invalid_lock_holder', `A lock holder needs a positive pid, a host and a command (got pid ${holder.pid}, host "${holder.host}").`, {
      hint: 'This is a bug in syncctl: report it.',
    });
  }
}

function readLockRow(db: Database): LockRow | undefined {
  return db.prepare<[], LockRow>('SELECT token, pid, host, user, command, acquired_at, refreshed_at FROM apply_lock WHERE id = 1').get();
}

function toHeld(row: LockRow): HeldLock {
  return { pid: row.pid, host: row.host, user: row.user, command: row.command, acquiredAt: row.acquired_at };
}
