// The objects API's batch endpoints: read, create, update, archive (at most 100 inputs each).
import { requestedProperties, toApiObject } from '../crm/serialize.js';
import { notFound, validationError } from '../errors.js';
import type { Route } from '../http/types.js';
import { upperName } from '../object-types.js';
import { type RouteDeps, batchInputs, batchResponse, boolQuery, bodyObject, idOf, objectTypeParam, standardError } from './common.js';

const BASE = '/crm/v3/objects/:objectType/batch';

function stringList(raw: unknown, where: string): string[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw) || raw.some((v) => typeof v !== 'string')) throw validationError(`Invalid input JSON: ${where} must be an array of strings.`);
  return raw as string[];
}

/** The routes of `/crm/v3/objects/{objectType}/batch/…`. */
export function batchRoutes({ crm }: RouteDeps): Route[] {
  return [
    {
      method: 'POST',
      path: `${BASE}/read`,
      limit: 'standard',
      handler: (req) => {
        const startedAt = new Date().toISOString();
        const type = objectTypeParam(req);
        const inputs = batchInputs(req);
        const body = bodyObject(req, 'an object with "inputs"');
        const idProperty = typeof body.idProperty === 'string' && body.idProperty !== '' ? body.idProperty : undefined;
        const names = requestedProperties(type, stringList(body.properties, 'properties'));
        const archived = boolQuery(req, 'archived');
        const found = new Map<string, ReturnType<typeof toApiObject>>();
        const missing: string[] = [];
        inputs.forEach((input, i) => {
          const id = idOf((input as { id?: unknown } | null)?.id, `inputs[${i}].id`);
          const record = crm.find(type, id, { archived, idProperty });
          if (record) found.set(record.id, toApiObject(record, names));
          else missing.push(id);
        });
        const errors =
          missing.length === 0
            ? []
            : [standardError(notFound(`Could not get some ${upperName(type)} objects, they may be deleted or not exist. Check that ids are valid.`), { ids: missing })];
        return batchResponse(200, [...found.values()], errors, startedAt);
      },
    },
    {
      method: 'POST',
      path: `${BASE}/create`,
      limit: 'standard',
      handler: (req) => {
        const startedAt = new Date().toISOString();
        const type = objectTypeParam(req);
        const inputs = batchInputs(req).map((input, i) => {
          if (input === null || typeof input !== 'object') throw validationError(`Invalid input JSON: inputs[${i}] must be an object with "properties".`);
          const { properties, associations } = input as { properties?: unknown; associations?: unknown };
          return { properties, associations };
        });
        const created = crm.createMany(type, inputs);
        return batchResponse(201, created.map((r) => toApiObject(r, 'all')), [], startedAt);
      },
    },
    {
      method: 'POST',
      path: `${BASE}/update`,
      limit: 'standard',
      handler: (req) => {
        const startedAt = new Date().toISOString();
        const type = objectTypeParam(req);
        const inputs = batchInputs(req).map((input, i) => {
          const item = (input ?? {}) as { id?: unknown; properties?: unknown; idProperty?: unknown };
          const idProperty = typeof item.idProperty === 'string' && item.idProperty !== '' ? item.idProperty : undefined;
          return { id: idOf(item.id, `inputs[${i}].id`), properties: item.properties, idProperty };
        });
        const { results, failures } = crm.updateMany(type, inputs);
        const notFoundIds = failures.filter((f) => f.error.category === 'OBJECT_NOT_FOUND').map((f) => f.id);
        const errors = [
          ...(notFoundIds.length === 0
            ? []
            : [standardError(notFound(`Could not update some ${upperName(type)} objects, they may be deleted or not exist. Check that ids are valid.`), { ids: notFoundIds })]),
          ...failures.filter((f) => f.error.category !== 'OBJECT_NOT_FOUND').map((f) => standardError(f.error, { ids: [f.id] })),
        ];
        return batchResponse(200, results.map((r) => toApiObject(r, 'all')), errors, startedAt);
      },
    },
    {
      method: 'POST',
      path: `${BASE}/archive`,
      limit: 'standard',
      handler: (req) => {
        const type = objectTypeParam(req);
        const ids = batchInputs(req).map((input, i) => idOf((input as { id?: unknown } | null)?.id, `inputs[${i}].id`));
        crm.store.transaction(() => ids.forEach((id) => crm.archive(type, id)));
        return { status: 204 };
      },
    },
  ];
}
