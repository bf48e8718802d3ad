// Reading a request body as JSON, with HubSpot-style 400s for bodies that are not JSON.
import type { IncomingMessage } from 'node:http';
import { HubspotApiError, validationError } from '../errors.js';

/** Bodies larger than this are refused (HubSpot's own limit is in the same range). */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** The raw body text; rejects with 413 when it is too large. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new HubspotApiError(413, 'VALIDATION_ERROR', `The request body is larger than ${MAX_BODY_BYTES} bytes.`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The parsed JSON of `text`; undefined for an empty body. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw validationError(`Invalid input JSON: ${(err as Error).message}`);
  }
}
