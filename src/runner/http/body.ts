// Reading a request body with a size limit, and answering JSON.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { redactSecrets } from '../../log/redact.js';

/** The push endpoint's body limit: 1 MiB. */
export const BODY_LIMIT = 1024 * 1024;

/** The body was larger than the limit. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`the request body is larger than ${limit} bytes`);
  }
}

/**
 * Reads and drops the rest of a refused body, keeping the connection open, so that a client
 * still sending gets to read the 413 (a server that closes early makes it fail with EPIPE or
 * a reset instead). Past 16 times the limit the connection is cut: nobody waits forever.
 */
function discardRest(req: IncomingMessage, limit: number): void {
  let dropped = 0;
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > DISCARD_FACTOR * limit) req.socket.destroy();
  });
  req.resume();
}

const DISCARD_FACTOR = 16;

/** Reads the whole body, refusing (without buffering it) one larger than `limit` bytes. */
export function readBody(req: IncomingMessage, limit = BODY_LIMIT): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      discardRest(req, limit);
      reject(new BodyTooLargeError(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        discardRest(req, limit);
        reject(new BodyTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Answers `body` as JSON (secrets scrubbed) with `status`. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = redactSecrets(`${JSON.stringify(body, null, 2)}\n`);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store', ...headers });
  res.end(text);
}

/** Answers a JSON error `{ error: { code, message, hint } }`. */
export function sendError(res: ServerResponse, status: number, code: string, message: string, extra: { hint?: string; details?: readonly string[]; headers?: Record<string, string> } = {}): void {
  const error = { code, message, ...(extra.hint ? { hint: extra.hint } : {}), ...(extra.details ? { details: extra.details } : {}) };
  sendJson(res, status, { error }, extra.headers);
}
