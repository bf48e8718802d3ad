// A worker thread of a parallel export (parallel-export.ts): opens the state by itself (and only reads it),
// then reads and formats one range per request, in the order the requests come, and replies with
// the text. A `close` request closes the state once the ranges asked for before it are answered.
import { parentPort, workerData } from 'node:worker_threads';
import { registerSecret } from '../log/redact.js';
import { openHealthState } from './open-state.js';
import type { SerializedError, WorkerData, WorkerReply, WorkerRequest } from './parallel-export.js';
import { rangeFormatter, serializeError } from './parallel-export.js';
import type { RecordRange } from './record-query.js';
import { type FormattedChunk, ROWS_SEPARATOR } from './write-records.js';

const port = parentPort;
if (!port) throw new Error('export-worker.js runs as a worker thread of a syncctl export.');
const job = workerData as WorkerData;
for (const secret of job.secrets) registerSecret(secret);
const opened = openHealthState(job.statePath);
// A state that cannot be opened fails each range asked for (below), not the thread.
opened.catch(() => undefined);
// One range at a time, in the order asked: replies keep that order.
let queue: Promise<unknown> = opened;
let format: ReturnType<typeof rangeFormatter> | undefined;

/** One range as UTF-8 bytes in a buffer of their own, moved to the main thread rather than copied. */
async function formatRange(range: RecordRange): Promise<FormattedChunk> {
  format ??= rangeFormatter((await opened).query, job);
  const texts: string[] = [];
  let rows = 0;
  for await (const chunk of format(range)) {
    texts.push(chunk.text);
    rows += chunk.rows;
  }
  // Encoded straight into one buffer (no joined string first), a buffer of its own: transferable.
  const separator = ROWS_SEPARATOR[job.format];
  const parts = texts.flatMap((t, i) => (i > 0 && separator !== '' ? [separator, t] : [t]));
  const bytes = Buffer.allocUnsafeSlow(parts.reduce((n, t) => n + Buffer.byteLength(t), 0));
  let at = 0;
  for (const t of parts) at += bytes.write(t, at);
  return { text: bytes, rows };
}

port.on('message', (request: WorkerRequest) => {
  if ('close' in request) {
    queue = queue
      .catch(() => undefined)
      .then(async () => (await opened).close())
      .catch(() => undefined)
      .finally(() => port.close());
    return;
  }
  queue = queue
    .catch(() => undefined)
    .then(async () => {
      try {
        const chunk = await formatRange(request.range);
        port.postMessage({ id: request.id, chunk } satisfies WorkerReply, typeof chunk.text === 'string' ? [] : [chunk.text.buffer as ArrayBuffer]);
      } catch (err) {
        const error: SerializedError = serializeError(err);
        try {
          port.postMessage({ id: request.id, error } satisfies WorkerReply);
        } catch {
          // Details that cannot be copied to the main thread: the error still goes, without them.
          const { meta: _meta, ...plain } = error;
          port.postMessage({ id: request.id, error: plain } satisfies WorkerReply);
        }
      }
    });
});
