// The apply history: one row per applied change, never updated or deleted by syncctl.
import type { HistoryEntry, HistoryStep, Lifecycle } from '../types.js';
import type { Database } from './driver.js';

/** A history row before it is numbered and stamped. */
export interface HistoryChange {
  step: HistoryStep;
  resource: 'connection' | 'sync';
  name: string;
  actor: string;
  hashBefore: string | null;
  hashAfter: string | null;
  lifecycleBefore: Lifecycle | null;
  lifecycleAfter: Lifecycle | null;
  detail: string | null;
}

interface HistoryRow {
  id: number;
  revision: number;
  at: string;
  actor: string;
  step: HistoryStep;
  resource: 'connection' | 'sync';
  name: string;
  hash_before: string | null;
  hash_after: string | null;
  lifecycle_before: Lifecycle | null;
  lifecycle_after: Lifecycle | null;
  detail: string | null;
}

/** Appends changes to the history, all stamped with one revision and time. */
export function appendHistory(db: Database, changes: readonly HistoryChange[], revision: number, at: string): void {
  const insert = db.prepare<[number, string, string, HistoryStep, string, string, string | null, string | null, string | null, string | null, string | null]>(
    `INSERT INTO apply_history (revision, at, actor, step, resource, name, hash_before, hash_after, lifecycle_before, lifecycle_after, detail)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const c of changes) {
    insert.run(revision, at, c.actor, c.step, c.resource, c.name, c.hashBefore, c.hashAfter, c.lifecycleBefore, c.lifecycleAfter, c.detail);
  }
}

/** The newest `limit` history entries, newest first. */
export function readHistory(db: Database, limit: number): HistoryEntry[] {
  const rows = db.prepare<[number], HistoryRow>('SELECT * FROM apply_history ORDER BY id DESC LIMIT ?').all(limit);
  return rows.map((r) => ({
    id: r.id,
    revision: r.revision,
    at: r.at,
    actor: r.actor,
    step: r.step,
    resource: r.resource,
    name: r.name,
    hashBefore: r.hash_before,
    hashAfter: r.hash_after,
    lifecycleBefore: r.lifecycle_before,
    lifecycleAfter: r.lifecycle_after,
    detail: r.detail,
  }));
}
