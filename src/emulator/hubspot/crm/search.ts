// CRM search as HubSpot does it: filterGroups (OR of ANDs) with its operators, one sort,
// a free-text query, offset paging through `after`, and the 10,000-results cap.
import { validationError } from '../errors.js';
import type { ObjectTypeName } from '../object-types.js';
import { propertyDefinition, queryProperties } from '../properties/catalog.js';
import type { StoredObject } from '../store/index.js';
import { type Filter, parseFilterGroups } from './search-filters.js';
import { compareValues, matchesFilter } from './search-match.js';

/** HubSpot's search limits. */
export const SEARCH_LIMITS = { maxLimit: 200, defaultLimit: 10, resultCap: 10_000 } as const;

/** A checked search request. */
export interface SearchQuery {
  filterGroups: Filter[][];
  sort?: { propertyName: string; descending: boolean };
  query?: string;
  properties?: string[];
  limit: number;
  after: number;
}

/** One page of search results. */
export interface SearchPage {
  total: number;
  results: StoredObject[];
  /** The `after` of the next page, when there is one (it may be past the cap: HubSpot answers it with 400). */
  nextAfter?: number;
}

/** Checks a search body; every problem is a 400 saying what to change. */
export function parseSearchQuery(type: ObjectTypeName, body: unknown): SearchQuery {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw validationError('Invalid input JSON: the search request must be an object (send {} to list everything).');
  }
  const b = body as Record<string, unknown>;
  const limit = b.limit === undefined ? SEARCH_LIMITS.defaultLimit : b.limit;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0 || limit > SEARCH_LIMITS.maxLimit) {
    throw validationError(`limit must be an integer from 0 to ${SEARCH_LIMITS.maxLimit}; got ${JSON.stringify(limit)}.`);
  }
  const afterRaw = b.after === undefined || b.after === null || b.after === '' ? '0' : String(b.after);
  if (!/^\d+$/.test(afterRaw)) throw validationError(`after must be the paging.next.after of a previous page (a number); got "${afterRaw}".`);
  const after = Number(afterRaw);
  if (after >= SEARCH_LIMITS.resultCap) {
    throw validationError(
      `Paging past ${SEARCH_LIMITS.resultCap} results is not possible (after=${after}): a search returns at most ${SEARCH_LIMITS.resultCap} results. Narrow the filters (e.g. by hs_lastmodifieddate) and search again.`,
    );
  }
  const properties = b.properties === undefined ? undefined : stringArray(b.properties, 'properties');
  const query = b.query === undefined || b.query === null ? undefined : String(b.query);
  return { filterGroups: parseFilterGroups(type, b.filterGroups), sort: parseSorts(type, b.sorts), query, properties, limit, after };
}

/** Runs a checked query over the candidate records (already in ascending id order). */
export function runSearch(type: ObjectTypeName, records: readonly StoredObject[], q: SearchQuery): SearchPage {
  const text = q.query?.trim().toLowerCase();
  const matching = records.filter(
    (r) =>
      (q.filterGroups.length === 0 || q.filterGroups.some((group) => group.every((f) => matchesFilter(r, f)))) &&
      (!text || queryProperties(type).some((p) => r.properties[p]?.toLowerCase().includes(text))),
  );
  const { sort } = q;
  if (sort) {
    const def = propertyDefinition(type, sort.propertyName);
    const sign = sort.descending ? -1 : 1;
    matching.sort((a, b) => {
      const va = a.properties[sort.propertyName];
      const vb = b.properties[sort.propertyName];
      // Unset values go last either way; ties keep a stable order that is deliberately not the
      // id order, because HubSpot does not promise one either.
      if (va === undefined || vb === undefined) return va === vb ? tieBreak(a, b) : va === undefined ? 1 : -1;
      return sign * (def ? compareValues(def, va, vb) : 0) || tieBreak(a, b);
    });
  }
  const end = Math.min(q.after + q.limit, SEARCH_LIMITS.resultCap, matching.length);
  const results = q.limit === 0 ? [] : matching.slice(q.after, end);
  const nextAfter = end < matching.length && q.limit > 0 ? end : undefined;
  return { total: matching.length, results, ...(nextAfter === undefined ? {} : { nextAfter }) };
}

function parseSorts(type: ObjectTypeName, raw: unknown): SearchQuery['sort'] {
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw)) throw validationError('sorts must be an array with at most one sort.');
  if (raw.length === 0) return undefined;
  if (raw.length > 1) throw validationError(`Only one sort is allowed per search; got ${raw.length}.`);
  const entry: unknown = raw[0];
  let propertyName: unknown;
  let descending = false;
  if (typeof entry === 'string') {
    descending = entry.startsWith('-');
    propertyName = descending ? entry.slice(1) : entry;
  } else if (entry !== null && typeof entry === 'object') {
    const e = entry as { propertyName?: unknown; direction?: unknown };
    if (e.direction !== undefined && e.direction !== 'ASCENDING' && e.direction !== 'DESCENDING') {
      throw validationError(`sorts[0].direction must be ASCENDING or DESCENDING; got ${JSON.stringify(e.direction)}.`);
    }
    propertyName = e.propertyName;
    descending = e.direction === 'DESCENDING';
  }
  if (typeof propertyName !== 'string' || !propertyDefinition(type, propertyName)) {
    throw validationError(`sorts[0] names ${JSON.stringify(propertyName)}, which is not a property of ${type}.`);
  }
  return { propertyName, descending };
}

function stringArray(raw: unknown, where: string): string[] {
  if (!Array.isArray(raw) || raw.some((v) => typeof v !== 'string')) throw validationError(`${where} must be an array of strings.`);
  return raw as string[];
}

function tieBreak(a: StoredObject, b: StoredObject): number {
  return scramble(a.id) - scramble(b.id) || Number(a.id) - Number(b.id);
}

/** FNV-1a of the id: a stable order that is not the id order. */
function scramble(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i += 1) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
