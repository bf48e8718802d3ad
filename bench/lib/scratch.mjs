// Throw-away directories for one case: on the same disk as real use (os.tmpdir()), removed after.
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdtempSync, openSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh directory under the OS temp dir, or under the run's own scratch dir when run.mjs set one. */
export function makeScratch(prefix) {
  // run.mjs removes its scratch dir after every case, so a case killed mid-way leaves nothing behind.
  const parent = process.env.SYNCCTL_BENCH_SCRATCH ?? tmpdir();
  return mkdtempSync(join(parent, `syncctl-bench-${prefix}-`));
}

/** Removes a scratch directory (never fails the case). */
export function removeScratch(dir) {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Copies a file and flushes the copy to disk. A case's set-up copies (hundreds of MB to GBs at
 * 1M) are otherwise still being written back while the case runs, and the first fsyncs of the
 * measured work (an app's or the state's commit) would wait for them.
 */
export function copyFlushed(from, to) {
  copyFileSync(from, to);
  const fd = openSync(to, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Copies a cached dataset file into `dir` under `name` (flushed: copyFlushed); returns the new path. */
export function copyInto(dir, from, name) {
  const to = join(dir, name);
  copyFlushed(from, to);
  return to;
}

/** Bytes of a SQLite database on disk: the file plus its WAL and shared-memory files. */
export function sqliteBytes(file) {
  let total = 0;
  for (const suffix of ['', '-wal', '-shm', '-journal']) if (existsSync(file + suffix)) total += statSync(file + suffix).size;
  return total;
}
