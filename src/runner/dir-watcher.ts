// Follows the definitions directory and says when to reconcile; it only ever enqueues.
// chokidar reports edits (editors' atomic saves included: write-finish detection plus a
// debounce); a cheap periodic fingerprint of the files (path, real path, size, mtime) catches
// anything a file-system watch misses — notably the Kubernetes ConfigMap swap, where only the
// `..data` symlink moves to a new timestamped directory and the watched files never change.
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { watch } from 'chokidar';
import type { Logger } from '../log/logger.js';

export interface DirWatcherOptions {
  logger: Logger;
  /** Quiet time after the last event before a reconcile is asked for (default 300 ms). */
  debounceMs?: number;
  /** How often the fingerprint is checked (default 5 s). */
  rescanMs?: number;
}

export interface DirWatcher {
  /**
   * Resolves once the watch is in place and the files' first fingerprint is taken: a change
   * after this is always noticed, so the first reconcile must read the directory after it.
   */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

const DEFINITION_FILE = /\.ya?ml$/i;
// SQLite files (a state or demo database kept beside the definitions) change all the time.
const NOISE = /\.(db|sqlite3?)(-wal|-shm|-journal)?$|~$|\.sw[px]$/i;

/** Watches `dir` (following symlinks) and calls `onChange` once per burst of changes. */
export function watchDefinitionsDir(dir: string, onChange: (reason: string) => void, options: DirWatcherOptions): DirWatcher {
  const debounceMs = options.debounceMs ?? 300;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let last: string | undefined;
  const baseline = fingerprint(dir).then((fp) => {
    last ??= fp;
  });

  const fire = (reason: string): void => {
    if (closed) return;
    void fingerprint(dir).then((fp) => {
      last = fp;
      if (!closed) onChange(reason);
    });
  };
  const schedule = (event: string, file: string): void => {
    if (closed) return;
    options.logger.debug({ event, file }, 'definitions directory changed');
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      fire(`${event} ${path.relative(dir, file) || '.'}`);
    }, debounceMs);
  };

  const watcher = watch(dir, {
    ignoreInitial: true,
    followSymlinks: true,
    awaitWriteFinish: { stabilityThreshold: 100, pollInterval: 25 },
    ignored: (file: string) => NOISE.test(file),
  });
  watcher.on('all', (event, file) => schedule(event, file));
  const watching = new Promise<void>((resolve) => {
    watcher.once('ready', () => resolve());
    watcher.once('error', () => resolve());
  });
  watcher.on('error', (err) => options.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'definitions directory watch error; the periodic rescan still runs'));

  const rescan = setInterval(() => {
    void fingerprint(dir).then((fp) => {
      if (closed || last === undefined || fp === last || timer) return;
      last = fp;
      options.logger.debug({ dir }, 'definitions changed without a watch event (symlink swap?)');
      onChange('rescan');
    });
  }, options.rescanMs ?? 5000);
  rescan.unref();

  return {
    ready: Promise.all([baseline, watching]).then(() => undefined),
    async close(): Promise<void> {
      closed = true;
      if (timer) clearTimeout(timer);
      clearInterval(rescan);
      await watcher.close();
    },
  };
}

/** What the loader would read, in a form that changes whenever any of it does. */
export async function fingerprint(dir: string): Promise<string> {
  const parts: string[] = [];
  const visited = new Set<string>();
  const walk = async (current: string): Promise<void> => {
    const real = await realpath(current).catch(() => current);
    if (visited.has(real)) return;
    visited.add(real);
    const names = (await readdir(current).catch(() => [] as string[])).filter((n) => !n.startsWith('.')).sort();
    for (const name of names) {
      const full = path.join(current, name);
      const info = await stat(full).catch(() => undefined);
      if (info?.isDirectory()) await walk(full);
      else if (info?.isFile() && DEFINITION_FILE.test(name)) {
        parts.push(`${full}\u0000${await realpath(full).catch(() => full)}\u0000${info.size}\u0000${info.mtimeMs}`);
      }
    }
  };
  await walk(dir);
  return parts.join('\n');
}
