// A streamed export (CSV, JSON, NDJSON) read and formatted by worker threads: the record listing
// is cut into ranges of RANGE_RECORDS (RecordQuery.recordRanges, one read of the index each),
// each range read and formatted by this thread or one of the workers (each over its own
// connection to the state file, which it only reads), and the formatted chunks written in listing order. At 1M contacts (3.3M rows) one
// thread spends about as long in SQLite's reads as in making the rows and their text, so two
// threads on two cores export in about half the time. The output is byte for byte what the
// single-threaded path writes (the same formatRows on the same pages); memory stays bounded by
// the chunks in flight (two per worker).
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Sync } from '../config/model.js';
import { SyncctlError } from '../errors/syncctl-error.js';
import { registeredSecrets } from '../log/redact.js';
import type { RecordFilter, RecordQuery, RecordRange } from './record-query.js';
import { type RecordColumn, recordRowMapper } from './record-view.js';
import { type CsvFormulas, type FormattedChunk, type StreamFormat, formatRows } from './write-records.js';

/** Indexed records per range: a worker's unit of work (a few MB of text at most). */
export const RANGE_RECORDS = 10_000;

/**
 * Records per page through an export: at 1M contacts (3.3M rows) pages of 1,000 held the CLI's
 * peak RSS about 15 MB higher than pages of 500 for no measurable gain in speed.
 */
export const EXPORT_PAGE = 500;

/** What every worker of one export needs: the same for all, given once at its start. */
export interface ExportJob {
  statePath: string;
  sync: Sync;
  filter: RecordFilter;
  format: StreamFormat;
  columns: readonly RecordColumn[];
  csvFormulas: CsvFormulas;
}

/** The worker's data: the job and the secret values this process knows to scrub. */
export interface WorkerData extends ExportJob {
  secrets: string[];
}

export type WorkerRequest = { id: number; range: RecordRange } | { close: true };
export type WorkerReply = { id: number; chunk: FormattedChunk } | { id: number; error: SerializedError };

/** An error as it crosses from a worker: enough to rebuild what the CLI's error handler reads. */
export interface SerializedError {
  name: string;
  message: string;
  code?: string;
  hint?: string;
  meta?: Record<string, unknown>;
  exitCode?: number;
  stack?: string;
}

/** The most threads SYNCCTL_EXPORT_THREADS may ask for (each worker holds its own heap and connection). */
const MAX_THREADS = 32;

// Next to this module: dist/bundle/ in the CLI's bundle, dist/health/ as tsc builds it. Absent
// when this module runs from its TypeScript source (the tests run the built CLI for this path).
const WORKER_FILE = fileURLToPath(new URL('./export-worker.js', import.meta.url));

/**
 * How many threads should read and format an export: SYNCCTL_EXPORT_THREADS when set (1: this
 * thread alone), else one per core up to 4; 1 when there is no worker script next to this module.
 */
export function exportThreads(env: Record<string, string | undefined>): number {
  const asked = env.SYNCCTL_EXPORT_THREADS;
  if (asked !== undefined && asked.trim() !== '') {
    const n = /^\s*\d+\s*$/.test(asked) ? Number(asked) : Number.NaN;
    if (!(n >= 1 && n <= MAX_THREADS)) {
      throw new SyncctlError('invalid_export_threads', `SYNCCTL_EXPORT_THREADS="${asked}" is not a whole number from 1 to ${MAX_THREADS}.`, {
        hint: 'Set it to how many threads should read the export (1: no worker threads), or unset it to use one per core, at most 4.',
        meta: { value: asked },
      });
    }
    return existsSync(WORKER_FILE) ? n : 1;
  }
  return existsSync(WORKER_FILE) ? Math.min(availableParallelism(), 4) : 1;
}

/**
 * The formatted chunks of `job`, in listing order: from `threads` threads (this one and
 * `threads - 1` workers) when the listing has a full range (a side with more than RANGE_RECORDS
 * records) and more than one thread is allowed, else read and formatted on this thread alone (starting workers would cost a small export more than
 * they save). `used.threads` tells how many threads it chose, once the first chunk is out.
 */
export async function* exportChunks(query: RecordQuery, job: ExportJob, threads: number, used: { threads: number } = { threads: 1 }): AsyncGenerator<FormattedChunk> {
  const ranges = query.recordRanges(job.filter, RANGE_RECORDS)[Symbol.asyncIterator]();
  const seen: RecordRange[] = [];
  used.threads = 1;
  for (let next = await ranges.next(); !next.done; next = await ranges.next()) {
    seen.push(next.value);
    if (next.value.through !== null && threads > 1) {
      used.threads = threads;
      yield* formattedInParallel(query, job, threads, prepend(seen, ranges));
      return;
    }
  }
  const format = rangeFormatter(query, job);
  for (const range of seen) yield* format(range);
}

/** Reads and formats one range, a chunk per page (this thread's share, or a worker's). */
export function rangeFormatter(query: RecordQuery, job: ExportJob): (range: RecordRange) => AsyncGenerator<FormattedChunk & { text: string }> {
  const toRow = recordRowMapper(job.sync);
  const escape = job.csvFormulas === 'escape';
  return async function* formatRange(range) {
    for await (const page of query.rangePages(job.filter, range, { pageSize: EXPORT_PAGE })) {
      yield { text: formatRows(page.map(toRow), job.format, job.columns, escape), rows: page.length };
    }
  };
}

