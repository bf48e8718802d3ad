// The properties API v3 (read side): every standard property of a type, or one by name.
import { notFound } from '../errors.js';
import type { Route } from '../http/types.js';
import { allProperties } from '../properties/catalog.js';
import { propertyToApi } from '../properties/api-shape.js';
import { boolQuery, objectTypeParam } from './common.js';

/** The routes of `/crm/v3/properties/{objectType}`. */
export function propertiesRoutes(): Route[] {
  return [
    {
      method: 'GET',
      path: '/crm/v3/properties/:objectType',
      limit: 'standard',
      // The standard properties are never archived, so `archived=true` lists none.
      handler: (req) => ({
        status: 200,
        body: { results: boolQuery(req, 'archived') ? [] : allProperties(objectTypeParam(req)).map((p, i) => propertyToApi(p, i)) },
      }),
    },
    {
      method: 'GET',
      path: '/crm/v3/properties/:objectType/:propertyName',
      limit: 'standard',
      handler: (req) => {
        const type = objectTypeParam(req);
        const name = req.params.propertyName ?? '';
        const all = allProperties(type);
        const index = all.findIndex((p) => p.name === name);
        const def = all[index];
        if (!def) throw notFound(`Property ${name} does not exist on ${type}.`, { propertyName: [name] });
        return { status: 200, body: propertyToApi(def, index) };
      },
    },
  ];
}
