// The objects API v3: list, read, create, update and archive one record.
import type { CrmService } from '../crm/crm-service.js';
import { type ApiObject, requestedProperties, toApiObject } from '../crm/serialize.js';
import { notFound, validationError } from '../errors.js';
import type { ApiRequest, Route } from '../http/types.js';
import { type ObjectTypeName, resolveObjectType } from '../object-types.js';
import type { StoredObject } from '../store/index.js';
import { type RouteDeps, boolQuery, bodyObject, intQuery, objectTypeParam } from './common.js';

const BASE = '/crm/v3/objects/:objectType';

/** Adds the v3 `associations` of each requested type (`associations=companies`) to a record. */
export function withAssociations(crm: CrmService, record: StoredObject, api: ApiObject, req: ApiRequest): ApiObject {
  const wanted = req.query.getAll('associations').flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  const associations: NonNullable<ApiObject['associations']> = {};
  for (const raw of wanted) {
    const toType = resolveObjectType(raw);
    if (!toType) continue;
    const results = crm.associations
      .read(record.type, record.id, toType)
      .flatMap((a) => a.types.map((t) => ({ id: a.toId, type: t.v3Name })));
    if (results.length > 0) associations[toType] = { results };
  }
  return Object.keys(associations).length > 0 ? { ...api, associations } : api;
}

function afterParam(req: ApiRequest): string | undefined {
  const after = req.query.get('after');
  if (after === null || after === '') return undefined;
  if (!/^\d+$/.test(after)) throw validationError(`after must be the paging.next.after of a previous page; got "${after}".`);
  return after;
}

function list(crm: CrmService, type: ObjectTypeName, req: ApiRequest) {
  const limit = intQuery(req, 'limit', 10, 1, 100);
  const page = crm.store.list(type, { archived: boolQuery(req, 'archived'), fromId: afterParam(req), limit: limit + 1 });
  const names = requestedProperties(type, req.query.getAll('properties'));
  const next = page[limit];
  return {
    status: 200,
    body: {
      results: page.slice(0, limit).map((r) => withAssociations(crm, r, toApiObject(r, names), req)),
      ...(next ? { paging: { next: { after: next.id, link: `${req.baseUrl}${req.path}?after=${next.id}` } } } : {}),
    },
  };
}

/** The routes of `/crm/v3/objects/{objectType}` and `/{objectId}`. */
export function objectRoutes({ crm }: RouteDeps): Route[] {
  return [
    { method: 'GET', path: BASE, limit: 'standard', handler: (req) => list(crm, objectTypeParam(req), req) },
    {
      method: 'POST',
      path: BASE,
      limit: 'standard',
      handler: (req) => {
        const type = objectTypeParam(req);
        const body = bodyObject(req, 'an object with "properties"');
        const [record] = crm.createMany(type, [{ properties: body.properties, associations: body.associations }]);
        return { status: 201, body: record ? toApiObject(record, 'all') : undefined };
      },
    },
    {
      method: 'GET',
      path: `${BASE}/:objectId`,
      limit: 'standard',
      handler: (req) => {
        const type = objectTypeParam(req);
        const id = req.params.objectId ?? '';
        const record = crm.find(type, id, { archived: boolQuery(req, 'archived'), idProperty: req.query.get('idProperty') ?? undefined });
        if (!record) throw notFound();
        return { status: 200, body: withAssociations(crm, record, toApiObject(record, requestedProperties(type, req.query.getAll('properties'))), req) };
      },
    },
    {
      method: 'PATCH',
      path: `${BASE}/:objectId`,
      limit: 'standard',
      handler: (req) => {
        const type = objectTypeParam(req);
        const body = bodyObject(req, 'an object with "properties"');
        const record = crm.update(type, req.params.objectId ?? '', body.properties, req.query.get('idProperty') ?? undefined);
        return { status: 200, body: toApiObject(record, 'all') };
      },
    },
    {
      method: 'DELETE',
      path: `${BASE}/:objectId`,
      limit: 'standard',
      handler: (req) => {
        // Archiving a missing or already archived record is not an error, as on HubSpot.
        crm.archive(objectTypeParam(req), req.params.objectId ?? '');
        return { status: 204 };
      },
    },
  ];
}
