// The built syncctl (dist/), imported the way the CLI runs it. run.mjs builds it first.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = new URL('../../dist/', import.meta.url);

/** Imports dist/<path> (e.g. "engine/index.js"). */
export function importDist(path) {
  return import(new URL(path, DIST).href);
}

/** True when dist/<path> exists. */
export function distHas(path) {
  return existsSync(fileURLToPath(new URL(path, DIST)));
}

/** True when dist/<path> exists and exports every one of `names` (checked by importing it). */
export async function distExports(path, names) {
  if (!distHas(path)) return false;
  try {
    const mod = await importDist(path);
    return names.every((n) => typeof mod[n] === 'function');
  } catch {
    return false;
  }
}

/** True when the built CLI lists `command` among its commands (unknown commands still print help and exit 0). */
export async function cliHas(command) {
  const { spawnSync } = await import('node:child_process');
  const res = spawnSync(process.execPath, [fileURLToPath(new URL('../../bin/syncctl.js', import.meta.url)), '--help'], { encoding: 'utf8' });
  const commands = (res.stdout ?? '').split(/\nCommands:\n/)[1] ?? '';
  return new RegExp(`^  ${command}\\b`, 'm').test(commands);
}
