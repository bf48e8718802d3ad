// Opening the state for health views. `status` and `records` only read: they must never leave a
// new, empty state file behind (that would hide a mistyped --state), so a missing file is an error.
import { existsSync } from 'node:fs';
import { SyncctlError } from '../errors/syncctl-error.js';
import { openStateStore, type SqliteStateStore } from '../store/index.js';
import { SqliteRecordQuery } from '../store/sqlite/record-query.js';
import type { RecordQuery } from './record-query.js';
import { collectStatus, type CollectStatusOptions } from './status.js';
import type { StatusReport } from './status-types.js';

/** An open state store with its record index, read-only by use. */
export interface HealthState {
  store: SqliteStateStore;
  query: RecordQuery;
  close(): Promise<void>;
}

/** Opens the existing state at `path`; fails with `no_state` (creating nothing) when there is none. */
export async function openHealthState(path: string): Promise<HealthState> {
  if (path === ':memory:' || !existsSync(path)) throw noState(path);
  const store = await openStateStore(path);
  return { store, query: new SqliteRecordQuery(store.database, store.location), close: () => store.close() };
}

/** Opens the state at `statePath`, collects the status report and closes it again (for `demo`). */
export async function readStatusReport(statePath: string, options: CollectStatusOptions = {}): Promise<StatusReport> {
  const state = await openHealthState(statePath);
  try {
    return await collectStatus(await state.store.getApplied(), state.query, options);
  } finally {
    await state.close();
  }
}

function noState(path: string): SyncctlError {
  return new SyncctlError('no_state', `There is no syncctl state at ${path}, so there is no sync health to show yet.`, {
    hint: 'Create it by applying the definitions with `syncctl apply` (or `npm start` for the demo), or point --state / SYNCCTL_STATE at an existing state file.',
    meta: { path },
  });
}
