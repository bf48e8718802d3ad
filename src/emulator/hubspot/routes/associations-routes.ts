// The associations API v4: batch read/create/archive, default (unlabeled) associations, label
// removal, and the per-record endpoints.
import { HUBSPOT_DEFINED } from '../crm/association-types.js';
import type { AssociatedRecord } from '../crm/associations.js';
import type { CrmService } from '../crm/crm-service.js';
import { HubspotApiError, notFound, validationError } from '../errors.js';
import type { ApiRequest, Route } from '../http/types.js';
import { type ObjectTypeName, objectTypeId, singularName } from '../object-types.js';
import { type RouteDeps, batchInputs, batchResponse, idOf, intQuery, objectTypeParam, standardError } from './common.js';

const BATCH = '/crm/v4/associations/:fromObjectType/:toObjectType/batch';
const RECORD = '/crm/v4/objects/:objectType/:objectId/associations/:toObjectType';

function pair(req: ApiRequest): [ObjectTypeName, ObjectTypeName] {
  return [objectTypeParam(req, 'fromObjectType'), objectTypeParam(req, 'toObjectType')];
}

/** v4's view of associated records: numeric toObjectId and a null label when unlabeled, as HubSpot answers. */
function toV4(records: AssociatedRecord[]) {
  return records.map((r) => ({
    toObjectId: Number(r.toId),
    associationTypes: r.types.map((t) => ({ category: HUBSPOT_DEFINED, typeId: t.typeId, label: t.label })),
  }));
}

function labelsBetween(crm: CrmService, from: ObjectTypeName, fromId: string, to: ObjectTypeName, toId: string) {
  const types = crm.associations.read(from, fromId, to).find((r) => r.toId === toId)?.types ?? [];
  return {
    fromObjectTypeId: objectTypeId(from),
    fromObjectId: fromId,
    toObjectTypeId: objectTypeId(to),
    toObjectId: toId,
    labels: types.flatMap((t) => (t.label === null ? [] : [t.label])),
  };
}

function requireRecord(crm: CrmService, type: ObjectTypeName, id: string): void {
  if (!crm.find(type, id)) throw notFound(`The ${type} record ${id} does not exist.`, { ids: [id] });
}

function specTypeIds(raw: unknown, where: string): unknown[] {
  if (!Array.isArray(raw) || raw.length === 0) throw validationError(`Invalid input JSON: ${where} must be a non-empty array of association specs.`);
  return raw.map((spec: unknown, i) => {
    const s = spec as { associationCategory?: unknown; associationTypeId?: unknown } | null;
    if (s?.associationCategory !== HUBSPOT_DEFINED) {
      throw validationError(`${where}[${i}].associationCategory must be HUBSPOT_DEFINED (the only category this emulator implements).`);
    }
    return s.associationTypeId;
  });
}

function defaultResults(crm: CrmService, from: ObjectTypeName, fromId: string, to: ObjectTypeName, toId: string) {
  const def = crm.associations.resolveDefault(from, to);
  crm.associations.associate(def, fromId, toId);
  const spec = (typeId: number) => ({ associationCategory: HUBSPOT_DEFINED, associationTypeId: typeId });
  return [
    { from: { id: fromId }, to: { id: toId }, associationSpec: spec(def.typeId) },
    { from: { id: toId }, to: { id: fromId }, associationSpec: spec(def.inverse) },
  ];
}

