// A turn for the event loop: code over synchronous drivers (better-sqlite3, the SQLite
// connector) awaits it between pages or chunks, so that timers, signals and a runner's HTTP
// endpoints run meanwhile.

/** Resolves after the event loop has handled what is waiting (setImmediate). */
export function turn(): Promise<void> {
  return new Promise<void>((resolve) => setImmediate(resolve));
}
