// update(): `POST /crm/v3/objects/{type}/batch/update` in chunks of 100. Missing records come
// back per input in a 207; an invalid value refuses the whole batch (400), which is then split
// until the bad input stands alone. HubSpot refuses a batch naming one id twice, so a repeated
// id goes to a later round, after the earlier update of the same record.
import type { UpdateInput, WriteResult } from '../types.js';
import { answerFailure, failed, multiStatusFailures, sendWrite, splittable } from './batch-send.js';
import { chunks, mapLimit } from '../../util/concurrency.js';
import { BATCH_SIZE, type HubspotContext } from './context.js';
import { objectPath } from './describe.js';
import { lastModifiedOf, resultsOf, toHubspotProperties } from './values.js';

interface Item {
  index: number;
  input: UpdateInput;
}

/** Splits inputs into rounds in which every id appears once; later occurrences go to later rounds. */
export function roundsOfDistinctIds<T extends { input: { id: string } }>(items: readonly T[]): T[][] {
  const rounds: T[][] = [];
  const seen = new Map<string, number>();
  for (const item of items) {
    const round = seen.get(item.input.id) ?? 0;
    seen.set(item.input.id, round + 1);
    (rounds[round] ??= []).push(item);
  }
  return rounds;
}

async function updateChunk(ctx: HubspotContext, object: string, items: readonly Item[], out: WriteResult[]): Promise<void> {
  const outcome = await sendWrite(ctx, {
    method: 'POST',
    path: `/crm/v3/objects/${objectPath(object)}/batch/update`,
    body: { inputs: items.map(({ input }) => ({ id: input.id, properties: toHubspotProperties(input.properties) })) },
    action: `update ${object}`,
  });
  if (outcome.failure) {
    for (const { index, input } of items) out[index] = failed(outcome.failure, { id: input.id });
    return;
  }
  const { answer } = outcome;
  if (answer.status === 200 || answer.status === 207) {
    const updated = new Map(resultsOf(answer.body).map((obj) => [obj.id, obj]));
    const failures = multiStatusFailures(answer.body, answer.headers.get('x-hubspot-correlation-id'));
    for (const { index, input } of items) {
      const obj = updated.get(input.id);
      const failure = failures.get(input.id);
      if (obj && !failure) out[index] = { ok: true, id: input.id, updatedAt: lastModifiedOf(obj) };
      else out[index] = failed(failure ?? { category: 'unknown', message: `HubSpot answered ${answer.status} without this record.`, retryable: true, status: answer.status }, { id: input.id });
    }
    return;
  }
  if (splittable(answer.status, items.length)) {
    const half = Math.ceil(items.length / 2);
    await updateChunk(ctx, object, items.slice(0, half), out);
    await updateChunk(ctx, object, items.slice(half), out);
    return;
  }
  const failure = answerFailure(answer);
  for (const { index, input } of items) out[index] = failed(failure, { id: input.id });
}

/** Updates records; one result per input, in input order. */
export async function updateRecords(ctx: HubspotContext, object: string, inputs: readonly UpdateInput[]): Promise<WriteResult[]> {
  const out = new Array<WriteResult>(inputs.length);
  const items: Item[] = [];
  inputs.forEach((input, index) => {
    // HubSpot's ids are numbers: anything else names no record there.
    if (/^\d+$/.test(input.id)) items.push({ index, input });
    else out[index] = failed({ category: 'not_found', message: `"${input.id}" is not a HubSpot record id.`, retryable: false, status: 404 }, { id: input.id });
  });
  for (const round of roundsOfDistinctIds(items)) {
    await mapLimit(chunks(round, BATCH_SIZE), ctx.concurrency, (chunk) => updateChunk(ctx, object, chunk, out));
  }
  return out;
}
