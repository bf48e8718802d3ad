// The read-only RecordQuery on SQLite: the record index tables of migration 002, read with
// prepared statements. Records are listed in keyset pages over the unique (scope, record_id)
// index, so each page touches only its own rows and no read stays open between pages.
import type { ExclusionReason, FailureCategory } from '../../errors/categories.js';
import {
  type AssociationHealth,
  emptySide,
  type ObjectHealth,
  type RecordEntry,
  type RecordFilter,
  type RecordPageOptions,
  type RecordQuery,
  type RecordRange,
  type RecordStatus,
  type RunInfo,
  type Side,
  SIDES,
} from '../../health/record-query.js';
import { sqliteAssociationIndex } from './association-index.js';
import type { Database } from './driver.js';

const DEFAULT_PAGE_SIZE = 1000;

/**
 * A page of one side's records after @after, with the filters bound as NULL when absent (the
 * activity time is last_synced, else first_seen, both epoch milliseconds). `upperBound` ends a
 * range: a condition the index can stop its walk at (an `@through IS NULL OR …` would read on
 * past the range's end to the end of its side).
 */
function pageSql(upperBound: string): string {
  return `
    SELECT record_id, partner_id, status, category, reason, message, idents, duplicate_side, duplicate_of,
      first_seen, last_synced, last_changed
    FROM record_index
    WHERE scope = @scope AND record_id > @after${upperBound}
      AND (@statuses IS NULL OR status IN (SELECT value FROM json_each(@statuses)))
      AND (@categories IS NULL
        OR category IN (SELECT value FROM json_each(@categories))
        OR reason IN (SELECT value FROM json_each(@categories)))
      AND (@since IS NULL OR coalesce(last_synced, first_seen) >= @since)
      AND (@until IS NULL OR coalesce(last_synced, first_seen) < @until)
    ORDER BY record_id
    LIMIT @limit`;
}

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
  page: pageSql(''),
  pageThrough: pageSql(' AND record_id <= @through'),
  // The id `skip` rows on from `after` and the one after it (the index alone, no table row read):
  // a range's last id, when more records follow it.
  rangeEnd: `SELECT record_id FROM record_index WHERE scope = ? AND record_id > ? ORDER BY record_id LIMIT 2 OFFSET ?`,
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

/**
 * A page row as an array in SQL.page's column order: the statement runs in raw mode, since
 * building an object per row costs an export of millions of rows more than SQLite's read does.
 */
