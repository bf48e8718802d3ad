// Associations v4: batch read, create, archive and label removal between contacts, companies
// and deals, with HubSpot's defined type ids. associations-api.ts serves them to the engine as
// the Connector's associations API; the connector also offers them as its own methods.
import { SyncctlError } from '../../errors/syncctl-error.js';
import type { FailureCategory } from '../../errors/categories.js';
import { answerFailure, batchErrors, sendWrite, splittable } from './batch-send.js';
import { chunks, mapLimit } from '../../util/concurrency.js';
import { BATCH_SIZE, type HubspotContext } from './context.js';
import { objectPath } from './describe.js';
import { failureError, type HubspotFailure } from './errors.js';

/** The HubSpot-defined type ids of one direction: unlabeled, and primary where HubSpot has one. */
export interface AssociationTypeIds {
  unlabeled: number;
  primary?: number;
}

/**
 * HubSpot's defined association types (category HUBSPOT_DEFINED): contact→company 1 primary /
 * 279 unlabeled, company→contact 2 / 280, deal→company 5 / 341, company→deal 6 / 342,
 * deal→contact 3, contact→deal 4.
 */
export const ASSOCIATION_TYPES: Readonly<Record<string, AssociationTypeIds>> = {
  'contacts->companies': { primary: 1, unlabeled: 279 },
  'companies->contacts': { primary: 2, unlabeled: 280 },
  'deals->companies': { primary: 5, unlabeled: 341 },
  'companies->deals': { primary: 6, unlabeled: 342 },
  'deals->contacts': { unlabeled: 3 },
  'contacts->deals': { unlabeled: 4 },
};

/** The type ids from `from` to `to`; throws `hubspot_unknown_association` for a pair HubSpot does not define. */
export function associationTypeIds(from: string, to: string): AssociationTypeIds {
  const ids = ASSOCIATION_TYPES[`${from}->${to}`];
  if (ids) return ids;
  throw new SyncctlError('hubspot_unknown_association', `HubSpot defines no association type from ${from} to ${to} that syncctl knows.`, {
    hint: `Associations syncctl knows: ${Object.keys(ASSOCIATION_TYPES).join(', ')}.`,
    meta: { from, to },
  });
}

/** One association between two records, with its type ids. */
export interface AssociationLink {
  fromId: string;
  toId: string;
  typeIds: number[];
  /** True when one of the types is the primary type (the primary company of a contact or deal). */
  primary: boolean;
}

/** An association to create or archive. */
export interface AssociationInput {
  fromId: string;
  toId: string;
  /** Create the primary type too (contact→company, deal→company and their reverse only). */
  primary?: boolean;
}

/** The outcome of one association write. */
export type AssociationResult =
  | { ok: true; fromId: string; toId: string }
  | { ok: false; fromId: string; toId: string; category: FailureCategory; message: string; retryable: boolean };

function failedLink(input: AssociationInput, f: HubspotFailure): AssociationResult {
  return { ok: false, fromId: input.fromId, toId: input.toId, category: f.category, message: f.message, retryable: f.retryable };
}

const base = (from: string, to: string): string => `/crm/v4/associations/${objectPath(from)}/${objectPath(to)}/batch`;

/** Every association from each of `fromIds` to records of `to` (records without any are left out). */
export async function readAssociations(ctx: HubspotContext, from: string, to: string, fromIds: readonly string[]): Promise<AssociationLink[]> {
  const ids = associationTypeIds(from, to);
  const action = `read ${from}→${to} associations`;
  const links = new Map<string, AssociationLink[]>();
  const read = async (inputs: Array<{ id: string; after?: string }>): Promise<void> => {
    const answer = await ctx.http.send({ method: 'POST', path: `${base(from, to)}/read`, body: { inputs }, action });
    if (answer.status !== 200 && answer.status !== 207) throw failureError(answerFailure(answer), ctx.connection, action);
    const more: Array<{ id: string; after: string }> = [];
    const results = (answer.body as { results?: unknown } | null)?.results;
    for (const raw of Array.isArray(results) ? results : []) {
      const r = raw as { from?: { id?: unknown }; to?: unknown; paging?: { next?: { after?: unknown } } };
      const fromId = String(r.from?.id ?? '');
      const list = links.get(fromId) ?? [];
      for (const t of Array.isArray(r.to) ? r.to : []) {
        const target = t as { toObjectId?: unknown; associationTypes?: unknown };
        const typeIds = (Array.isArray(target.associationTypes) ? target.associationTypes : []).flatMap((s: unknown) => {
          const typeId = (s as { typeId?: unknown } | null)?.typeId;
          return typeof typeId === 'number' ? [typeId] : [];
        });
        list.push({ fromId, toId: String(target.toObjectId), typeIds, primary: ids.primary !== undefined && typeIds.includes(ids.primary) });
      }
      links.set(fromId, list);
      const after = r.paging?.next?.after;
      if (typeof after === 'string' && after !== '') more.push({ id: fromId, after });
    }
    // A record with more associations than one answer holds is read on from its own cursor.
    if (more.length > 0) await read(more);
  };
  const unique = [...new Set(fromIds)];
  await mapLimit(chunks(unique, BATCH_SIZE), ctx.concurrency, (chunk) => read(chunk.map((id) => ({ id }))));
  return unique.flatMap((id) => links.get(id) ?? []);
}

