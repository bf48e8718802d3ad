// The runner's only door to the incremental engine (src/engine/incremental/): everything the
// runner needs from it goes through this file, so that a change of the engine's contract is a
// change here and nowhere else in the runner.
import type { Connector } from '../connectors/types.js';

export { runIncrementalPass, type ChangeTrigger, type IncrementalReport, type IncrementalPassOptions } from '../engine/incremental/index.js';

/** Subscribes to an app's own change notifications; returns the unsubscribe function. */
export type WatchFunction = (objects: readonly string[], onChange: (object: string) => void) => () => void;

/** The connector's own change watch, when it has one (SQLite notices changes to its file). */
export function watchOf(connector: Connector): WatchFunction | undefined {
  return connector.watch ? connector.watch.bind(connector) : undefined;
}
