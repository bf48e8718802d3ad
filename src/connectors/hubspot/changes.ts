// changes(): HubSpot's search API on hs_lastmodifieddate, read as a keyset on
// (hs_lastmodifieddate, hs_object_id). Every request starts again from the last position instead
// of paging with `after`, so the 10,000-results cap of one search never applies and a record
// modified while we read (it moves to a later time) is neither skipped nor lost. When a whole
// page shares one timestamp (thousands of records imported at once), that timestamp is walked
// by id (`EQ ts AND hs_object_id GT last`, sorted by id) before moving on, so nothing loops.
import { SyncctlError } from '../../errors/syncctl-error.js';
import type { ChangeCursor, ChangePage, ChangesOptions, RemoteRecord } from '../types.js';
import { type HubspotContext, fieldTypes, propertiesToRequest } from './context.js';
import { objectPath } from './describe.js';
import { failureError, failureFrom, parseErrorBody } from './errors.js';
import { pageLimit } from './list.js';
import { type FieldTypes, LAST_MODIFIED, resultsOf, toRemoteRecord } from './values.js';

/** HubSpot's largest search page. */
export const MAX_SEARCH_LIMIT = 200;

/** How far back changes() reads by default: HubSpot's search index may show a write this late. */
export const DEFAULT_OVERLAP_MS = 30_000;

/** An exclusive keyset position: records after (ts, id); id -1 takes every record at ts. */
interface Position {
  ts: number;
  id: number;
}

interface Filter {
  propertyName: string;
  operator: string;
  value: string;
}

/**
 * Records (id, last-modified) that changes() already returned from this connector, so that the
 * default overlap re-reads the search index's late arrivals without repeating what was seen.
 * Only the last overlap's worth is kept: memory stays bounded however many changes stream by.
 */
export class DeliveredChanges {
  private readonly byObject = new Map<string, { latest: Map<string, number>; order: Array<{ id: string; ts: number }>; head: number }>();

  private of(object: string) {
    let entry = this.byObject.get(object);
    if (!entry) this.byObject.set(object, (entry = { latest: new Map(), order: [], head: 0 }));
    return entry;
  }

  /** True when this exact version of the record was returned before. */
  seen(object: string, id: string, ts: number): boolean {
    return this.byObject.get(object)?.latest.get(id) === ts;
  }

  remember(object: string, id: string, ts: number): void {
    const entry = this.of(object);
    entry.latest.set(id, ts);
    entry.order.push({ id, ts });
  }

  /** Forgets versions older than `ts`: a re-read never reaches them. */
  forgetBefore(object: string, ts: number): void {
    const entry = this.byObject.get(object);
    if (!entry) return;
    // Versions are remembered in (mostly) ascending time, so the old ones sit at the front.
    while (entry.head < entry.order.length && (entry.order[entry.head]?.ts ?? ts) < ts) {
      const old = entry.order[entry.head] as { id: string; ts: number };
      if (entry.latest.get(old.id) === old.ts) entry.latest.delete(old.id);
      entry.head += 1;
    }
    if (entry.head > 1024 && entry.head * 2 > entry.order.length) {
      entry.order = entry.order.slice(entry.head);
      entry.head = 0;
    }
  }
}

function cursorMs(since: ChangeCursor): number {
  const ms = Date.parse(since.updatedAt);
  if (Number.isNaN(ms)) {
    throw new SyncctlError('invalid_change_cursor', `change cursor updatedAt "${since.updatedAt}" is not an ISO-8601 time.`, {
      hint: 'Pass the cursor of a previous changes() page unchanged, or undefined to read every change.',
    });
  }
  return ms;
}

/** Records at exactly `pos.ts` with an id above `pos.id`. */
function sameTimeAfter(pos: Position): { filters: Filter[] } {
  return {
    filters: [
      { propertyName: LAST_MODIFIED, operator: 'EQ', value: String(pos.ts) },
      { propertyName: 'hs_object_id', operator: 'GT', value: String(pos.id) },
    ],
  };
}

/** Records after `pos` in keyset order: a later time, or the same time and a higher id. */
function after(pos: Position | undefined): Array<{ filters: Filter[] }> {
  if (pos === undefined) return [];
  if (pos.id < 0) return [{ filters: [{ propertyName: LAST_MODIFIED, operator: 'GTE', value: String(pos.ts) }] }];
  return [{ filters: [{ propertyName: LAST_MODIFIED, operator: 'GT', value: String(pos.ts) }] }, sameTimeAfter(pos)];
}

interface Change {
  record: RemoteRecord;
  ts: number;
  id: number;
}

function byKeyset(a: Change, b: Change): number {
  return a.ts - b.ts || a.id - b.id;
}

