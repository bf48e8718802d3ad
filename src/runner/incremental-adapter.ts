// The runner's only door to the incremental engine (src/engine/incremental/): everything the
// runner needs from it goes through this file, so that a change of the engine's contract is a
// change here and nowhere else in the runner.
import type { Sync } from '../config/model.js';
import type { Connector } from '../connectors/types.js';
import { touchAssociations } from '../engine/associations/index.js';
import type { RecordIndex } from '../engine/record-index.js';
import { sqliteAssociationIndexFor } from '../store/sqlite/association-index.js';

export { runIncrementalPass, type ChangeTrigger, type IncrementalReport, type IncrementalPassOptions } from '../engine/incremental/index.js';

/** Subscribes to an app's own change notifications; returns the unsubscribe function. */
export type WatchFunction = (objects: readonly string[], onChange: (object: string) => void) => () => void;

/** The connector's own change watch, when it has one (SQLite notices changes to its file). */
export function watchOf(connector: Connector): WatchFunction | undefined {
  return connector.watch ? connector.watch.bind(connector) : undefined;
}

/**
 * For webhook adapters: notes that associations of records of `object` (that side's own object
 * name) changed, so the next pass re-reads them. Enqueue a pass after it (a push of the same
 * ids, or a poll). Objects the sync does not have are ignored.
 */
export async function noteAssociationChange(index: RecordIndex, sync: Sync, side: 'hub' | 'app', object: string, ids: readonly string[]): Promise<void> {
  const pair = sync.objects.find((o) => o[side] === object);
  if (!pair || sync.associations.length === 0) return;
  await touchAssociations(sqliteAssociationIndexFor(index), sync, pair.hub, side, ids);
}
