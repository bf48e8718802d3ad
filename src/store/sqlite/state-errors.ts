// The state database's refusals that several places report alike (opening it, migrating it,
// and the CLI's last resort for a statement that failed later). No SQLite here: the CLI's
// error handler imports this on every command.
import { SyncctlError } from '../../errors/syncctl-error.js';

/** What to do about a damaged state: its links are what keep the next sync from creating records twice. */
export const DAMAGED_STATE_HINT =
  'Check it with `sqlite3 FILE "PRAGMA integrity_check"` and restore it from a backup. Moving it away starts a new state: the syncs are then planned anew and their initial syncs run again, matching records by their identifiers.';

/** SQLite's refusal because another connection holds the lock (SQLITE_BUSY…, SQLITE_LOCKED…). */
export function isLockedError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/** The state at `location` stayed locked by another process for longer than syncctl waits. */
export function stateLockedError(location: string, cause: unknown): SyncctlError {
  return new SyncctlError('state_locked', `The state database ${location} is locked by another process, which kept it locked for longer than syncctl waits (5 s).`, {
    hint: 'Try again when the other syncctl command or runner using this state is done. If none is running, look for another program with the file open in a transaction (an sqlite3 shell, a backup tool).',
    meta: { location },
    cause,
  });
}
