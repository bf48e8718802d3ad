// Exports land in a file only when complete: written beside it under a temporary name and renamed
// at the end, so an interrupted export never leaves a truncated file that looks finished. A
// symlink leads to the file it points at; a device or a FIFO is written in place (outputTarget).
import { type WriteStream, chmodSync, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { SyncctlError } from '../errors/syncctl-error.js';
import { type OutputTarget, outputTarget } from '../util/output-target.js';

/** Runs `write` on a stream to a temporary file next to `path`, then moves it into place. */
export async function writeFileAtomically<T>(path: string, write: (dest: NodeJS.WritableStream) => Promise<T>): Promise<T> {
  let target: OutputTarget;
  // Where the bytes go first: a temporary file beside the one replaced, or the target itself.
  let temp: string | undefined;
  let dest: WriteStream;
  try {
    target = outputTarget(path);
    if (target.kind === 'replace') temp = join(dirname(target.path), `.${basename(target.path)}.${process.pid}.partial`);
    dest = createWriteStream(temp ?? target.path, { flags: temp === undefined ? 'w' : 'wx' });
    await new Promise<void>((resolve, reject) => {
      dest.once('open', () => resolve());
      dest.once('error', reject);
    });
  } catch (cause) {
    throw unwritable(`Cannot write the export to ${path}`, 'Check that the directory exists and is writable, or choose another --output path.', path, cause);
  }
  try {
    const result = await write(dest);
    if (temp !== undefined) {
      if (target.kind === 'replace' && target.mode !== undefined) chmodSync(temp, target.mode);
      await rename(temp, target.path);
    }
    return result;
  } catch (error) {
    dest.destroy();
    if (temp !== undefined) await rm(temp, { force: true });
    // The destination failed (a full disk, a quota, an I/O error): the user's to fix, not a bug.
    // A pipe whose reader left (EPIPE) is not a failure: the CLI ends quietly (handle-error.ts).
    const failed = error as NodeJS.ErrnoException | null;
    if (typeof failed?.syscall === 'string' && failed.code !== 'EPIPE') {
      const left = temp !== undefined ? 'Nothing was left at that path. ' : '';
      throw unwritable(`Could not finish writing the export to ${path}`, `${left}Free space on its disk, or choose another --output path.`, path, error);
    }
    throw error;
  }
}

/** output_unwritable: `message` with the system's error code, if any, after it. */
function unwritable(message: string, hint: string, path: string, cause: unknown): SyncctlError {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  return new SyncctlError('output_unwritable', `${message}${typeof code === 'string' ? ` (${code})` : ''}.`, { hint, meta: { path }, cause });
}
