// Where a command's output file (plan --out, records --output) really goes. A regular file, or
// none yet, is written beside its place under a temporary name and renamed over it when
// complete, so that no reader ever sees half of it. Anything else keeps what it is: a symlink
// leads to the file it points at (the link stays), and a device or a FIFO (/dev/null,
// /dev/stdout, a named pipe) is written in place, as a shell's `>` would, and so is anything
// under /dev or /proc. A directory is an error (EISDIR), as is a file this process may not
// write (EACCES).
import { accessSync, constants, lstatSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export type OutputTarget =
  /** Write a temporary file in the same directory, then rename it to `path`; `mode`: the replaced file's. */
  | { kind: 'replace'; path: string; mode?: number }
  /** Write `path` itself. */
  | { kind: 'in-place'; path: string };

/** Symlinks followed before giving up (ELOOP), like the kernel's own limit. */
const MAX_LINKS = 40;

/**
 * Where output for `path` goes; throws the file system's error (EISDIR, EACCES, ELOOP, …) when
 * it cannot. Paths under /dev and /proc (/dev/stdout, /dev/fd/3, /proc/self/fd/1) are always
 * written in place: their links name open files, not paths (a pipe's reads "pipe:[123]").
 */
export function outputTarget(path: string): OutputTarget {
  const full = resolve(path);
  if (/^\/(dev|proc)\//.test(full)) {
    if (statSync(full).isDirectory()) throw fsError('EISDIR', `${full} is a directory`);
    return { kind: 'in-place', path: full };
  }
  let info;
  try {
    info = statSync(full);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    return { kind: 'replace', path: newFileTarget(full) };
  }
  if (info.isDirectory()) throw fsError('EISDIR', `${full} is a directory`);
  accessSync(full, constants.W_OK);
  if (!info.isFile()) return { kind: 'in-place', path: full };
  return { kind: 'replace', path: realpathSync(full), mode: info.mode & 0o7777 };
}

/** Where a file that does not exist yet will be: at `full`, or where its dangling symlinks lead. */
function newFileTarget(full: string): string {
  let current = full;
  for (let links = 0; links <= MAX_LINKS; links += 1) {
    try {
      if (!lstatSync(current).isSymbolicLink()) return current;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return current;
      throw err;
    }
    // Relative links are relative to the directory the link really is in (that directory may
    // itself be reached through a link).
    current = resolve(realpathSync(dirname(current)), readlinkSync(current));
  }
  throw fsError('ELOOP', `too many symbolic links from ${full}`);
}

function fsError(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}
