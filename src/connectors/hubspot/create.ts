// create(): `POST /crm/v3/objects/{type}/batch/create` in chunks of 100. HubSpot refuses such a
// batch as a whole when one input is invalid or (contacts) its email exists already, so a
// refused batch is split in halves and retried until each bad input stands alone: one bad
// record never fails the others. A 409 "Contact already exists. Existing ID: N" becomes
// conflict_at_app with existingId N, so the engine can link to that record instead of failing;
// it is also what makes a create retried after a lost answer safe for contacts.
import type { CreateInput, Properties, PropertyValue, WriteResult } from '../types.js';
import { answerFailure, batchErrors, failed, sendWrite, splittable } from './batch-send.js';
import { chunks, mapLimit } from '../../util/concurrency.js';
import { BATCH_SIZE, type HubspotContext } from './context.js';
import { objectPath } from './describe.js';
import { type ApiObject, LAST_MODIFIED, lastModifiedOf, resultsOf, toHubspotProperties } from './values.js';

interface Item {
  index: number;
  input: CreateInput;
}

function looselyEqual(given: PropertyValue, stored: string): boolean {
  const a = String(given).trim();
  const b = stored.trim();
  if (a.toLowerCase() === b.toLowerCase()) return true;
  const na = Number(a);
  const nb = Number(b);
  if (a !== '' && b !== '' && Number.isFinite(na) && Number.isFinite(nb)) return na === nb;
  const ta = Date.parse(a);
  return !Number.isNaN(ta) && ta === Date.parse(b);
}

/** True when a created record holds what the input asked for (HubSpot normalises e.g. emails). */
export function agrees(properties: Properties, obj: ApiObject): boolean {
  for (const [name, value] of Object.entries(properties)) {
    if (value === null || value === '') continue;
    const stored = obj.properties[name];
    if (stored === undefined || stored === null) continue;
    if (!looselyEqual(value, stored)) return false;
  }
  return true;
}

/**
 * Pairs created records with inputs. HubSpot does not promise that batch results come in input
 * order, so each input takes the first unclaimed record that holds its values.
 */
export function matchCreated(inputs: readonly CreateInput[], created: readonly ApiObject[]): Array<ApiObject | undefined> {
  if (inputs.length === created.length && inputs.every((input, i) => agrees(input.properties, created[i] as ApiObject))) return [...created];
  const claimed = new Set<number>();
  return inputs.map((input) => {
    const k = created.findIndex((obj, j) => !claimed.has(j) && agrees(input.properties, obj));
    if (k < 0) return undefined;
    claimed.add(k);
    return created[k];
  });
}

/**
 * After a lost answer, a retried create meets its own first attempt: HubSpot says the contact
 * exists. Contacts found by their email that hold exactly what their input asked for are this
 * create's records (email is unique in HubSpot, so one read answers for the whole batch).
 */
async function earlierWrites(ctx: HubspotContext, object: string, items: readonly Item[]): Promise<Map<number, ApiObject>> {
  const found = new Map<number, ApiObject>();
  const byEmail = new Map<string, Item>();
  for (const item of items) {
    const email = item.input.properties.email;
    if (typeof email === 'string' && email.trim() !== '') byEmail.set(email.trim().toLowerCase(), item);
  }
  if (object !== 'contacts' || byEmail.size === 0) return found;
  const properties = [...new Set(items.flatMap((i) => Object.keys(i.input.properties))), LAST_MODIFIED];
  const outcome = await sendWrite(ctx, {
    method: 'POST',
    path: `/crm/v3/objects/${objectPath(object)}/batch/read`,
    query: { archived: 'false' },
    body: { idProperty: 'email', inputs: [...byEmail.keys()].map((id) => ({ id })), properties, propertiesWithHistory: [] },
    action: `read ${object} by email`,
  });
  for (const obj of outcome.answer ? resultsOf(outcome.answer.body) : []) {
    const item = byEmail.get(String(obj.properties.email ?? '').toLowerCase());
    if (item && agrees(item.input.properties, obj)) found.set(item.index, obj);
  }
  return found;
}

async function createChunk(ctx: HubspotContext, object: string, items: readonly Item[], out: WriteResult[], ambiguous = false): Promise<void> {
  const outcome = await sendWrite(ctx, {
    method: 'POST',
    path: `/crm/v3/objects/${objectPath(object)}/batch/create`,
    body: { inputs: items.map(({ input }) => ({ properties: toHubspotProperties(input.properties), associations: [] })) },
    action: `create ${object}`,
  });
  if (outcome.failure) {
    for (const { index, input } of items) out[index] = failed(outcome.failure, { ref: input.ref });
    return;
  }
  const { answer } = outcome;
  let maybeWritten = ambiguous || answer.ambiguous === true;
  if (answer.status === 200 || answer.status === 201 || answer.status === 207) {
    const matched = matchCreated(items.map((i) => i.input), resultsOf(answer.body));
    const rest = batchErrors(answer.body, answer.headers.get('x-hubspot-correlation-id'))[0]?.failure;
    items.forEach(({ index, input }, k) => {
      const obj = matched[k];
      out[index] = obj
        ? { ok: true, ref: input.ref, id: obj.id, updatedAt: lastModifiedOf(obj) }
        : failed(rest ?? { category: 'unknown', message: `HubSpot answered ${answer.status} without a record for this input.`, retryable: false, status: answer.status }, { ref: input.ref });
    });
    return;
  }
  if (answer.status === 409 && maybeWritten) {
    const own = await earlierWrites(ctx, object, items);
    for (const [index, obj] of own) out[index] = { ok: true, ref: items.find((i) => i.index === index)?.input.ref, id: obj.id, updatedAt: lastModifiedOf(obj) };
    // The rest were not written before: from here on they are created as if for the first time.
    maybeWritten = false;
    if (own.size > 0) {
      const rest = items.filter((i) => !own.has(i.index));
      if (rest.length > 0) await createChunk(ctx, object, rest, out);
      return;
    }
  }
  if (splittable(answer.status, items.length)) {
    const half = Math.ceil(items.length / 2);
    await createChunk(ctx, object, items.slice(0, half), out, maybeWritten);
    await createChunk(ctx, object, items.slice(half), out, maybeWritten);
    return;
  }
  const failure = answerFailure(answer);
  for (const { index, input } of items) out[index] = failed(failure, { ref: input.ref });
}

/** Creates records; one result per input, in input order. */
export async function createRecords(ctx: HubspotContext, object: string, inputs: readonly CreateInput[]): Promise<WriteResult[]> {
  const out = new Array<WriteResult>(inputs.length);
  const items = inputs.map((input, index) => ({ index, input }));
  await mapLimit(chunks(items, BATCH_SIZE), ctx.concurrency, (chunk) => createChunk(ctx, object, chunk, out));
  return out;
}
