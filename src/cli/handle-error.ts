import { SyncctlError } from '../errors/syncctl-error.js';
import { redactSecrets } from '../log/redact.js';
import { type CliIO, err } from './io.js';

/**
 * The one top-level handler: turns any error into a message on stderr and an exit code.
 * A SyncctlError is expected and shown without a stack; anything else is a bug and says so.
 */
export function handleError(error: unknown, io: CliIO, format: 'text' | 'json' = 'text'): number {
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
