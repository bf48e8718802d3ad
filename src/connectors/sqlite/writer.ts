// Batched writes: one IMMEDIATE transaction per batch (one commit, the write lock taken up
// front so busy_timeout applies). The whole batch is tried first without savepoints: nearly
// every batch is accepted as it is, and a savepoint per record costs more than the record.
// When SQLite refuses a record, that attempt is rolled back and the batch is written again
// with one SAVEPOINT per record, so the refused record fails alone and the rest is written.
import { randomFillSync } from 'node:crypto';
import type { CreateInput, Properties, PropertyValue, UpdateInput, WriteResult } from '../types.js';
import { isSqliteFailure, quoteIdent, type SqlValue, type SqliteDb, type SqliteStatement } from './driver.js';
import { bindId, type TableInfo } from './table-info.js';
import { formatTimestamp, normalizeTimestamp } from './timestamps.js';
import { checkValue } from './values.js';
import { classifyBatchError, classifyRecordError, isBatchFatal, type RecordFailure } from './write-errors.js';

/** What the writer needs from its connector. */
export interface WriteContext {
  db: SqliteDb;
  /** A cached statement returning raw rows with 64-bit-safe integers. */
  statement(sql: string): SqliteStatement;
  file: string;
  busyTimeoutMs: number;
}

/** Carries an already classified per-record failure out of its savepoint. */
class ClassifiedFailure extends Error {
  constructor(readonly result: WriteResult) {
    super('record failed');
  }
}

type Prepared = { ok: true; columns: string[]; values: SqlValue[] } | { ok: false; failure: RecordFailure };

