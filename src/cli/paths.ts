import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
// The path rules only: importing the store's index would load SQLite into every command, `validate` too.
import { chooseStatePath, resolveStatePath } from '../store/sqlite/state-path.js';
import type { CliIO } from './io.js';

/**
 * The definitions directory as the loader should see it: relative to the process's
 * working directory when possible, so that problems print short, clickable paths.
 */
export function definitionsDir(io: CliIO, dir: string): string {
  const absolute = isAbsolute(dir) ? dir : resolve(io.cwd, dir);
  const rel = relative(process.cwd(), absolute);
  return rel === '' ? '.' : rel.startsWith('..') ? absolute : rel;
}

/** The state database path from --state, $SYNCCTL_STATE or the default, resolved against the command's cwd. */
export function statePath(io: CliIO, flag: string | undefined): string {
  return resolveStatePath(flag, io.env, io.cwd);
}

/** The same path as statePath, without creating its directory: plan and status never create state. */
export function statePathReadOnly(io: CliIO, flag: string | undefined): string {
  return chooseStatePath(flag, io.env, io.cwd).path;
}

/** True when a state database exists at `path` (plan never creates one). */
export function stateExists(path: string): boolean {
  return existsSync(path);
}
