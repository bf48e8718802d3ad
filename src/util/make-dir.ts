import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * `mkdir -p`: creates `dir` and its missing parents, top down; an existing directory is fine.
 * Not `mkdirSync(dir, { recursive: true })`: under /proc (where mkdir answers ENOENT for a
 * new directory whose parent exists) Node's recursive mkdir retries forever at full CPU.
 * Errors are mkdir's own (ENOENT, ENOTDIR, EACCES, …) for the first directory it cannot make.
 */
export function makeDirectory(dir: string): void {
  const missing: string[] = [];
  let current = resolve(dir);
  for (;;) {
    try {
      const info = statSync(current);
      // Where a parent is a file instead, mkdir below says ENOTDIR; for `dir` itself, say it here.
      if (missing.length === 0 && !info.isDirectory()) throw notADirectory(current);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    missing.push(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const path of missing.reverse()) {
    try {
      mkdirSync(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      // Made meanwhile by someone else is what was wanted; a file, or a dangling symlink, is not.
      if (!isDirectory(path)) throw notADirectory(path);
    }
  }
}

/** True when `path` is (or leads through symlinks to) a directory; false when it is not, or not there. */
export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function notADirectory(path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${path}'`), { code: 'ENOTDIR' });
}
