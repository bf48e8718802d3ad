// Rows of the connections and syncs tables, and their mapping to the store's types.
import type { Connection, Sync } from '../../config/model.js';
import { SyncctlError } from '../../errors/syncctl-error.js';
import { redactSecrets } from '../../log/redact.js';
import { canonicalJson } from '../../util/canonical.js';
import type { AppliedConnection, AppliedSync, Lifecycle } from '../types.js';
import type { Database } from './driver.js';

export interface ConnectionRow {
  name: string;
  connector: string;
  hash: string;
  definition: string;
  applied_at: string;
  applied_by: string;
}

export interface SyncRow {
  name: string;
  hub: string;
  app: string;
  hash: string;
  definition: string;
  lifecycle: Lifecycle;
  restart: string | null;
  detail: string | null;
  generation: number;
  applied_at: string;
  applied_by: string;
}

/** Reads one connection row. */
export function readConnectionRow(db: Database, name: string): ConnectionRow | undefined {
  return db.prepare<[string], ConnectionRow>('SELECT * FROM connections WHERE name = ?').get(name);
}

/** Reads one sync row. */
export function readSyncRow(db: Database, name: string): SyncRow | undefined {
  return db.prepare<[string], SyncRow>('SELECT * FROM syncs WHERE name = ?').get(name);
}

/** Every connection row, by name. */
export function readConnectionRows(db: Database): ConnectionRow[] {
  return db.prepare<[], ConnectionRow>('SELECT * FROM connections ORDER BY name').all();
}

/** Every sync row, by name. */
export function readSyncRows(db: Database): SyncRow[] {
  return db.prepare<[], SyncRow>('SELECT * FROM syncs ORDER BY name').all();
}

/** Inserts or replaces a connection. */
export function writeConnectionRow(db: Database, row: ConnectionRow): void {
  db.prepare<ConnectionRow>(
    `INSERT INTO connections (name, connector, hash, definition, applied_at, applied_by)
     VALUES (@name, @connector, @hash, @definition, @applied_at, @applied_by)
     ON CONFLICT (name) DO UPDATE SET connector = excluded.connector, hash = excluded.hash,
       definition = excluded.definition, applied_at = excluded.applied_at, applied_by = excluded.applied_by`,
  ).run(row);
}

/** Inserts or replaces a sync. */
export function writeSyncRow(db: Database, row: SyncRow): void {
  db.prepare<SyncRow>(
    `INSERT INTO syncs (name, hub, app, hash, definition, lifecycle, restart, detail, generation, applied_at, applied_by)
     VALUES (@name, @hub, @app, @hash, @definition, @lifecycle, @restart, @detail, @generation, @applied_at, @applied_by)
     ON CONFLICT (name) DO UPDATE SET hub = excluded.hub, app = excluded.app, hash = excluded.hash,
       definition = excluded.definition, lifecycle = excluded.lifecycle, restart = excluded.restart,
       detail = excluded.detail, generation = excluded.generation, applied_at = excluded.applied_at,
       applied_by = excluded.applied_by`,
  ).run(row);
}

/** Sets a sync's lifecycle columns only. */
export function writeLifecycle(db: Database, name: string, lifecycle: Lifecycle, restart: string | null, detail: string | null): void {
  db.prepare<[Lifecycle, string | null, string | null, string]>('UPDATE syncs SET lifecycle = ?, restart = ?, detail = ? WHERE name = ?').run(
    lifecycle,
    restart,
    detail,
    name,
  );
}

/** The stored text of a definition: canonical JSON, refused when it holds a resolved secret value. */
export function definitionJson(definition: Connection | Sync, what: string): string {
  const json = canonicalJson(definition);
  // The config layer hands over `${env:X}` references only; a known secret value here is a bug upstream.
  if (redactSecrets(json) !== json) {
    throw new SyncctlError('secret_in_state', `The definition of ${what} holds a resolved secret value; the state store keeps only \${env:NAME} references.`, {
      hint: 'This is a bug in syncctl: report it. Nothing was written.',
      meta: { resource: what },
    });
  }
  return json;
}

/** The stored text of a restart scope. */
export function restartJson(restart: AppliedSync['restart']): string | null {
  return restart === null ? null : JSON.stringify(restart === 'all' ? 'all' : [...restart].sort());
}

/** Maps a connection row to the store's type. */
export function toAppliedConnection(row: ConnectionRow): AppliedConnection {
  return deepFreeze({
    name: row.name,
    hash: row.hash,
    definition: parseJson<Connection>(row.definition, `connection ${row.name}`),
    appliedAt: row.applied_at,
    appliedBy: row.applied_by,
  });
}

/** Maps a sync row to the store's type. */
export function toAppliedSync(row: SyncRow): AppliedSync {
  return deepFreeze({
    name: row.name,
    hash: row.hash,
    definition: parseJson<Sync>(row.definition, `sync ${row.name}`),
    lifecycle: row.lifecycle,
    restart: parseRestart(row.restart, row.name),
    detail: row.detail,
    appliedAt: row.applied_at,
    appliedBy: row.applied_by,
    generation: row.generation,
  });
}

function parseRestart(text: string | null, name: string): AppliedSync['restart'] {
  if (text === null) return null;
  const value = parseJson<unknown>(text, `the restart scope of sync ${name}`);
  if (value === 'all') return 'all';
  if (Array.isArray(value) && value.every((v): v is string => typeof v === 'string')) return value;
  throw corrupt(`the restart scope of sync ${name}`);
}

function parseJson<T>(text: string, what: string): T {
  try {
    // The column holds what this store wrote from a T (json_valid is enforced by the schema).
    return JSON.parse(text) as T;
  } catch (cause) {
    throw corrupt(what, cause);
  }
}

function corrupt(what: string, cause?: unknown): SyncctlError {
  return new SyncctlError('state_corrupt', `The state holds an unreadable value for ${what}.`, {
    hint: 'The state file was changed outside syncctl or is damaged; restore it from a backup or re-apply into a new state file.',
    cause,
  });
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
