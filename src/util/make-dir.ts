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
      if (missing.length === 0 && !info.isDirectory()) throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${current}'`), { code: 'ENOTDIR' });
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
      if (!isDirectory(path)) throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${path}'`), { code: 'ENOTDIR' });
    }
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
