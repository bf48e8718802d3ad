import { createMemoryStore } from './memory-store.js';
import { openSqliteStore } from './sqlite-store.js';
import type { EmulatorStore } from './types.js';

export type { AssociationEdge, EmulatorStore, ListQuery, StoredObject } from './types.js';
export { createMemoryStore } from './memory-store.js';
export { openSqliteStore } from './sqlite-store.js';

/** A SQLite store when `dataFile` is given, else an in-memory one. */
export function openStore(dataFile?: string): EmulatorStore {
  return dataFile ? openSqliteStore(dataFile) : createMemoryStore();
}