async function* prepend<T>(first: readonly T[], rest: AsyncIterator<T>): AsyncGenerator<T> {
  yield* first;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

/**
 * The formatted chunks of `ranges`, in their order, from `threads` threads: this one takes every
 * `threads`-th range itself (it would otherwise only wait and write) and `threads - 1` workers the
 * others, two at a time each, so that a worker has its next range queued while this thread reads
 * its own. Ranges are resolved as they are handed out. The workers are stopped when the consumer
 * stops early (an error, a closed pipe) as well as at the end.
 */
async function* formattedInParallel(query: RecordQuery, job: ExportJob, threads: number, rangeList: AsyncIterable<RecordRange>): AsyncGenerator<FormattedChunk> {
  const ranges = rangeList[Symbol.asyncIterator]();
  const own = rangeFormatter(query, job);
  const workers: ExportWorker[] = [];
  // In listing order: a range this thread formats when its turn comes, or a worker's reply.
  const queued: (RecordRange | Promise<FormattedChunk>)[] = [];
  let assigned = 0;
  let listed = false;
  const data: WorkerData = { ...job, secrets: registeredSecrets() };
  const refill = async (): Promise<void> => {
    while (!listed && queued.length < threads * 2) {
      const next = await ranges.next();
      if (next.done) {
        listed = true;
        return;
      }
      const slot = assigned++ % threads;
      if (slot === 0) {
        queued.push(next.value);
        continue;
      }
      const worker = (workers[slot - 1] ??= new ExportWorker(data));
      const chunk = worker.format(next.value);
      // Awaited in order below; until then a failure must not count as unhandled.
      chunk.catch(() => undefined);
      queued.push(chunk);
    }
  };
  let complete = false;
  try {
    await refill();
    for (let entry = queued.shift(); entry !== undefined; entry = queued.shift()) {
      await refill();
      if (entry instanceof Promise) yield await entry;
      else yield* own(entry);
    }
    complete = true;
  } finally {
    // Done: each worker closes its connection and exits. Stopped early (an error here or in the
    // output, a closed pipe): the ranges still queued are of no use, so the workers end at once.
    await Promise.all(workers.map((w) => (complete ? w.stop() : w.terminate())));
  }
}

/** One worker thread and the replies it owes. */
class ExportWorker {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (c: FormattedChunk) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private failure: Error | undefined;

  constructor(data: WorkerData) {
    this.worker = new Worker(WORKER_FILE, { workerData: data });
    this.worker.on('message', (reply: WorkerReply) => {
      const entry = this.waiting.get(reply.id);
      if (!entry) return;
      this.waiting.delete(reply.id);
      if ('error' in reply) entry.reject(revive(reply.error));
      else entry.resolve(reply.chunk);
    });
    // Uncaught in the worker (e.g. its module failed to load) or an early exit: every reply owed fails.
    this.worker.on('error', (err) => this.failAll(err));
    this.worker.on('exit', (code) => this.failAll(new Error(`An export worker thread stopped (exit code ${code}) before it answered.`)));
  }

  format(range: RecordRange): Promise<FormattedChunk> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<FormattedChunk>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, range } satisfies WorkerRequest);
    });
  }

  /** Ends the worker: it closes its connection and exits; a worker that does not is terminated. */
  async stop(): Promise<void> {
    if (this.failure) return;
    this.failure = new Error('The export worker was stopped.');
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.postMessage({ close: true } satisfies WorkerRequest);
    const timer = setTimeout(() => void this.worker.terminate(), 2000);
    await exited;
    clearTimeout(timer);
  }

  /** Ends the worker at once, whatever it is doing. */
  async terminate(): Promise<void> {
    this.failure ??= new Error('The export worker was stopped.');
    await this.worker.terminate();
  }

  private failAll(err: Error): void {
    this.failure ??= err;
    for (const entry of this.waiting.values()) entry.reject(err);
    this.waiting.clear();
  }
}

/** An error thrown in the worker, as the CLI's handler knows it: a SyncctlError, or an error keeping its name and code (SQLite's). */
function revive(e: SerializedError): Error {
  if (e.name === 'SyncctlError' && e.code !== undefined) {
    return new SyncctlError(e.code, e.message, {
      ...(e.hint !== undefined ? { hint: e.hint } : {}),
      ...(e.meta ? { meta: e.meta } : {}),
      ...(e.exitCode !== undefined ? { exitCode: e.exitCode } : {}),
    });
  }
  const err = new Error(e.message) as Error & { code?: string };
  err.name = e.name;
  if (e.code !== undefined) err.code = e.code;
  if (e.stack !== undefined) err.stack = e.stack;
  return err;
}

/** The part of `err` that crosses back from a worker. */
export function serializeError(err: unknown): SerializedError {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err) };
  const { code, hint, meta, exitCode } = err as Error & { code?: unknown; hint?: unknown; meta?: unknown; exitCode?: unknown };
  return {
    name: err.name,
    message: err.message,
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof hint === 'string' ? { hint } : {}),
    ...(meta !== null && typeof meta === 'object' ? { meta: meta as Record<string, unknown> } : {}),
    ...(typeof exitCode === 'number' ? { exitCode } : {}),
    ...(err.stack !== undefined ? { stack: err.stack } : {}),
  };
}
