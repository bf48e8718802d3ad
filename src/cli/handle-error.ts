import { SyncctlError } from '../errors/syncctl-error.js';
import { redactSecrets } from '../log/redact.js';
import { DAMAGED_STATE_HINT, isLockedError, stateLockedError } from '../store/sqlite/state-errors.js';
import { type CliIO, err } from './io.js';

/**
 * The one top-level handler: turns any error into a message on stderr and an exit code.
 * A SyncctlError is expected and shown without a stack; anything else is a bug and says so.
 */
export function handleError(thrown: unknown, io: CliIO, format: 'text' | 'json' = 'text', context: { statePath?: string } = {}): number {
  // `--output /dev/stdout | head` closes the pipe early: that is the reader's choice, not an
  // error (bin/syncctl.js does the same for the process's own stdout).
  if ((thrown as NodeJS.ErrnoException | null)?.code === 'EPIPE') return 0;
  const error = fromSqlite(thrown, context.statePath) ?? thrown;
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
 * SQLite's refusals that no command turned into a SyncctlError of its own. The apps' databases
 * get the SQLite connector's own errors and the demo's its own, so what is left comes from the
 * state database (the command's --state, $SYNCCTL_STATE or the default): damaged, read-only,
 * locked, or on a disk that refused. Other SQLite errors stay unexpected.
 */
function fromSqlite(error: unknown, statePath: string | undefined): SyncctlError | undefined {
  if (!(error instanceof Error) || error.name !== 'SqliteError') return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return undefined;
  const file = statePath ?? 'the state database';
  const said = `SQLite: ${redactSecrets(error.message)}`;
  const known = (errorCode: string, message: string, hint: string): SyncctlError =>
    new SyncctlError(errorCode, `${message} (${said}).`, { hint, meta: { location: file, sqlite: code }, cause: error });
  if (code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT_') || code === 'SQLITE_NOTADB') {
    return known('state_damaged', `The state database ${file} is damaged`, DAMAGED_STATE_HINT);
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return known('state_read_only', `syncctl may not write the state database ${file}`, 'Make the file, and the directory that holds it (for its -wal and -shm files), writable for this user, or choose another --state.');
  }
  if (isLockedError(error)) return stateLockedError(file, error);
  if (code.startsWith('SQLITE_CANTOPEN')) {
    return known('state_unavailable', `syncctl cannot open the state database ${file} or one of its -wal and -shm files`, 'Check that the file and its directory exist and are readable and writable for this user, or choose another --state.');
  }
  if (code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR')) {
    return known('storage_error', `The disk refused a read or write of the state database ${file}`, 'Check free space and the disk, then run the command again: what was not committed was rolled back.');
  }
  return undefined;
}
