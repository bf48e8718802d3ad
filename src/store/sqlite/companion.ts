// State kept beside the record index on the same SQLite connection (the incremental engine's,
// the associations'): one instance per connection, so statements are prepared once, whoever asks.
import type { RecordIndex } from '../../engine/record-index.js';
import { SyncctlError } from '../../errors/syncctl-error.js';
import type { Database } from './driver.js';
import { SqliteRecordIndex } from './record-index.js';

/** `make(db)` memoised per connection. */
export function perDatabase<T>(make: (db: Database) => T): (db: Database) => T {
  const byDatabase = new WeakMap<Database, T>();
  return (db) => {
    let found = byDatabase.get(db);
    if (found === undefined) {
      found = make(db);
      byDatabase.set(db, found);
    }
    return found;
  };
}

/**
 * The companion `of` a SqliteRecordIndex, on its connection. Any other RecordIndex needs its own,
 * passed to the pass explicitly as `option`; `what` names the state in the error.
 */
export function besideRecordIndex<T>(index: RecordIndex, of: (db: Database) => T, what: { code: string; state: string; option: string; type: string }): T {
  if (!(index instanceof SqliteRecordIndex)) {
    throw new SyncctlError(what.code, `The record index at ${index.location} has no ${what.state} the engine can reach.`, {
      hint: `Pass \`${what.option}\` (an ${what.type} on the same store) to runIncrementalPass.`,
    });
  }
  return of(index.database);
}
