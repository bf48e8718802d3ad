// Real SQLite apps, a real state store, the initial sync run first, then incremental passes.
// Connector decorators count writes and inject transient failures (the thing under test, the
// engine, is never mocked).
import Database from 'better-sqlite3';
import type { Sync } from '../../../src/config/model.js';
import type { Connector, CreateInput, UpdateInput, WriteResult } from '../../../src/connectors/types.js';
import { runInitialSync } from '../../../src/engine/index.js';
import { type ChangeTrigger, type IncrementalReport, type IncrementalTuning, runIncrementalPass } from '../../../src/engine/incremental/index.js';
import { SyncctlError } from '../../../src/errors/syncctl-error.js';
import { type Row, type World, createApp, openWorld, silent } from '../helpers.js';

export { CONTACTS_DDL, COMPANIES_DDL, createApp, makeSync, rows, syncObject, tempDir, silent, type Row, type World } from '../helpers.js';

/** Short waits: tests never sleep for production backoffs. */
export const FAST: Partial<IncrementalTuning> = { retryBaseMs: 2, retryMaxMs: 20, leaseWaitMs: 0 };

/** An ISO timestamp `offsetMs` from now, as the demo tables store it. */
export function isoNow(offsetMs = 0): string {
  return new Date(Date.now() + offsetMs).toISOString();
}

/** Runs SQL statements against an app file (as another program editing it would). */
export function exec(path: string, sql: string, ...params: (string | number | null)[]): number {
  const db = new Database(path);
  try {
    return db.prepare(sql).run(...params).changes;
  } finally {
    db.close();
  }
}

/** Sets columns of one row and bumps its updated_at to now (or `at`). */
export function edit(path: string, table: string, id: number, values: Row, at = isoNow()): void {
  const cols = Object.keys(values);
  const set = [...cols.map((c) => `${c} = ?`), 'updated_at = ?'].join(', ');
  exec(path, `UPDATE ${table} SET ${set} WHERE id = ?`, ...cols.map((c) => values[c] ?? null), at, id);
}

/** Inserts a row stamped now; returns its id. */
export function insert(path: string, table: string, values: Row, at = isoNow()): number {
  const db = new Database(path);
  try {
    const cols = [...Object.keys(values), 'updated_at'];
    const r = db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...Object.values(values), at);
    return Number(r.lastInsertRowid);
  } finally {
    db.close();
  }
}

/** One row by id. */
export function row(path: string, table: string, id: number): Row | undefined {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id) as Row | undefined;
  } finally {
    db.close();
  }
}

/** Index rows of a sync as SQL sees them (status, category, partner), for assertions. */
export function indexRows(statePath: string, sync: string, side: 'hub' | 'app'): { record_id: string; status: string; category: string | null; partner_id: string | null }[] {
  const db = new Database(statePath, { readonly: true });
  try {
    return db
      .prepare(
        `SELECT r.record_id, r.status, r.category, r.partner_id FROM record_index AS r JOIN record_scopes AS s ON s.scope = r.scope
         WHERE s.sync_name = ? AND s.side = ? ORDER BY CAST(r.record_id AS INTEGER)`,
      )
      .all(sync, side) as { record_id: string; status: string; category: string | null; partner_id: string | null }[];
  } finally {
    db.close();
  }
}

/** Counts the records each write call carries. */
export interface WriteCounts {
  updated: number;
  created: number;
}

/** A connector that counts the records it is asked to write and passes everything through. */
export function counting(inner: Connector): { connector: Connector; counts: WriteCounts } {
  const counts: WriteCounts = { updated: 0, created: 0 };
  const connector: Connector = {
    describe: (o) => inner.describe(o),
    list: (o, opts) => inner.list(o, opts),
    read: (o, ids, props) => inner.read(o, ids, props),
    changes: (o, since, opts) => inner.changes(o, since, opts),
    close: () => inner.close(),
    async create(o: string, inputs: readonly CreateInput[]): Promise<WriteResult[]> {
      counts.created += inputs.length;
      return inner.create(o, inputs);
    },
    async update(o: string, inputs: readonly UpdateInput[]): Promise<WriteResult[]> {
      counts.updated += inputs.length;
      return inner.update(o, inputs);
    },
  };
  return { connector, counts };
}

/**
 * A connector whose first `n` update calls fail transiently: thrown (`app_unavailable`) or as
 * per-record results (`rate_limited`, retryable), alternately.
 */
export function flaky(inner: Connector, n: number): { connector: Connector; calls: () => number } {
  let calls = 0;
  const { connector } = counting(inner);
  return {
    calls: () => calls,
    connector: {
      ...connector,
      async update(o: string, inputs: readonly UpdateInput[]): Promise<WriteResult[]> {
        calls += 1;
        if (calls <= n) {
          if (calls % 2 === 1) throw new SyncctlError('app_unavailable', 'the app answered 503', { meta: { retryable: true, retryAfterMs: 1 } });
          return inputs.map((i) => ({ ok: false, id: i.id, category: 'rate_limited', message: '429 too many requests', retryable: true }));
        }
        return inner.update(o, inputs);
      },
    },
  };
}

/** Opens the world, runs the initial sync of `sync`, and returns the world (still open). */
export async function initialSync(dir: string, sync: Sync): Promise<World> {
  const w = await openWorld(dir);
  await runInitialSync({ sync, hub: w.hub, app: w.app, index: w.index, objects: 'all', logger: silent });
  return w;
}

/** Runs one pass on the world, with optional connector decorators and tuning. */
export async function pass(
  w: World,
  sync: Sync,
  trigger: ChangeTrigger = { kind: 'poll' },
  over: { hub?: Connector; app?: Connector; tuning?: Partial<IncrementalTuning> } = {},
): Promise<IncrementalReport> {
  return runIncrementalPass({ sync, hub: over.hub ?? w.hub, app: over.app ?? w.app, index: w.index, logger: silent, trigger, tuning: { ...FAST, ...over.tuning } });
}

/** Total records written per side by a report. */
export function written(report: IncrementalReport): { hub: number; app: number } {
  return report.objects.reduce((t, o) => ({ hub: t.hub + o.written.hub, app: t.app + o.written.app }), { hub: 0, app: 0 });
}

/** Total records seen per side by a report. */
export function seen(report: IncrementalReport): { hub: number; app: number } {
  return report.objects.reduce((t, o) => ({ hub: t.hub + o.seen.hub, app: t.app + o.seen.app }), { hub: 0, app: 0 });
}

/** Creates the contacts apps with `n` matched people (same email on both sides). */
export function contactsWorld(dir: string, hubRows: Row[], appRows: Row[]): void {
  createApp(`${dir}/crm.db`, { contacts: { ddl: CONTACTS_HUB, rows: hubRows } });
  createApp(`${dir}/shop.db`, { customers: { ddl: CONTACTS_APP, rows: appRows } });
}

const CONTACTS_HUB = `CREATE TABLE contacts (id INTEGER PRIMARY KEY, email TEXT, firstname TEXT, lastname TEXT, phone TEXT, age INTEGER, updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))`;
const CONTACTS_APP = `CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT, firstname TEXT, lastname TEXT, phone TEXT, age TEXT, segment TEXT, updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))`;
