// The SQLite connector noticing changes to its database file by itself: `PRAGMA data_version`
// changes whenever another connection (any process) commits to the file, costs no I/O beyond
// the file header, and works the same in WAL and rollback-journal mode. Polled on the
// connector's own connection, so the engine's own writes through this connector do not fire it.

/** Poll and debounce timings. */
export interface WatchTimings {
  /** How often data_version is read. */
  intervalMs: number;
  /** Changes closer together than this are reported once. */
  debounceMs: number;
}

export const DEFAULT_WATCH_TIMINGS: WatchTimings = { intervalMs: 250, debounceMs: 100 };

/** Reads the file's data_version; undefined when the connection is gone (the watch then ends). */
export type VersionReader = () => number | undefined;

/**
 * Calls `onChange(object)` for each of `objects` when the file changes (data_version tells the
 * file, not the table, changed); returns the unsubscribe. Timers never keep the process alive.
 */
export function watchDataVersion(read: VersionReader, objects: readonly string[], onChange: (object: string) => void, timings: WatchTimings = DEFAULT_WATCH_TIMINGS): () => void {
  let last = read();
  let debounce: NodeJS.Timeout | undefined;
  let stopped = last === undefined;
  const fire = (): void => {
    debounce = undefined;
    if (stopped) return;
    for (const object of objects) {
      try {
        onChange(object);
      } catch {
        // A listener's failure is its own; the watch keeps going.
      }
    }
  };
  const tick = (): void => {
    let now: number | undefined;
    try {
      now = read();
    } catch {
      // Busy or briefly unreadable: the next tick tries again.
      return;
    }
    if (now === undefined) {
      stop();
      return;
    }
    if (now === last) return;
    last = now;
    if (!debounce) {
      debounce = setTimeout(fire, timings.debounceMs);
      debounce.unref();
    }
  };
  const timer = setInterval(tick, timings.intervalMs);
  timer.unref();
  function stop(): void {
    stopped = true;
    clearInterval(timer);
    if (debounce) clearTimeout(debounce);
    debounce = undefined;
  }
  if (stopped) stop();
  return stop;
}