function prepare(info: TableInfo, properties: Properties, forCreate: boolean): Prepared {
  const pairs: [string, SqlValue][] = [];
  for (const [property, value] of Object.entries(properties)) {
    // A key present with no value (from a spread of optional fields) means "not given".
    if ((value as PropertyValue | undefined) === undefined) continue;
    const col = info.byProperty.get(property);
    if (!col) {
      const known = info.columns.filter((c) => !c.readOnly).map((c) => c.property);
      return { ok: false, failure: { category: 'invalid_value', retryable: false, message: `${info.object} has no property "${property}"; writable properties: ${known.join(', ')}.` } };
    }
    const checked = checkValue(info.object, col, value);
    if (!checked.ok) return { ok: false, failure: { category: checked.category, retryable: false, message: checked.message } };
    pairs.push([col.column, checked.value]);
  }
  if (forCreate) {
    const given = new Set(pairs.map(([c]) => c));
    const missing = info.columns.find((c) => c.notNull && !c.hasDefault && !c.readOnly && !given.has(c.column));
    if (missing) {
      return { ok: false, failure: { category: 'missing_required_field', retryable: false, message: `property "${missing.property}" of ${info.object} is required (column "${missing.column}" is NOT NULL) but has no value.` } };
    }
  }
  // Sorted columns make records with the same properties share one prepared statement.
  pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { ok: true, columns: pairs.map(([c]) => c), values: pairs.map(([, v]) => v) };
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
const entropy = Buffer.alloc(8 * 512);
let entropyAt = entropy.length;
let lastMs = 0;
let counter = 0;

/**
 * A new TEXT id: a version 7 UUID (RFC 9562), random but ordered by creation time (a counter
 * orders those of the same millisecond). Random (version 4) ids would land at random places of
 * the table's primary-key index, and of syncctl's own index: each batch of creates would then
 * rewrite pages all over both; time-ordered ones are appended.
 */
export function newTextId(): string {
  let ms = Date.now();
  if (ms > lastMs) {
    lastMs = ms;
    counter = 0;
  } else {
    ms = lastMs;
    counter += 1;
    if (counter > 0xfff) {
      ms = lastMs += 1;
      counter = 0;
    }
  }
  if (entropyAt + 8 > entropy.length) {
    randomFillSync(entropy);
    entropyAt = 0;
  }
  const r = (k: number): string => HEX[entropy[entropyAt + k] ?? 0] ?? '00';
  const time = ms.toString(16).padStart(12, '0');
  const id = `${time.slice(0, 8)}-${time.slice(8)}-7${counter.toString(16).padStart(3, '0')}-${HEX[((entropy[entropyAt] ?? 0) & 0x3f) | 0x80] ?? '80'}${r(1)}-${r(2)}${r(3)}${r(4)}${r(5)}${r(6)}${r(7)}`;
  entropyAt += 8;
  return id;
}

function failed(failure: RecordFailure, key: { ref?: string; id?: string }): WriteResult {
  return { ok: false, ...key, ...failure };
}

function rawText(value: unknown): string {
  return typeof value === 'bigint' || typeof value === 'number' || typeof value === 'string' ? String(value) : '';
}

function existingFinder(ctx: WriteContext, info: TableInfo, columns: string[], values: SqlValue[], selfId?: string) {
  return (failedColumns: string[]): string | undefined => {
    const binds: SqlValue[] = [];
    const where: string[] = [];
    for (const column of failedColumns) {
      const at = columns.findIndex((c) => c.toLowerCase() === column.toLowerCase());
      const value = values[at];
      if (at < 0 || value === undefined || value === null) return undefined;
      where.push(`${quoteIdent(column)} = ?`);
      binds.push(value);
    }
    if (selfId !== undefined) {
      where.push(`${quoteIdent(info.id.column)} <> ?`);
      binds.push(bindId(info, selfId));
    }
    const row = ctx.statement(`SELECT ${quoteIdent(info.id.column)} FROM ${quoteIdent(info.table)} WHERE ${where.join(' AND ')} LIMIT 1`).get(...binds) as unknown[] | undefined;
    return row === undefined ? undefined : rawText(row[0]);
  };
}

/**
 * Writes one record. `classify`: a refused record is classified (existing id looked up) and
 * thrown as a ClassifiedFailure; without it (the attempt without savepoints) SQLite's error is
 * thrown as it is, since the whole attempt is rolled back and redone anyway.
 */
type WriteOne = (i: number, classify: boolean) => WriteResult;

/**
 * Runs `writeOne` for each prepared record inside one transaction: first without savepoints,
 * and when a record is refused, once more with one savepoint per record. A batch-level failure
 * (locked, read-only, disk full) fails every record not already failed.
 */
function runBatch(ctx: WriteContext, count: number, early: (WriteResult | undefined)[], writeOne: WriteOne, keyOf: (i: number) => { ref?: string; id?: string }): WriteResult[] {
  if (early.every((r) => r !== undefined)) return early as WriteResult[];
  const whole = [...early];
  const attempt = ctx.db.transaction(() => {
    for (let i = 0; i < count; i += 1) if (whole[i] === undefined) whole[i] = writeOne(i, false);
  });
  try {
    attempt.immediate();
    return whole.map((r, i) => r ?? failed({ category: 'unknown', retryable: false, message: 'record was not written' }, keyOf(i)));
  } catch (err) {
    // Rolled back. The lock or the file failed (a retry would only wait again): the batch fails.
    if (isSqliteFailure(err) && isBatchFatal(err)) return early.map((r, i) => r ?? failed(classifyBatchError(err, ctx.file, ctx.busyTimeoutMs), keyOf(i)));
  }
  return runWithSavepoints(ctx, count, early, writeOne, keyOf);
}

/** The batch again, one savepoint per record: a refused record is rolled back alone. */
function runWithSavepoints(ctx: WriteContext, count: number, early: (WriteResult | undefined)[], writeOne: WriteOne, keyOf: (i: number) => { ref?: string; id?: string }): WriteResult[] {
  const results = [...early];
  const inSavepoint = ctx.db.transaction((i: number) => writeOne(i, true));
  const batch = ctx.db.transaction(() => {
    for (let i = 0; i < count; i += 1) {
      if (results[i] !== undefined) continue;
      try {
        results[i] = inSavepoint(i);
      } catch (err) {
        if (err instanceof ClassifiedFailure) results[i] = err.result;
        else if (isSqliteFailure(err) && isBatchFatal(err)) throw err;
        else results[i] = failed({ category: 'unknown', retryable: false, message: err instanceof Error ? err.message : String(err) }, keyOf(i));
      }
    }
  });
  try {
    batch.immediate();
  } catch (err) {
    const failure = classifyBatchError(err, ctx.file, ctx.busyTimeoutMs);
    return early.map((r, i) => r ?? failed(failure, keyOf(i)));
  }
  return results.map((r, i) => r ?? failed({ category: 'unknown', retryable: false, message: 'record was not written' }, keyOf(i)));
}

/** Statements by the columns a record writes: records of a batch mostly share one. */
function statementCache(build: (columns: readonly string[]) => string): (columns: readonly string[]) => string {
  const sqlBy = new Map<string, string>();
  return (columns) => {
    const key = columns.join('\u0000');
    let sql = sqlBy.get(key);
    if (sql === undefined) {
      sql = build(columns);
      sqlBy.set(key, sql);
    }
    return sql;
  };
}

/** Creates records in one transaction; one result per input, in input order. */
export function createRecords(ctx: WriteContext, info: TableInfo, inputs: readonly CreateInput[]): WriteResult[] {
  const prepared = inputs.map((input) => prepare(info, input.properties, true));
  const early = prepared.map((p, i) => (p.ok ? undefined : failed(p.failure, { ref: inputs[i]?.ref ?? '' })));
  const stamp = formatTimestamp(Date.now(), info.updatedAtFormat);
  const stampIso = normalizeTimestamp(stamp) ?? '';
  const table = quoteIdent(info.table);
  const idCol = quoteIdent(info.id.column);
  const keyOf = (i: number) => ({ ref: inputs[i]?.ref ?? '' });
  const sqlFor = statementCache((given) => {
    const columns = [...given, info.updatedAt.column];
    const slots = columns.map(() => '?');
    if (info.idStrategy === 'uuid') {
      columns.push(info.id.column);
      slots.push('?');
    } else if (info.idStrategy === 'next-integer') {
      columns.push(info.id.column);
      slots.push(`(SELECT COALESCE(MAX(${idCol}), 0) + 1 FROM ${table})`);
    }
    return `INSERT INTO ${table} (${columns.map(quoteIdent).join(', ')}) VALUES (${slots.join(', ')}) RETURNING ${idCol}, ${quoteIdent(info.updatedAt.column)}`;
  });
  return runBatch(ctx, inputs.length, early, (i, classify) => {
    const p = prepared[i];
    if (!p?.ok) throw new Error('unreachable: failed records are skipped');
    const values: SqlValue[] = [...p.values, stamp];
    if (info.idStrategy === 'uuid') values.push(newTextId());
    try {
      const row = ctx.statement(sqlFor(p.columns)).get(...values) as unknown[];
      const updatedAt = row[1] === stamp ? stampIso : (normalizeTimestamp(row[1]) ?? '');
      return { ok: true, ref: inputs[i]?.ref ?? '', id: rawText(row[0]), updatedAt };
    } catch (err) {
      if (!classify || !isSqliteFailure(err) || isBatchFatal(err)) throw err;
      // Classified here, after SQLite rolled the statement back, and thrown on so the savepoint is undone.
      const columns = [...p.columns, info.updatedAt.column];
      throw new ClassifiedFailure(failed(classifyRecordError(err, info, existingFinder(ctx, info, columns, values)), keyOf(i)));
    }
  }, keyOf);
}

/** Updates records in one transaction; only the given properties and the updated-at column change. */
export function updateRecords(ctx: WriteContext, info: TableInfo, inputs: readonly UpdateInput[]): WriteResult[] {
  const prepared = inputs.map((input) => prepare(info, input.properties, false));
  const early = prepared.map((p, i) => (p.ok ? undefined : failed(p.failure, { id: inputs[i]?.id ?? '' })));
  const stamp = formatTimestamp(Date.now(), info.updatedAtFormat);
  const stampIso = normalizeTimestamp(stamp) ?? '';
  const table = quoteIdent(info.table);
  const idCol = quoteIdent(info.id.column);
  const updatedCol = quoteIdent(info.updatedAt.column);
  const keyOf = (i: number) => ({ id: inputs[i]?.id ?? '' });
  // Nothing to change: report the record as it is rather than touch updated-at (no echo).
  const sqlFor = statementCache((columns) =>
    columns.length === 0
      ? `SELECT ${updatedCol} FROM ${table} WHERE ${idCol} = ?`
      : `UPDATE ${table} SET ${[...columns, info.updatedAt.column].map((c) => `${quoteIdent(c)} = ?`).join(', ')} WHERE ${idCol} = ? RETURNING ${updatedCol}`,
  );
  return runBatch(ctx, inputs.length, early, (i, classify) => {
    const p = prepared[i];
    const id = inputs[i]?.id ?? '';
    if (!p?.ok) throw new Error('unreachable: failed records are skipped');
    const values: SqlValue[] = p.columns.length === 0 ? [bindId(info, id)] : [...p.values, stamp, bindId(info, id)];
    try {
      const row = ctx.statement(sqlFor(p.columns)).get(...values) as unknown[] | undefined;
      if (row === undefined) {
        return { ok: false, id, category: 'not_found', retryable: false, message: `${info.object} ${id} does not exist in table ${info.table}.` };
      }
      return { ok: true, id, updatedAt: row[0] === stamp ? stampIso : (normalizeTimestamp(row[0]) ?? '') };
    } catch (err) {
      if (!classify || !isSqliteFailure(err) || isBatchFatal(err)) throw err;
      throw new ClassifiedFailure(failed(classifyRecordError(err, info, existingFinder(ctx, info, p.columns, p.values, id)), keyOf(i)));
    }
  }, keyOf);
}
