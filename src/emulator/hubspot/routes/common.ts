// Helpers the route files share: path and query parameters, batch inputs, and batch responses.
import type { CrmService } from '../crm/crm-service.js';
import { type HubspotApiError, validationError } from '../errors.js';
import type { ApiRequest, ApiResponse } from '../http/types.js';
import { type ObjectTypeName, resolveObjectType } from '../object-types.js';

/** What every route needs. */
export interface RouteDeps {
  crm: CrmService;
}

/** HubSpot's limit on inputs per batch request. */
export const MAX_BATCH_INPUTS = 100;

/** The object type named by the path parameter `name`, or a 400. */
export function objectTypeParam(req: ApiRequest, name = 'objectType'): ObjectTypeName {
  const raw = req.params[name] ?? '';
  const type = resolveObjectType(raw);
  if (!type) throw validationError(`Unable to infer object type from: ${raw}. This emulator serves contacts, companies and deals.`);
  return type;
}

/** A boolean query parameter (`archived=true`). */
export function boolQuery(req: ApiRequest, name: string): boolean {
  const raw = req.query.get(name);
  if (raw === null || raw === '') return false;
  if (raw !== 'true' && raw !== 'false') throw validationError(`Query parameter ${name} must be true or false; got "${raw}".`);
  return raw === 'true';
}

/** An integer query parameter within [min, max]. */
export function intQuery(req: ApiRequest, name: string, fallback: number, min: number, max: number): number {
  const raw = req.query.get(name);
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw validationError(`Query parameter ${name} must be an integer from ${min} to ${max}; got "${raw}".`);
  }
  return n;
}

/** The body as a JSON object, or a 400 naming what was expected. */
export function bodyObject(req: ApiRequest, what: string): Record<string, unknown> {
  const body = req.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw validationError(`Invalid input JSON: the request body must be ${what}.`);
  }
  return body as Record<string, unknown>;
}

/** A batch body's `inputs`, at most 100 of them. */
export function batchInputs(req: ApiRequest): unknown[] {
  const inputs = bodyObject(req, 'an object with an "inputs" array').inputs;
  if (!Array.isArray(inputs)) throw validationError('Invalid input JSON: "inputs" must be an array.');
  if (inputs.length > MAX_BATCH_INPUTS) {
    throw validationError(`Too many inputs: a batch request takes at most ${MAX_BATCH_INPUTS}; got ${inputs.length}. Split it into several requests.`);
  }
  return inputs;
}

/** An id given as a string or a number, or a 400. */
export function idOf(value: unknown, where: string): string {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  throw validationError(`Invalid input JSON: ${where} must be a record id (a string).`);
}

/** One failed input group of a batch, in HubSpot's StandardError shape. */
export function standardError(error: HubspotApiError, context: Record<string, string[]>): Record<string, unknown> {
  return {
    status: 'error',
    category: error.category,
    message: error.message,
    context,
    errors: [],
    links: {},
    ...(error.extras.subCategory === undefined ? {} : { subCategory: error.extras.subCategory }),
  };
}

/** A batch answer: `okStatus` when nothing failed, 207 with `errors` when something did. */
export function batchResponse(okStatus: number, results: unknown[], errors: Array<Record<string, unknown>>, startedAt: string): ApiResponse {
  const completedAt = new Date().toISOString();
  const body: Record<string, unknown> = { status: 'COMPLETE', results, startedAt, completedAt };
  if (errors.length === 0) return { status: okStatus, body };
  return { status: 207, body: { ...body, numErrors: errors.length, errors } };
}
