import { resolve } from 'node:path';
import { Option } from 'commander';
import type { CliIO } from './io.js';

/** `--dir`: where the definition files are. */
export const dirOption = () =>
  new Option('-d, --dir <path>', 'directory of sync definition files (*.yaml, *.yml)').default('syncs');

/** `--state`: where the state store lives. */
export const stateOption = () =>
  new Option('-s, --state <path>', 'state database file (default: $SYNCCTL_STATE or ./.syncctl/state.db)');

/** `--strict`: unset environment references are errors, not warnings. */
export const strictOption = () =>
  new Option('--strict', 'treat warnings (such as an unset ${env:X}) as errors');

/** Resolves a user-given path against the command's working directory. */
export function fromCwd(io: CliIO, path: string): string {
  return resolve(io.cwd, path);
}

/** Parses one of a fixed set of choices (commander validates; this narrows the type). */
export function choice<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T {
  return (allowed as readonly string[]).includes(value ?? '') ? (value as T) : fallback;
}
