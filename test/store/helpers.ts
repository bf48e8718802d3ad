// Builders for the store tests: valid normalised definitions and their applied records.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection, Sync, SyncObject } from '../../src/config/model.js';
import type { AppliedConnection, AppliedSync, Lifecycle } from '../../src/store/index.js';
import { contentHash } from '../../src/util/canonical.js';

export const BY = 'ana@build-1 via syncctl apply';
export const AT = '2026-03-01T10:00:00.000Z';

/** A fresh temp directory, removed by the returned cleanup. */
export function tempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'syncctl-store-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A normalised connection definition. */
export function connection(name: string, options: Record<string, unknown> = { path: `./${name}.db` }): Connection {
  return { name, connector: 'sqlite', options, baseDir: '/work/syncs' };
}

/** A normalised sync definition between `hub` and `app` with one contacts object. */
export function sync(name: string, overrides: Partial<Sync> = {}): Sync {
  const contacts: SyncObject = {
    hub: 'contacts',
    app: 'customers',
    direction: 'two-way',
    conflictWinner: 'hub',
    onlyWithEmail: true,
    match: ['email'],
    mappings: { defaults: true, fields: [{ hub: 'email', app: 'email_address', required: true, enabled: true }] },
    filters: { hub: [], app: [] },
  };
  return { name, hub: 'crm', app: 'shop', enabled: true, pollInterval: '5m', pollIntervalMs: 300_000, objects: [contacts], associations: [], ...overrides };
}

/** The applied record of a connection definition. */
export function appliedConnection(definition: Connection): AppliedConnection {
  return { name: definition.name, hash: contentHash(definition), definition, appliedAt: AT, appliedBy: BY };
}

/** The applied record of a sync definition. */
export function appliedSync(definition: Sync, lifecycle: Lifecycle = 'pending-initial-sync', restart: AppliedSync['restart'] = 'all'): AppliedSync {
  return { name: definition.name, hash: contentHash(definition), definition, lifecycle, restart, detail: null, appliedAt: AT, appliedBy: BY, generation: 1 };
}

/** Pid of a process that has exited (for stale-lock tests). */
export async function deadPid(): Promise<number> {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((done) => child.on('exit', done));
  if (child.pid === undefined) throw new Error('could not start a process');
  return child.pid;
}
