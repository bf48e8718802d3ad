// Exports land in a file only when complete: written beside it under a temporary name and renamed
// at the end, so an interrupted export never leaves a truncated file that looks finished.
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { SyncctlError } from '../errors/syncctl-error.js';

/** Runs `write` on a stream to a temporary file next to `path`, then moves it into place. */
export async function writeFileAtomically<T>(path: string, write: (dest: NodeJS.WritableStream) => Promise<T>): Promise<T> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.partial`);
  const dest = createWriteStream(temp, { flags: 'wx' });
  try {
    await new Promise<void>((resolve, reject) => {
      dest.once('open', () => resolve());
      dest.once('error', reject);
    });
  } catch (cause) {
    throw new SyncctlError('output_unwritable', `Cannot write the export to ${path}.`, {
      hint: 'Check that the directory exists and is writable, or choose another --output path.',
      meta: { path },
      cause,
    });
  }
  try {
    const result = await write(dest);
    await rename(temp, path);
    return result;
  } catch (error) {
    dest.destroy();
    await rm(temp, { force: true });
    throw error;
  }
}
