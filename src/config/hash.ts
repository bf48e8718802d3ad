import { contentHash } from '../util/canonical.js';
import type { Connection, DesiredState, Sync } from './model.js';

/** What a sync means, without where it was written. */
function syncSemantics(sync: Sync): Omit<Sync, 'source'> {
  const { source: _source, ...rest } = sync;
  return rest;
}

/** What a connection means, without where it was written (positions and directory). */
function connectionSemantics(connection: Connection): Omit<Connection, 'source' | 'baseDir'> {
  const { source: _source, baseDir: _baseDir, ...rest } = connection;
  return rest;
}

/** Content hash of a normalised sync: equal for definitions that mean the same, however they are written. */
export function hashSync(sync: Sync): string {
  return contentHash(syncSemantics(sync));
}

/** Content hash of a normalised connection (source position and baseDir excluded). */
export function hashConnection(connection: Connection): string {
  return contentHash(connectionSemantics(connection));
}

/** Content hash of the whole desired state. */
export function hashDesiredState(desired: DesiredState): string {
  const connections = Object.fromEntries(Object.entries(desired.connections).map(([name, c]) => [name, connectionSemantics(c)]));
  const syncs = Object.fromEntries(Object.entries(desired.syncs).map(([name, s]) => [name, syncSemantics(s)]));
  return contentHash({ connections, syncs });
}
