// list(): `GET /crm/v3/objects/{type}` page by page with HubSpot's `after` cursor, asking only for
// the properties needed; the same with `archived=true` finds records deleted (archived) in HubSpot.
// The cursor makes paging sequential, so the next page is asked for as soon as a page arrives,
// while the caller works on it: the round trip overlaps the caller's work instead of adding to it.
import { SyncctlError } from '../../errors/syncctl-error.js';
import type { ListOptions, Page, RemoteRecord } from '../types.js';
import { type HubspotContext, fieldTypes, propertiesToRequest } from './context.js';
import { objectPath } from './describe.js';
import { failureError, failureFrom, parseErrorBody } from './errors.js';
import { resultsOf, toRemoteRecord } from './values.js';

/** HubSpot's largest page of the objects list. */
export const MAX_LIST_LIMIT = 100;

/** An archived record: `archivedAt` is when it was deleted in HubSpot. */
export type ArchivedRecord = RemoteRecord & { archivedAt: string | undefined };

/** A page of archived records. */
export interface ArchivedPage {
  records: ArchivedRecord[];
  nextCursor?: string;
}

/** Checks a page size: a positive whole number (HubSpot pages hold at most `max`). */
export function pageLimit(pageSize: number, max: number): number {
  if (!Number.isSafeInteger(pageSize) || pageSize < 1) {
    throw new SyncctlError('invalid_page_size', `page size ${pageSize} is not a positive whole number.`, {
      hint: 'Pass a pageSize of 1 or more.',
      meta: { pageSize },
    });
  }
  return Math.min(pageSize, max);
}

async function* pages(ctx: HubspotContext, object: string, options: ListOptions, archived: boolean): AsyncGenerator<ArchivedPage> {
  const limit = pageLimit(options.pageSize, MAX_LIST_LIMIT);
  const properties = (await propertiesToRequest(ctx, object, options.properties)).join(',');
  const types = await fieldTypes(ctx, object);
  const action = `list ${archived ? 'archived ' : ''}${object}`;
  const fetchPage = async (after: string | undefined): Promise<ArchivedPage> => {
    const answer = await ctx.http.send({
      method: 'GET',
      path: `/crm/v3/objects/${objectPath(object)}`,
      query: { limit: String(limit), after, properties, archived: String(archived) },
      action,
    });
    if (answer.status !== 200) {
      throw failureError(failureFrom(answer.status, parseErrorBody(answer.body, answer.headers.get('x-hubspot-correlation-id'))), ctx.connection, action);
    }
    const records = resultsOf(answer.body).map((o) => ({ ...toRemoteRecord(o, types), archivedAt: o.archivedAt }));
    const next = (answer.body as { paging?: { next?: { after?: unknown } } }).paging?.next?.after;
    const nextCursor = typeof next === 'string' && next !== '' ? next : typeof next === 'number' ? String(next) : undefined;
    return { records, ...(nextCursor === undefined ? {} : { nextCursor }) };
  };
  let next: Promise<ArchivedPage> | undefined = fetchPage(options.cursor === '' ? undefined : options.cursor);
  while (next) {
    const page: ArchivedPage = await next;
    // Read ahead one page. A caller that stops early leaves one answer unread (its failure too:
    // the catch keeps that from surfacing as an unhandled rejection; an awaited one still throws).
    next = page.nextCursor === undefined ? undefined : fetchPage(page.nextCursor);
    next?.catch(() => undefined);
    yield page;
  }
}

/** Every active record of `object`, page by page. */
export async function* listPages(ctx: HubspotContext, object: string, options: ListOptions): AsyncGenerator<Page> {
  for await (const page of pages(ctx, object, options, false)) {
    yield { records: page.records.map(({ archivedAt: _archivedAt, ...record }) => record), ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }) };
  }
}

/** Every archived (deleted) record of `object`, page by page. */
export function listArchivedPages(ctx: HubspotContext, object: string, options: ListOptions): AsyncGenerator<ArchivedPage> {
  return pages(ctx, object, options, true);
}