type PageRow = [
  recordId: string,
  partnerId: string | null,
  status: RecordStatus,
  category: string | null,
  reason: string | null,
  message: string | null,
  idents: string,
  duplicateSide: Side | null,
  duplicateOf: string | null,
  firstSeen: number,
  lastSynced: number | null,
  lastChanged: string | null,
];

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
  private readonly db: Database;

  /** Prepares the statements; `location` names the file in messages. */
  constructor(db: Database, location: string) {
    this.location = location;
    this.db = db;
    this.st = {
      scope: db.prepare<[string, string, Side], number>(SQL.scope).pluck(),
      objects: db.prepare<[string, string], string>(SQL.objects).pluck(),
      groups: db.prepare<[number], GroupRow>(SQL.groups),
      checkpoint: db.prepare<[string, string], CheckpointRow>(SQL.checkpoint),
      page: db.prepare<[PageParams], PageRow>(SQL.page).raw(true),
      pageThrough: db.prepare<[PageParams & { through: string }], PageRow>(SQL.pageThrough).raw(true),
      rangeEnd: db.prepare<[number, string, number], string>(SQL.rangeEnd).pluck(),
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

  async associationHealth(sync: string, association: string): Promise<AssociationHealth> {
    // The association state's own counts (migration 004), read through its store module.
    const index = sqliteAssociationIndex(this.db);
    const key = { sync, name: association };
    const [counts, cp] = await Promise.all([index.counts(key), index.getCheckpoint(key)]);
    return { association, ...counts, reconciliation: cp ? { runs: cp.runs, done: cp.done } : null };
  }

  async *records(filter: RecordFilter, options: RecordPageOptions = {}): AsyncGenerator<RecordEntry> {
    for await (const page of this.recordPages(filter, options)) yield* page;
  }

  async *recordPages(filter: RecordFilter, options: RecordPageOptions = {}): AsyncGenerator<RecordEntry[]> {
    for (const { object, side } of await this.listedSides(filter)) yield* this.rangePages(filter, { object, side, after: '', through: null }, options);
  }

  async *recordRanges(filter: RecordFilter, size: number): AsyncGenerator<RecordRange> {
    const skip = Math.max(1, Math.floor(size)) - 1;
    for (const { object, side, scope } of await this.listedSides(filter)) {
      let after = '';
      for (;;) {
        // A range ends at its size-th id only when more follow: the last range holds the rest.
        const [through, more] = this.st.rangeEnd.all(scope, after, skip);
        const end = through !== undefined && more !== undefined ? through : null;
        yield { object, side, after, through: end };
        if (end === null) break;
        after = end;
      }
    }
  }

  async *rangePages(filter: RecordFilter, range: RecordRange, options: RecordPageOptions = {}): AsyncGenerator<RecordEntry[]> {
    const scope = this.st.scope.get(filter.sync, range.object, range.side);
    if (scope === undefined) return;
    const limit = Math.max(1, Math.floor(options.pageSize ?? DEFAULT_PAGE_SIZE));
    const params: PageParams = {
      scope,
      after: range.after,
      statuses: listParam(filter.statuses),
      categories: listParam(filter.categories),
      since: filter.since ? filter.since.getTime() : null,
      until: filter.until ? filter.until.getTime() : null,
      limit,
    };
    const iso = isoTimes();
    const { through } = range;
    for (;;) {
      const page = through === null ? this.st.page.all(params) : this.st.pageThrough.all({ ...params, through });
      if (page.length > 0) yield page.map((row) => toEntry(row, range.object, range.side, iso));
      const last = page[page.length - 1];
      if (last === undefined || page.length < limit) break;
      params.after = last[0];
    }
  }

  /** The object sides `filter` lists, in listing order (objects sorted, hub before app), with their scopes. */
  private async listedSides(filter: RecordFilter): Promise<{ object: string; side: Side; scope: number }[]> {
    const objects = filter.objects ? [...filter.objects].sort() : await this.indexedObjects(filter.sync);
    const out: { object: string; side: Side; scope: number }[] = [];
    for (const object of objects) {
      for (const side of filter.sides ?? SIDES) {
        const scope = this.st.scope.get(filter.sync, object, side);
        if (scope !== undefined) out.push({ object, side, scope });
      }
    }
    return out;
  }
}

function listParam(values: readonly string[] | undefined): string | null {
  return values === undefined ? null : JSON.stringify(values);
}

function addTo<K extends string>(into: Partial<Record<K, number>>, key: K, n: number): void {
  into[key] = (into[key] ?? 0) + n;
}

/** Distinct times remembered by one listing before it starts over (bounds its memory). */
const ISO_MEMO_SIZE = 10_000;

/**
 * Epoch milliseconds as ISO text, remembered: records indexed or synced in the same batch share
 * their times (the bench's 3.3M-row index holds a few hundred distinct ones), so most rows of a long
 * listing convert nothing.
 */
function isoTimes(): (ms: number) => string {
  const memo = new Map<number, string>();
  return (ms) => {
    let iso = memo.get(ms);
    if (iso === undefined) {
      if (memo.size >= ISO_MEMO_SIZE) memo.clear();
      iso = new Date(ms).toISOString();
      memo.set(ms, iso);
    }
    return iso;
  };
}

function toEntry(r: PageRow, object: string, side: Side, iso: (ms: number) => string): RecordEntry {
  const [id, partnerId, status, category, reason, message, idents, duplicateSide, duplicateOf, firstSeen, lastSynced, lastChanged] = r;
  return {
    object,
    side,
    id,
    partnerId,
    status,
    category: category as FailureCategory | null,
    reason: reason as ExclusionReason | null,
    message,
    identifiers: JSON.parse(idents) as [number, string][],
    duplicateOf: duplicateSide !== null && duplicateOf !== null ? { side: duplicateSide, id: duplicateOf } : null,
    firstSeen: iso(firstSeen),
    lastSynced: lastSynced === null ? null : iso(lastSynced),
    lastChanged,
  };
}
