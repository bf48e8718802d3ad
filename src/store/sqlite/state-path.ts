import { dirname, resolve } from 'node:path';
import { SyncctlError } from '../../errors/syncctl-error.js';
import { isDirectory, makeDirectory } from '../../util/make-dir.js';

/** Where the state lives when neither `--state` nor `SYNCCTL_STATE` says otherwise (relative to cwd). */
export const DEFAULT_STATE_PATH = '.syncctl/state.db';

/** SQLite's name for a database that lives in memory only (tests and throwaway plans). */
const IN_MEMORY = ':memory:';

/**
 * Which state database `--state PATH`, then `$SYNCCTL_STATE`, then `./.syncctl/state.db` name,
 * resolved against `cwd`, and which of them named it; creates nothing.
 */
export function chooseStatePath(
  flag?: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
  cwd: string = process.cwd(),
): { path: string; source: string } {
  const fromFlag = nonEmpty(flag);
  const fromEnv = nonEmpty(env['SYNCCTL_STATE']);
  const chosen = fromFlag ?? fromEnv ?? DEFAULT_STATE_PATH;
  const source = fromFlag !== undefined ? '--state' : fromEnv !== undefined ? 'SYNCCTL_STATE' : 'the default location';
  return { path: chosen === IN_MEMORY ? chosen : resolve(cwd, chosen), source };
}

/**
 * The state database path (see chooseStatePath). Creates the parent directory so that opening
 * the store can create the file.
 */
export function resolveStatePath(
  flag?: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
  cwd: string = process.cwd(),
): string {
  const { path, source } = chooseStatePath(flag, env, cwd);
  ensureParentDirectory(path, source);
  return path;
}

/** Creates the directory that will hold the state file, with an error that says which setting pointed there. */
export function ensureParentDirectory(path: string, source = 'the state path'): void {
  if (path === IN_MEMORY) return;
  if (isDirectory(path)) {
    throw new SyncctlError('state_path_unusable', `The state path ${path} (from ${source}) is a directory, not a file.`, {
      hint: `Point it at a file inside that directory, e.g. --state ${resolve(path, 'state.db')}`,
      meta: { path, source },
    });
  }
  try {
    makeDirectory(dirname(path));
  } catch (cause) {
    throw new SyncctlError('state_path_unusable', `Cannot create the directory for the state file ${path} (from ${source}).`, {
      hint: 'Choose a writable location with --state PATH or SYNCCTL_STATE, or fix the directory permissions.',
      meta: { path, source },
      cause,
    });
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  // An empty SYNCCTL_STATE= is how shells unset a variable for one command: treat it as absent.
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
