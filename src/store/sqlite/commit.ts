// Carries out one StoreWrite against the open transaction and says what it changed, for the history.
import { SyncctlError } from '../../errors/syncctl-error.js';
import type { AppliedSync, HistoryStep, Lifecycle, StoreWrite } from '../types.js';
import type { Database } from './driver.js';
import type { HistoryChange } from './history.js';
import {
  type SyncRow,
  definitionJson,
  readConnectionRow,
  readSyncRow,
  restartJson,
  writeConnectionRow,
  writeLifecycle,
  writeSyncRow,
} from './rows.js';

/** Applies one write; returns the change it made, or null when it changed nothing. */
export function applyWrite(db: Database, write: StoreWrite, actor: string): HistoryChange | null {
  switch (write.kind) {
    case 'put-connection':
      return putConnection(db, write.connection);
    case 'delete-connection':
      return deleteConnection(db, write.name, actor);
    case 'put-sync':
      return putSync(db, write.sync);
    case 'set-lifecycle':
      return setLifecycle(db, write.name, write.lifecycle, write.restart, write.detail ?? null, actor);
    case 'delete-sync':
      return deleteSync(db, write.name, actor);
    default:
      return unknownWrite(write);
  }
}

/** The current revision. */
export function readRevision(db: Database): number {
  return db.prepare<[], { revision: number }>('SELECT revision FROM state_revision WHERE id = 1').get()?.revision ?? 0;
}

/** Sets the revision. */
export function writeRevision(db: Database, revision: number, at: string): void {
  db.prepare<[number, string]>('UPDATE state_revision SET revision = ?, changed_at = ? WHERE id = 1').run(revision, at);
}

/** Sets one sync's lifecycle (restart undefined: kept, except that reaching incremental clears it). */
export function setLifecycle(
  db: Database,
  name: string,
  lifecycle: Lifecycle,
  restart: AppliedSync['restart'] | undefined,
  detail: string | null,
  actor: string,
): HistoryChange | null {
  const before = readSyncRow(db, name);
  if (!before) {
    throw new SyncctlError('unknown_sync', `Cannot set the lifecycle of sync ${name}: no such sync in the state.`, {
      hint: 'Apply the sync first (syncctl apply), or check the name with syncctl status.',
      meta: { sync: name },
    });
  }
  const restartText = restart !== undefined ? restartJson(restart) : lifecycle === 'incremental' ? null : before.restart;
  if (before.lifecycle === lifecycle && before.restart === restartText && before.detail === detail) return null;
  writeLifecycle(db, name, lifecycle, restartText, detail);
  return {
    step: 'lifecycle',
    resource: 'sync',
    name,
    actor,
    hashBefore: before.hash,
    hashAfter: before.hash,
    lifecycleBefore: before.lifecycle,
    lifecycleAfter: lifecycle,
    detail: describe(restartText, detail),
  };
}

function putConnection(db: Database, connection: Extract<StoreWrite, { kind: 'put-connection' }>['connection']): HistoryChange | null {
  const before = readConnectionRow(db, connection.name);
  if (before?.hash === connection.hash) return null;
  writeConnectionRow(db, {
    name: connection.name,
    connector: connection.definition.connector,
    hash: connection.hash,
    definition: definitionJson(connection.definition, `connection ${connection.name}`),
    applied_at: connection.appliedAt,
    applied_by: connection.appliedBy,
  });
  return {
    step: before ? 'change' : 'create',
    resource: 'connection',
    name: connection.name,
    actor: connection.appliedBy,
    hashBefore: before?.hash ?? null,
    hashAfter: connection.hash,
    lifecycleBefore: null,
    lifecycleAfter: null,
    detail: null,
  };
}

function deleteConnection(db: Database, name: string, actor: string): HistoryChange | null {
  const before = readConnectionRow(db, name);
  if (!before) return null;
  db.prepare<[string]>('DELETE FROM connections WHERE name = ?').run(name);
  return { step: 'delete', resource: 'connection', name, actor, hashBefore: before.hash, hashAfter: null, lifecycleBefore: null, lifecycleAfter: null, detail: null };
}

function putSync(db: Database, sync: AppliedSync): HistoryChange | null {
  const before = readSyncRow(db, sync.name);
  const restart = restartJson(sync.restart);
  if (before && before.hash === sync.hash && before.lifecycle === sync.lifecycle && before.restart === restart && before.detail === sync.detail) {
    return null;
  }
  // The store owns the generation: it counts definition changes, whatever the caller passed.
  const generation = !before ? 1 : before.hash === sync.hash ? before.generation : before.generation + 1;
  writeSyncRow(db, {
    name: sync.name,
    hub: sync.definition.hub,
    app: sync.definition.app,
    hash: sync.hash,
    definition: definitionJson(sync.definition, `sync ${sync.name}`),
    lifecycle: sync.lifecycle,
    restart,
    detail: sync.detail,
    generation,
    applied_at: sync.appliedAt,
    applied_by: sync.appliedBy,
  });
  return {
    step: syncStep(before, sync),
    resource: 'sync',
    name: sync.name,
    actor: sync.appliedBy,
    hashBefore: before?.hash ?? null,
    hashAfter: sync.hash,
    lifecycleBefore: before?.lifecycle ?? null,
    lifecycleAfter: sync.lifecycle,
    detail: describe(restart, sync.detail),
  };
}

function syncStep(before: SyncRow | undefined, after: AppliedSync): HistoryStep {
  if (!before) return 'create';
  if (after.lifecycle === 'orphaned' && before.lifecycle !== 'orphaned') return 'orphan';
  const wasEnabled = (JSON.parse(before.definition) as { enabled?: unknown }).enabled !== false;
  if (wasEnabled && !after.definition.enabled) return 'turn-off';
  if (!wasEnabled && after.definition.enabled) return 'turn-on';
  return before.hash === after.hash ? 'lifecycle' : 'change';
}

function deleteSync(db: Database, name: string, actor: string): HistoryChange | null {
  const before = readSyncRow(db, name);
  if (!before) return null;
  // Rows of one sync may reference each other; the order of the deletes must not matter.
  db.pragma('defer_foreign_keys = ON');
  for (const table of perSyncTables(db)) {
    db.prepare<[string]>(`DELETE FROM ${quoteIdentifier(table)} WHERE sync_name = ?`).run(name);
  }
  db.prepare<[string]>('DELETE FROM syncs WHERE name = ?').run(name);
  return {
    step: 'delete',
    resource: 'sync',
    name,
    actor,
    hashBefore: before.hash,
    hashAfter: null,
    lifecycleBefore: before.lifecycle,
    lifecycleAfter: null,
    detail: null,
  };
}

/** Tables that hold rows per sync: by convention, every table with a `sync_name` column. */
export function perSyncTables(db: Database): string[] {
  return db
    .prepare<[], { name: string }>(
      `SELECT DISTINCT m.name AS name FROM sqlite_schema AS m, pragma_table_info(m.name) AS c
       WHERE m.type = 'table' AND c.name = 'sync_name' ORDER BY m.name`,
    )
    .all()
    .map((row) => row.name);
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function describe(restart: string | null, detail: string | null): string | null {
  const parts: string[] = [];
  if (restart !== null) parts.push(`restart ${restart}`);
  if (detail !== null) parts.push(detail);
  return parts.length > 0 ? parts.join('; ') : null;
}

function unknownWrite(write: never): never {
  throw new SyncctlError('unknown_store_write', `The state store has no handler for write ${JSON.stringify(write)}.`, {
    hint: 'This is a bug in syncctl: report it. Nothing was written.',
  });
}
