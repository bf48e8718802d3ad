// read(): `POST /crm/v3/objects/{type}/batch/read` in chunks of 100, side by side. Ids HubSpot
// does not know come back as a 207 error entry and are left out of the result.
import type { RemoteRecord } from '../types.js';
import { chunks, mapLimit } from '../../util/concurrency.js';
import { BATCH_SIZE, type HubspotContext, fieldTypes, propertiesToRequest } from './context.js';
import { objectPath } from './describe.js';
import { failureError, failureFrom, parseErrorBody } from './errors.js';
import { resultsOf, toRemoteRecord } from './values.js';

/** The records with these ids, in the order asked for (each once); unknown ids are left out. */
export async function readRecords(ctx: HubspotContext, object: string, ids: readonly string[], requested?: readonly string[]): Promise<RemoteRecord[]> {
  // HubSpot's record ids are numbers: anything else cannot name a record there.
  const wanted = [...new Set(ids)].filter((id) => /^\d+$/.test(id));
  if (wanted.length === 0) return [];
  const properties = await propertiesToRequest(ctx, object, requested);
  const types = await fieldTypes(ctx, object);
  const action = `read ${object}`;
  const found = new Map<string, RemoteRecord>();
  await mapLimit(chunks(wanted, BATCH_SIZE), ctx.concurrency, async (chunk) => {
    const answer = await ctx.http.send({
      method: 'POST',
      path: `/crm/v3/objects/${objectPath(object)}/batch/read`,
      query: { archived: 'false' },
      body: { inputs: chunk.map((id) => ({ id })), properties, propertiesWithHistory: [] },
      action,
    });
    // A batch of only unknown ids may be answered 404 as a whole.
    if (answer.status === 404) return;
    if (answer.status !== 200 && answer.status !== 207) {
      throw failureError(failureFrom(answer.status, parseErrorBody(answer.body, answer.headers.get('x-hubspot-correlation-id'))), ctx.connection, action);
    }
    for (const obj of resultsOf(answer.body)) found.set(obj.id, toRemoteRecord(obj, types));
  });
  return wanted.flatMap((id) => found.get(id) ?? []);
}
