import { SyncctlError } from '../errors/syncctl-error.js';
import { redactSecrets } from '../log/redact.js';
import { type CliIO, err } from './io.js';

/**
 * The one top-level handler: turns any error into a message on stderr and an exit code.
 * A SyncctlError is expected and shown without a stack; anything else is a bug and says so.
 */
export function handleError(thrown: unknown, io: CliIO, format: 'text' | 'json' = 'text'): number {
  const error = fromSqlite(thrown) ?? thrown;
  if (error instanceof SyncctlError) {
    if (format === 'json') {
      err(io, JSON.stringify({ error: { code: error.code, message: error.message, hint: error.hint, meta: error.meta } }));
    } else {
      err(io, `Error: ${error.message}${error.hint ? `\n  hint: ${error.hint}` : ''}\n  (code: ${error.code})`);
    }
    return error.exitCode;
  }
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  err(io, `Unexpected error (a bug in syncctl — please report it):\n${redactSecrets(message)}`);
  return 1;
}

/**
 * SQLite's refusals that no command turned into a SyncctlError of its own are still about the
 * user's files, not bugs: a damaged, read-only, locked or full state database (the apps'
 * databases get the SQLite connector's own errors). Others stay unexpected.
 */
function fromSqlite(error: unknown): SyncctlError | undefined {
  if (!(error instanceof Error) || error.name !== 'SqliteError') return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return undefined;
  const state = 'the state database (--state, SYNCCTL_STATE or ./.syncctl/state.db)';
  const said = `SQLite: ${error.message}`;
  const known = (errorCode: string, message: string, hint: string): SyncctlError => new SyncctlError(errorCode, `${message} (${said}).`, { hint, meta: { sqlite: code }, cause: error });
  if (code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT_') || code === 'SQLITE_NOTADB') {
    return known('state_damaged', `Part of ${state} is damaged`, 'Check it with `sqlite3 FILE "PRAGMA integrity_check"`, then restore it from a backup, or move it away to start a new state.');
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return known('state_read_only', `syncctl may not write ${state}`, 'Make the file, and the directory that holds it (for its -wal and -shm files), writable for this user, or choose another --state.');
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return known('state_locked', `Another process kept ${state} locked for longer than syncctl waits (5 s)`, 'Try again when the other syncctl command or runner using this state is done; if none is running, look for another program with the file open in a transaction.');
  }
  if (code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR') || code === 'SQLITE_CANTOPEN') {
    return known('storage_error', 'The disk refused a read or write of a database', 'Check free space and the disk, then run the command again: what was not committed was rolled back.');
  }
  return undefined;
}
