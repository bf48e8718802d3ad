// The read-only RecordQuery on SQLite: the record index tables of migration 002, read with
// prepared statements. Records are listed in keyset pages over the unique (scope, record_id)
// index, so each page touches only its own rows and no read stays open between pages.
import type { ExclusionReason, FailureCategory } from '../../errors/categories.js';
import {
  emptySide,
  type ObjectHealth,
  type RecordEntry,
  type RecordFilter,
  type RecordPageOptions,
  type RecordQuery,
  type RecordStatus,
  type RunInfo,
  type Side,
  SIDES,
} from '../../health/record-query.js';
import type { Database } from './driver.js';

const DEFAULT_PAGE_SIZE = 1000;

const SQL = {
  scope: `SELECT scope FROM record_scopes WHERE sync_name = ? AND object = ? AND side = ?`,
  objects: `
    SELECT object FROM record_scopes WHERE sync_name = ?
    UNION SELECT object FROM record_checkpoints WHERE sync_name = ?
    ORDER BY 1`,
  groups: `
    SELECT status, category, reason, count(*) AS n, max(last_changed) AS last_changed
    FROM record_index WHERE scope = ? GROUP BY status, category, reason`,
  checkpoint: `SELECT run, phase, counts, started_at, updated_at FROM record_checkpoints WHERE sync_name = ? AND object = ?`,
  // Filters are bound as NULL when absent. The activity time is last_synced, else first_seen
  // (both epoch milliseconds).
  page: `
    SELECT record_id, partner_id, status, category, reason, message, idents, duplicate_side, duplicate_of,
      first_seen, last_synced, last_changed
    FROM record_index
    WHERE scope = @scope AND record_id > @after
      AND (@statuses IS NULL OR status IN (SELECT value FROM json_each(@statuses)))
      AND (@categories IS NULL
        OR category IN (SELECT value FROM json_each(@categories))
        OR reason IN (SELECT value FROM json_each(@categories)))
      AND (@since IS NULL OR coalesce(last_synced, first_seen) >= @since)
      AND (@until IS NULL OR coalesce(last_synced, first_seen) < @until)
    ORDER BY record_id
    LIMIT @limit`,
} as const;

interface GroupRow {
  status: RecordStatus;
  category: string | null;
  reason: string | null;
  n: number;
  last_changed: string | null;
}

interface CheckpointRow {
  run: number;
  phase: RunInfo['phase'];
  counts: string;
  started_at: string;
  updated_at: string;
}

interface PageRow {
  record_id: string;
  partner_id: string | null;
  status: RecordStatus;
  category: string | null;
  reason: string | null;
  message: string | null;
  idents: string;
  duplicate_side: Side | null;
  duplicate_of: string | null;
  first_seen: number;
  last_synced: number | null;
  last_changed: string | null;
}

interface PageParams {
  scope: number;
  after: string;
  statuses: string | null;
  categories: string | null;
  since: number | null;
  until: number | null;
  limit: number;
}

/** A RecordQuery on an open better-sqlite3 database that has migration 002's tables. */
export class SqliteRecordQuery implements RecordQuery {
  readonly location: string;
  private readonly st;

  /** Prepares the statements; `location` names the file in messages. */
  constructor(db: Database, location: string) {
    this.location = location;
    this.st = {
      scope: db.prepare<[string, string, Side], number>(SQL.scope).pluck(),
      objects: db.prepare<[string, string], string>(SQL.objects).pluck(),
      groups: db.prepare<[number], GroupRow>(SQL.groups),
      checkpoint: db.prepare<[string, string], CheckpointRow>(SQL.checkpoint),
      page: db.prepare<[PageParams], PageRow>(SQL.page),
    };
  }

  async indexedObjects(sync: string): Promise<string[]> {
    return this.st.objects.all(sync, sync);
  }

  async objectHealth(sync: string, object: string): Promise<ObjectHealth> {
    const sides = { hub: emptySide(), app: emptySide() };
    for (const side of SIDES) {
      const scope = this.st.scope.get(sync, object, side);
      if (scope === undefined) continue;
      const health = sides[side];
      for (const g of this.st.groups.all(scope)) {
        health.counts[g.status] += g.n;
        if (g.status === 'failing') addTo(health.failing, (g.category ?? 'unknown') as FailureCategory, g.n);
        if (g.status === 'excluded' && g.reason !== null) addTo(health.excluded, g.reason as ExclusionReason, g.n);
        if (g.last_changed !== null && (health.lastChangeSeen === null || g.last_changed > health.lastChangeSeen)) {
          health.lastChangeSeen = g.last_changed;
        }
      }
    }
    const cp = this.st.checkpoint.get(sync, object);
    const lastRun: RunInfo | null = cp
      ? { run: cp.run, phase: cp.phase, startedAt: cp.started_at, updatedAt: cp.updated_at, counts: JSON.parse(cp.counts) as unknown }
      : null;
    return { object, sides, lastRun };
  }

  async *records(filter: RecordFilter, options: RecordPageOptions = {}): AsyncGenerator<RecordEntry> {
    const limit = Math.max(1, Math.floor(options.pageSize ?? DEFAULT_PAGE_SIZE));
    const objects = filter.objects ? [...filter.objects].sort() : await this.indexedObjects(filter.sync);
    const base = {
      statuses: listParam(filter.statuses),
      categories: listParam(filter.categories),
      since: filter.since ? filter.since.getTime() : null,
      until: filter.until ? filter.until.getTime() : null,
      limit,
    };
    for (const object of objects) {
      for (const side of filter.sides ?? SIDES) {
        const scope = this.st.scope.get(filter.sync, object, side);
        if (scope === undefined) continue;
        let after = '';
        for (;;) {
          const page = this.st.page.all({ ...base, scope, after });
          for (const row of page) yield toEntry(row, object, side);
          const last = page[page.length - 1];
          if (last === undefined || page.length < limit) break;
          after = last.record_id;
        }
      }
    }
  }
}

function listParam(values: readonly string[] | undefined): string | null {
  return values === undefined ? null : JSON.stringify(values);
}

function addTo<K extends string>(into: Partial<Record<K, number>>, key: K, n: number): void {
  into[key] = (into[key] ?? 0) + n;
}

function toEntry(r: PageRow, object: string, side: Side): RecordEntry {
  return {
    object,
    side,
    id: r.record_id,
    partnerId: r.partner_id,
    status: r.status,
    category: r.category as FailureCategory | null,
    reason: r.reason as ExclusionReason | null,
    message: r.message,
    identifiers: JSON.parse(r.idents) as [number, string][],
    duplicateOf: r.duplicate_side !== null && r.duplicate_of !== null ? { side: r.duplicate_side, id: r.duplicate_of } : null,
    firstSeen: new Date(r.first_seen).toISOString(),
    lastSynced: r.last_synced === null ? null : new Date(r.last_synced).toISOString(),
    lastChanged: r.last_changed,
  };
}
