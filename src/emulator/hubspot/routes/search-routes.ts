// POST /crm/v3/objects/{objectType}/search, counted against the search limit.
import { parseSearchQuery, runSearch } from '../crm/search.js';
import { requestedProperties, toApiObject } from '../crm/serialize.js';
import type { Route } from '../http/types.js';
import { type RouteDeps, objectTypeParam } from './common.js';

/** The search route. */
export function searchRoutes({ crm }: RouteDeps): Route[] {
  return [
    {
      method: 'POST',
      path: '/crm/v3/objects/:objectType/search',
      limit: 'search',
      handler: (req) => {
        const type = objectTypeParam(req);
        const query = parseSearchQuery(type, req.body ?? {});
        const candidates = crm.store.scan(type, false).filter((r) => crm.searchable(r));
        const page = runSearch(type, candidates, query);
        const names = requestedProperties(type, query.properties);
        return {
          status: 200,
          body: {
            total: page.total,
            results: page.results.map((r) => toApiObject(r, names)),
            ...(page.nextAfter === undefined ? {} : { paging: { next: { after: String(page.nextAfter) } } }),
          },
        };
      },
    },
  ];
}