async function createChunk(ctx: HubspotContext, from: string, to: string, items: Array<{ index: number; input: AssociationInput }>, out: AssociationResult[]): Promise<void> {
  const ids = associationTypeIds(from, to);
  const spec = (typeId: number) => ({ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: typeId });
  const outcome = await sendWrite(ctx, {
    method: 'POST',
    path: `${base(from, to)}/create`,
    body: {
      inputs: items.map(({ input }) => ({
        from: { id: input.fromId },
        to: { id: input.toId },
        types: input.primary && ids.primary !== undefined ? [spec(ids.primary), spec(ids.unlabeled)] : [spec(ids.unlabeled)],
      })),
    },
    action: `associate ${from} with ${to}`,
  });
  if (outcome.failure) {
    for (const { index, input } of items) out[index] = failedLink(input, outcome.failure);
    return;
  }
  const { answer } = outcome;
  if (answer.status === 200 || answer.status === 201 || answer.status === 207) {
    const done = new Set<string>();
    const results = (answer.body as { results?: unknown } | null)?.results;
    for (const raw of Array.isArray(results) ? results : []) {
      const r = raw as { fromObjectId?: unknown; toObjectId?: unknown };
      done.add(`${String(r.fromObjectId)}->${String(r.toObjectId)}`);
    }
    const errors = batchErrors(answer.body, answer.headers.get('x-hubspot-correlation-id'));
    for (const { index, input } of items) {
      if (done.has(`${input.fromId}->${input.toId}`)) {
        out[index] = { ok: true, fromId: input.fromId, toId: input.toId };
        continue;
      }
      // An error entry names the pair in its context; failing that, the first error stands for all.
      const named = errors.find((e) => e.context.fromObjectId?.includes(input.fromId) && (e.context.toObjectId?.includes(input.toId) ?? true));
      const failure = (named ?? errors[0])?.failure ?? { category: 'unknown', message: 'HubSpot answered without this association.', retryable: true, status: answer.status };
      out[index] = failedLink(input, failure);
    }
    return;
  }
  if (splittable(answer.status, items.length)) {
    const half = Math.ceil(items.length / 2);
    await createChunk(ctx, from, to, items.slice(0, half), out);
    await createChunk(ctx, from, to, items.slice(half), out);
    return;
  }
  const failure = answerFailure(answer);
  for (const { index, input } of items) out[index] = failedLink(input, failure);
}

/** Creates associations (unlabeled, plus the primary type where asked); one result per input, in order. */
export async function createAssociations(ctx: HubspotContext, from: string, to: string, inputs: readonly AssociationInput[]): Promise<AssociationResult[]> {
  associationTypeIds(from, to);
  const out = new Array<AssociationResult>(inputs.length);
  const items = inputs.map((input, index) => ({ index, input }));
  await mapLimit(chunks(items, BATCH_SIZE), ctx.concurrency, (chunk) => createChunk(ctx, from, to, chunk, out));
  return out;
}

/** Removes every association type between each pair; one result per input, in order. */
export async function archiveAssociations(ctx: HubspotContext, from: string, to: string, inputs: readonly AssociationInput[]): Promise<AssociationResult[]> {
  associationTypeIds(from, to);
  const out = new Array<AssociationResult>(inputs.length);
  const items = inputs.map((input, index) => ({ index, input }));
  await mapLimit(chunks(items, BATCH_SIZE), ctx.concurrency, async (chunk) => {
    const byFrom = new Map<string, string[]>();
    for (const { input } of chunk) byFrom.set(input.fromId, [...(byFrom.get(input.fromId) ?? []), input.toId]);
    const outcome = await sendWrite(ctx, {
      method: 'POST',
      path: `${base(from, to)}/archive`,
      body: { inputs: [...byFrom].map(([fromId, toIds]) => ({ from: { id: fromId }, to: toIds.map((id) => ({ id })) })) },
      action: `remove ${from}→${to} associations`,
    });
    const failure = outcome.failure ?? (outcome.answer.status >= 300 ? answerFailure(outcome.answer) : undefined);
    for (const { index, input } of chunk) out[index] = failure ? failedLink(input, failure) : { ok: true, fromId: input.fromId, toId: input.toId };
  });
  return out;
}

/**
 * Removes the primary label (type) from each pair, which stays associated unlabeled; pairs
 * without the label succeed. One result per input, in order. Kinds without a primary type
 * have nothing to remove: every input succeeds without a request.
 */
export async function removePrimaryLabels(ctx: HubspotContext, from: string, to: string, inputs: readonly AssociationInput[]): Promise<AssociationResult[]> {
  const primary = associationTypeIds(from, to).primary;
  const out = inputs.map((input): AssociationResult => ({ ok: true, fromId: input.fromId, toId: input.toId }));
  if (primary === undefined) return out;
  const items = inputs.map((input, index) => ({ index, input }));
  await mapLimit(chunks(items, BATCH_SIZE), ctx.concurrency, async (chunk) => {
    const outcome = await sendWrite(ctx, {
      method: 'POST',
      path: `${base(from, to)}/labels/archive`,
      body: { inputs: chunk.map(({ input }) => ({ from: { id: input.fromId }, to: { id: input.toId }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: primary }] })) },
      action: `remove the primary label of ${from}→${to} associations`,
    });
    const failure = outcome.failure ?? (outcome.answer.status >= 300 ? answerFailure(outcome.answer) : undefined);
    if (failure) for (const { index, input } of chunk) out[index] = failedLink(input, failure);
  });
  return out;
}
