// SQLite's result codes -> syncctl's failure categories. SQLite messages name only tables,
// columns and constraints (never values), so they are safe to pass on as the app's message.
import type { FailureCategory } from '../../errors/categories.js';
import type { SqliteFailure } from './driver.js';
import type { TableInfo } from './table-info.js';

/** Why one record could not be written. */
export interface RecordFailure {
  category: FailureCategory;
  message: string;
  retryable: boolean;
  existingId?: string;
}

// After these the transaction may be gone (SQLite rolls back on its own), so the whole batch
// is reported failed rather than carrying on outside a transaction.
const BATCH_FATAL = /^SQLITE_(BUSY|LOCKED|FULL|IOERR|NOMEM|READONLY|CORRUPT|NOTADB|CANTOPEN|INTERRUPT|PROTOCOL|PERM|AUTH)/;

/** True when a SQLite error ends the batch's transaction instead of failing one record. */
export function isBatchFatal(err: SqliteFailure): boolean {
  return BATCH_FATAL.test(err.code);
}

/** The failure every record of a batch gets when the batch as a whole could not be written. */
export function classifyBatchError(err: unknown, file: string, busyTimeoutMs: number): RecordFailure {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
  const text = err instanceof Error ? err.message : String(err);
  if (/^SQLITE_(BUSY|LOCKED)/.test(code)) {
    return { category: 'app_unavailable', retryable: true, message: `${file} is locked by another connection (waited ${busyTimeoutMs} ms): ${text}` };
  }
  if (/^SQLITE_(READONLY|PERM|AUTH)/.test(code)) {
    return { category: 'permission_denied', retryable: false, message: `${file} cannot be written: ${text}` };
  }
  if (/^SQLITE_(FULL|IOERR|NOMEM|CANTOPEN|INTERRUPT|PROTOCOL)/.test(code)) {
    return { category: 'app_unavailable', retryable: true, message: `${file} could not be written: ${text}` };
  }
  return { category: 'unknown', retryable: false, message: text };
}

function propertyOf(info: TableInfo, column: string): string {
  return info.columns.find((c) => c.column.toLowerCase() === column.toLowerCase())?.property ?? column;
}

/** Columns named by a "UNIQUE constraint failed: t.a, t.b" message (none for expression indexes). */
function failedColumns(message: string): string[] {
  const list = /constraint failed: (.+)$/.exec(message)?.[1];
  if (!list || list.startsWith('index ')) return [];
  return list.split(',').map((part) => part.trim().split('.').pop() ?? '').filter((c) => c !== '');
}

/**
 * The failure of one record from the SQLite error its statement raised. `findExisting`
 * looks up the record holding the same unique values, for `existingId`.
 */
export function classifyRecordError(err: SqliteFailure, info: TableInfo, findExisting: (columns: string[]) => string | undefined): RecordFailure {
  const object = info.object;
  const code = err.code;
  if (code === 'SQLITE_CONSTRAINT_NOTNULL') {
    const column = failedColumns(err.message)[0] ?? '?';
    return {
      category: 'missing_required_field',
      retryable: false,
      message: `property "${propertyOf(info, column)}" of ${object} is required (column "${column}" is NOT NULL) but has no value.`,
    };
  }
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    const columns = failedColumns(err.message);
    const existingId = columns.length > 0 ? findExisting(columns) : undefined;
    const what = columns.length > 0 ? columns.map((c) => `"${propertyOf(info, c)}"`).join(', ') : 'a unique index';
    return {
      category: 'conflict_at_app',
      retryable: false,
      message: `another ${object} record${existingId === undefined ? '' : ` (id ${existingId})`} already has the same ${what}: ${err.message}`,
      ...(existingId === undefined ? {} : { existingId }),
    };
  }
  // DATATYPE: a STRICT table refused a value's type.
  if (code === 'SQLITE_CONSTRAINT_CHECK' || code === 'SQLITE_CONSTRAINT_DATATYPE' || code === 'SQLITE_MISMATCH' || code === 'SQLITE_TOOBIG') {
    return { category: 'invalid_value', retryable: false, message: `table ${info.table} refused a value of this ${object} record: ${err.message}` };
  }
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return { category: 'invalid_value', retryable: false, message: `this ${object} record refers to a row that does not exist: ${err.message}` };
  }
  if (code.startsWith('SQLITE_CONSTRAINT')) {
    // Triggers (RAISE) and other app-side rules: the app refused the record as it stands.
    return { category: 'conflict_at_app', retryable: false, message: `table ${info.table} refused this ${object} record: ${err.message}` };
  }
  return { category: 'unknown', retryable: false, message: err.message };
}