async function search(ctx: HubspotContext, object: string, groups: Array<{ filters: Filter[] }>, sortBy: string, properties: string[], types: FieldTypes): Promise<Change[]> {
  const action = `search changes of ${object}`;
  const answer = await ctx.http.send({
    method: 'POST',
    path: `/crm/v3/objects/${objectPath(object)}/search`,
    kind: 'search',
    body: { filterGroups: groups, sorts: [{ propertyName: sortBy, direction: 'ASCENDING' }], properties, limit: MAX_SEARCH_LIMIT, after: '0' },
    action,
  });
  if (answer.status !== 200) {
    throw failureError(failureFrom(answer.status, parseErrorBody(answer.body, answer.headers.get('x-hubspot-correlation-id'))), ctx.connection, action);
  }
  return resultsOf(answer.body)
    .map((obj) => {
      const record = toRemoteRecord(obj, types);
      return { record, ts: Date.parse(record.updatedAt), id: Number(obj.id) };
    })
    .sort(byKeyset);
}

/** Records changed at or after `since` (less the overlap), in (updatedAt, id) order, pages of at most pageSize. */
export async function* changePages(
  ctx: HubspotContext,
  object: string,
  since: ChangeCursor | undefined,
  options: ChangesOptions,
  delivered: DeliveredChanges,
  defaultOverlapMs: number,
): AsyncGenerator<ChangePage> {
  const size = pageLimit(options.pageSize, Number.MAX_SAFE_INTEGER);
  const overlap = Math.max(0, options.overlapMs ?? defaultOverlapMs);
  // An overlap the caller asked for re-reads everything in it; the default one only what is new.
  const skipSeen = options.overlapMs === undefined && overlap > 0;
  // What was returned stays remembered for as long as a later default re-read may reach it.
  const retain = Math.max(overlap, defaultOverlapMs);
  const sinceMs = since === undefined ? undefined : cursorMs(since);
  let pos: Position | undefined;
  if (since !== undefined && sinceMs !== undefined) {
    const id = Number(since.id);
    pos = overlap > 0 || !Number.isSafeInteger(id) ? { ts: sinceMs - overlap, id: -1 } : { ts: sinceMs, id };
    delivered.forgetBefore(object, sinceMs - retain);
  }
  const properties = await propertiesToRequest(ctx, object, options.properties);
  const types = await fieldTypes(ctx, object);

  let cursor = since;
  let pending: RemoteRecord[] = [];
  let yielded = false;
  const take = (changes: readonly Change[]): void => {
    for (const c of changes) {
      if (skipSeen && delivered.seen(object, c.record.id, c.ts)) continue;
      delivered.remember(object, c.record.id, c.ts);
      pending.push(c.record);
    }
    const last = changes[changes.length - 1];
    if (last) delivered.forgetBefore(object, last.ts - retain);
  };
  const emit = (records: RemoteRecord[]): ChangePage => {
    yielded = true;
    cursor = later(cursor, records[records.length - 1]);
    return { records, cursor };
  };
  const full = function* (): Generator<ChangePage> {
    while (pending.length >= size) {
      const records = pending.slice(0, size);
      pending = pending.slice(size);
      yield emit(records);
    }
  };

  for (;;) {
    const page = await search(ctx, object, after(pos), LAST_MODIFIED, properties, types);
    const last = page[page.length - 1];
    if (page.length < MAX_SEARCH_LIMIT || last === undefined) {
      take(page);
      yield* full();
      break;
    }
    const complete = page.filter((c) => c.ts < last.ts);
    const lastComplete = complete[complete.length - 1];
    if (lastComplete) {
      take(complete);
      pos = { ts: lastComplete.ts, id: lastComplete.id };
    } else {
      // The whole page shares one timestamp: walk it by id, then go on after it.
      let tie: Position = { ts: last.ts, id: pos?.ts === last.ts ? pos.id : -1 };
      for (;;) {
        const tied = await search(ctx, object, [sameTimeAfter(tie)], 'hs_object_id', properties, types);
        take(tied);
        yield* full();
        const end = tied[tied.length - 1];
        if (end) tie = { ts: last.ts, id: end.id };
        if (tied.length < MAX_SEARCH_LIMIT) break;
      }
      pos = tie;
    }
    yield* full();
  }
  if (pending.length > 0 || !yielded) yield emit(pending);
}

function keyOf(c: ChangeCursor): Position {
  const id = Number(c.id);
  return { ts: Date.parse(c.updatedAt), id: Number.isSafeInteger(id) ? id : -1 };
}

/** The later of the cursor so far and a page's last record: an overlap re-read never moves the cursor back. */
function later(cursor: ChangeCursor | undefined, last: RemoteRecord | undefined): ChangeCursor | undefined {
  if (!last) return cursor;
  const next = { updatedAt: last.updatedAt, id: last.id };
  if (!cursor) return next;
  const a = keyOf(next);
  const b = keyOf(cursor);
  return a.ts > b.ts || (a.ts === b.ts && a.id >= b.id) ? next : cursor;
}
