// How writes talk to HubSpot: a request whose retries ran out becomes a per-record failure
// (the run goes on), while a refused token or a spent daily budget still stops the run.
import type { WriteResult } from '../types.js';
import { failureFrom, failureOfError, type HubspotFailure, parseErrorBody } from './errors.js';
import type { HubspotAnswer, HubspotRequest } from './http-client.js';
import type { HubspotContext } from './context.js';

/** A failed write result. */
export type FailedWrite = Extract<WriteResult, { ok: false }>;

/** The outcome of one batch request: HubSpot's answer, or a failure that may pass later. */
export type BatchOutcome = { answer: HubspotAnswer; failure?: undefined } | { answer?: undefined; failure: HubspotFailure };

/** Sends a write; retryable failures (5xx, timeouts, rate limits after retries) come back as data. */
export async function sendWrite(ctx: HubspotContext, request: HubspotRequest): Promise<BatchOutcome> {
  try {
    return { answer: await ctx.http.send(request) };
  } catch (err) {
    const failure = failureOfError(err);
    if (failure?.retryable) return { failure };
    throw err;
  }
}

/** The failure of a whole answer (an error status). */
export function answerFailure(answer: HubspotAnswer): HubspotFailure {
  return failureFrom(answer.status, parseErrorBody(answer.body, answer.headers.get('x-hubspot-correlation-id')));
}

/** True when a refused batch may hold good inputs besides the bad ones: split it and try again. */
export function splittable(status: number, size: number): boolean {
  return size > 1 && (status === 400 || status === 409);
}

/** A write result for a failed input. */
export function failed(failure: HubspotFailure, where: { ref?: string; id?: string }): FailedWrite {
  return {
    ok: false,
    ...(where.ref === undefined ? {} : { ref: where.ref }),
    ...(where.id === undefined ? {} : { id: where.id }),
    category: failure.category,
    message: failure.message,
    retryable: failure.retryable,
    ...(failure.existingId === undefined ? {} : { existingId: failure.existingId }),
  };
}

const CATEGORY_STATUS: Readonly<Record<string, number>> = {
  OBJECT_NOT_FOUND: 404,
  CONFLICT: 409,
  VALIDATION_ERROR: 400,
  INVALID_AUTHENTICATION: 401,
  MISSING_SCOPES: 403,
  RATE_LIMITS: 429,
};

/** One error entry of a 207 answer. */
export interface BatchError {
  /** The record ids it names (`context.ids`). */
  ids: string[];
  /** Its whole context, e.g. fromObjectId and toObjectId of an association. */
  context: Record<string, string[]>;
  failure: HubspotFailure;
}

/** A 207 answer's error entries: the failure and the record ids each names. */
export function batchErrors(body: unknown, correlationId: string | null): BatchError[] {
  const errors = (body as { errors?: unknown } | null)?.errors;
  return (Array.isArray(errors) ? errors : []).map((raw: unknown) => {
    const e = raw as { category?: unknown; context?: unknown } | null;
    const context: Record<string, string[]> = {};
    if (e?.context && typeof e.context === 'object') {
      for (const [key, value] of Object.entries(e.context)) if (Array.isArray(value)) context[key] = value.map(String);
    }
    const status = typeof e?.category === 'string' ? (CATEGORY_STATUS[e.category] ?? 0) : 0;
    return { ids: context.ids ?? [], context, failure: failureFrom(status, parseErrorBody(raw, correlationId)) };
  });
}

/** A 207 answer's failures by the record ids they name (the first one wins). */
export function multiStatusFailures(body: unknown, correlationId: string | null): Map<string, HubspotFailure> {
  const out = new Map<string, HubspotFailure>();
  for (const { ids, failure } of batchErrors(body, correlationId)) for (const id of ids) if (!out.has(id)) out.set(id, failure);
  return out;
}