/** The associations v4 routes. */
export function associationRoutes({ crm }: RouteDeps): Route[] {
  return [
    {
      method: 'POST',
      path: `${BATCH}/read`,
      limit: 'standard',
      handler: (req) => {
        const startedAt = new Date().toISOString();
        const [from, to] = pair(req);
        const results: unknown[] = [];
        const errors: Array<Record<string, unknown>> = [];
        batchInputs(req).forEach((input, i) => {
          const id = idOf((input as { id?: unknown } | null)?.id, `inputs[${i}].id`);
          const found = crm.find(from, id) ? crm.associations.read(from, id, to) : [];
          if (found.length > 0) {
            results.push({ from: { id }, to: toV4(found) });
            return;
          }
          const error = new HubspotApiError(404, 'OBJECT_NOT_FOUND', `No ${singularName(to)} is associated with ${singularName(from)} ${id}.`, {
            subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND',
          });
          errors.push(standardError(error, { fromObjectId: [id] }));
        });
        return batchResponse(200, results, errors, startedAt);
      },
    },
    {
      method: 'POST',
      path: `${BATCH}/create`,
      limit: 'standard',
      handler: (req) => {
        const startedAt = new Date().toISOString();
        const [from, to] = pair(req);
        const planned = batchInputs(req).map((input, i) => {
          const item = (input ?? {}) as { from?: { id?: unknown }; to?: { id?: unknown }; types?: unknown };
          const fromId = idOf(item.from?.id, `inputs[${i}].from.id`);
          const toId = idOf(item.to?.id, `inputs[${i}].to.id`);
          const defs = specTypeIds(item.types, `inputs[${i}].types`).map((t) => crm.associations.resolveType(from, to, t));
          return { fromId, toId, defs };
        });
        const results: unknown[] = [];
        const errors: Array<Record<string, unknown>> = [];
        crm.store.transaction(() => {
          for (const { fromId, toId, defs } of planned) {
            if (!crm.find(from, fromId) || !crm.find(to, toId)) {
              const missing = !crm.find(from, fromId) ? `${from} ${fromId}` : `${to} ${toId}`;
              errors.push(standardError(notFound(`Cannot associate: the ${missing} record does not exist.`), { fromObjectId: [fromId], toObjectId: [toId] }));
              continue;
            }
            for (const def of defs) crm.associations.associate(def, fromId, toId);
            results.push(labelsBetween(crm, from, fromId, to, toId));
          }
        });
        return batchResponse(201, results, errors, startedAt);
      },
    },
    {
      method: 'POST',
      path: `${BATCH}/associate/default`,
      limit: 'standard',
      handler: (req) => {
        const startedAt = new Date().toISOString();
        const [from, to] = pair(req);
        const inputs = batchInputs(req).map((input, i) => {
          const item = (input ?? {}) as { from?: { id?: unknown }; to?: { id?: unknown } };
          return { fromId: idOf(item.from?.id, `inputs[${i}].from.id`), toId: idOf(item.to?.id, `inputs[${i}].to.id`) };
        });
        const results: unknown[] = [];
        const errors: Array<Record<string, unknown>> = [];
        crm.store.transaction(() => {
          for (const { fromId, toId } of inputs) {
            if (crm.find(from, fromId) && crm.find(to, toId)) results.push(...defaultResults(crm, from, fromId, to, toId));
            else errors.push(standardError(notFound(`Cannot associate ${from} ${fromId} with ${to} ${toId}: a record does not exist.`), { fromObjectId: [fromId], toObjectId: [toId] }));
          }
        });
        // The spec allows only 200 here; failed inputs are reported in `errors` all the same.
        const response = batchResponse(200, results, errors, startedAt);
        return { ...response, status: 200 };
      },
    },
    {
      method: 'POST',
      path: `${BATCH}/archive`,
      limit: 'standard',
      handler: (req) => {
        const [from, to] = pair(req);
        const inputs = batchInputs(req).map((input, i) => {
          const item = (input ?? {}) as { from?: { id?: unknown }; to?: unknown };
          if (!Array.isArray(item.to)) throw validationError(`Invalid input JSON: inputs[${i}].to must be an array of { "id" }.`);
          const toIds = item.to.map((t: unknown, j) => idOf((t as { id?: unknown } | null)?.id, `inputs[${i}].to[${j}].id`));
          return { fromId: idOf(item.from?.id, `inputs[${i}].from.id`), toIds };
        });
        crm.store.transaction(() => {
          for (const { fromId, toIds } of inputs) for (const toId of toIds) crm.associations.removeAll(from, fromId, to, toId);
        });
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      path: `${BATCH}/labels/archive`,
      limit: 'standard',
      handler: (req) => {
        const [from, to] = pair(req);
        const planned = batchInputs(req).map((input, i) => {
          const item = (input ?? {}) as { from?: { id?: unknown }; to?: { id?: unknown }; types?: unknown };
          const defs = specTypeIds(item.types, `inputs[${i}].types`).map((t) => crm.associations.resolveType(from, to, t));
          return { fromId: idOf(item.from?.id, `inputs[${i}].from.id`), toId: idOf(item.to?.id, `inputs[${i}].to.id`), defs };
        });
        crm.store.transaction(() => {
          for (const { fromId, toId, defs } of planned) for (const def of defs) crm.associations.removeType(def, fromId, toId);
        });
        return { status: 204 };
      },
    },
    {
      method: 'GET',
      path: RECORD,
      limit: 'standard',
      handler: (req) => {
        const from = objectTypeParam(req);
        const to = objectTypeParam(req, 'toObjectType');
        const id = req.params.objectId ?? '';
        const limit = intQuery(req, 'limit', 500, 1, 500);
        const offset = intQuery(req, 'after', 0, 0, Number.MAX_SAFE_INTEGER);
        const all = crm.find(from, id) ? crm.associations.read(from, id, to) : [];
        const page = toV4(all.slice(offset, offset + limit));
        const next = offset + limit < all.length ? { paging: { next: { after: String(offset + limit) } } } : {};
        return { status: 200, body: { results: page, ...next } };
      },
    },
    {
      method: 'PUT',
      path: '/crm/v4/objects/:fromObjectType/:fromObjectId/associations/default/:toObjectType/:toObjectId',
      limit: 'standard',
      handler: (req) => {
        const startedAt = new Date().toISOString();
        const [from, to] = pair(req);
        const fromId = req.params.fromObjectId ?? '';
        const toId = req.params.toObjectId ?? '';
        requireRecord(crm, from, fromId);
        requireRecord(crm, to, toId);
        return batchResponse(200, crm.store.transaction(() => defaultResults(crm, from, fromId, to, toId)), [], startedAt);
      },
    },
    {
      method: 'PUT',
      path: `${RECORD}/:toObjectId`,
      limit: 'standard',
      handler: (req) => {
        const from = objectTypeParam(req);
        const to = objectTypeParam(req, 'toObjectType');
        const fromId = req.params.objectId ?? '';
        const toId = req.params.toObjectId ?? '';
        const defs = specTypeIds(req.body, 'the request body').map((t) => crm.associations.resolveType(from, to, t));
        requireRecord(crm, from, fromId);
        requireRecord(crm, to, toId);
        crm.store.transaction(() => defs.forEach((def) => crm.associations.associate(def, fromId, toId)));
        return { status: 201, body: labelsBetween(crm, from, fromId, to, toId) };
      },
    },
    {
      method: 'DELETE',
      path: `${RECORD}/:toObjectId`,
      limit: 'standard',
      handler: (req) => {
        const from = objectTypeParam(req);
        const to = objectTypeParam(req, 'toObjectType');
        crm.store.transaction(() => crm.associations.removeAll(from, req.params.objectId ?? '', to, req.params.toObjectId ?? ''));
        return { status: 204 };
      },
    },
  ];
}
