// Where a command's output file (plan --out, records --output) really goes. A regular file, or
// none yet, is written beside its place under a temporary name and renamed over it when
// complete, so that no reader ever sees half of it. Anything else keeps what it is: a symlink
// leads to the file it points at (the link stays), and a device or a FIFO (/dev/null,
// /dev/stdout, a named pipe) is written in place, as a shell's `>` would. A directory is an
// error (EISDIR), as is a file this process may not write (EACCES).
import { accessSync, constants, lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export type OutputTarget =
  /** Write a temporary file in the same directory, then rename it to `path`; `mode`: the replaced file's. */
  | { kind: 'replace'; path: string; mode?: number }
  /** Write `path` itself. */
  | { kind: 'in-place'; path: string };

/** Symlinks followed before giving up (ELOOP), like the kernel's own limit. */
const MAX_LINKS = 40;

/** Where output for `path` goes; throws the file system's error (EISDIR, EACCES, ELOOP, …) when it cannot. */
export function outputTarget(path: string): OutputTarget {
  let current = resolve(path);
  for (let links = 0; links <= MAX_LINKS; links += 1) {
    let info;
    try {
      info = lstatSync(current);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'replace', path: current };
      throw err;
    }
    if (info.isSymbolicLink()) {
      // Relative links are relative to the directory the link really is in (that directory may
      // itself be reached through a link); a dangling one leads to a new file there.
      current = resolve(realpathSync(dirname(current)), readlinkSync(current));
      continue;
    }
    if (info.isDirectory()) throw fsError('EISDIR', `${current} is a directory`);
    accessSync(current, constants.W_OK);
    if (info.isFile()) return { kind: 'replace', path: current, mode: info.mode & 0o7777 };
    return { kind: 'in-place', path: current };
  }
  throw fsError('ELOOP', `too many symbolic links from ${path}`);
}

function fsError(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}
