// Updated-at columns come in every shape people store time in SQLite: ISO-8601 text,
// SQLite's own `YYYY-MM-DD HH:MM:SS` text, and epoch seconds or milliseconds. Records always
// report ISO-8601 UTC; comparisons against the column are made in the column's own format,
// rounded so that a row at the boundary is read again rather than skipped.

/** How an updated-at column stores time. */
export type TimestampFormat = 'iso' | 'sql' | 'epoch_ms' | 'epoch_s';

/** The updatedAt reported for a row whose updated-at value is empty or unreadable. */
export const EPOCH_ISO = '1970-01-01T00:00:00.000Z';

// Below this an epoch number is taken as seconds (1e11 s is the year 5138; 1e11 ms is 1973).
const SECONDS_LIMIT = 1e11;

const TEXT_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

// Date.parse rolls 2023-02-30 over to March; a stored time must name a real day.
function isCalendarDate(ymd: string): boolean {
  const [y, m, d] = ymd.split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Milliseconds since the epoch of a stored time value, or undefined when it is not one. */
export function timestampMs(raw: unknown): number | undefined {
  if (typeof raw === 'bigint') return timestampMs(Number(raw));
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return undefined;
    return Math.abs(raw) < SECONDS_LIMIT ? raw * 1000 : raw;
  }
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim();
  if (/^-?\d+(\.\d+)?$/.test(text)) return timestampMs(Number(text));
  const m = TEXT_TIME.exec(text);
  if (!m?.[1] || !isCalendarDate(m[1])) return undefined;
  const zone = (m[3] ?? 'Z').toUpperCase();
  const offset = zone === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(`${m[1]}T${m[2] ?? '00:00:00'}${offset}`);
  return Number.isNaN(ms) ? undefined : ms;
}

/** ISO-8601 UTC with milliseconds for a stored time value, or undefined when it is not one. */
export function normalizeTimestamp(raw: unknown): string | undefined {
  const ms = timestampMs(raw);
  if (ms === undefined) return undefined;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** The format of an updated-at column, judged from one stored value (or the declared type when empty). */
export function detectTimestampFormat(sample: unknown, integerColumn: boolean): TimestampFormat {
  if (typeof sample === 'number' || typeof sample === 'bigint') {
    return Math.abs(Number(sample)) < SECONDS_LIMIT ? 'epoch_s' : 'epoch_ms';
  }
  if (typeof sample === 'string' && /^\d{4}-\d{2}-\d{2} \d/.test(sample.trim())) return 'sql';
  if (typeof sample === 'string') return 'iso';
  return integerColumn ? 'epoch_ms' : 'iso';
}

/** The value to store for the time `ms` in a column of `format`. */
export function formatTimestamp(ms: number, format: TimestampFormat): string | number {
  switch (format) {
    case 'iso':
      return new Date(ms).toISOString();
    case 'sql':
      return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
    case 'epoch_ms':
      return ms;
    case 'epoch_s':
      return Math.floor(ms / 1000);
    default: {
      const never: never = format;
      return never;
    }
  }
}

/**
 * A lower bound for comparing the column with the time `ms`: never greater than any stored
 * value of the same instant, so a boundary row is read again instead of skipped.
 */
export function timestampBound(ms: number, format: TimestampFormat): string | number {
  const value = formatTimestamp(ms, format);
  // '10:00:00' sorts before '10:00:00.000': a whole-second bound matches rows stored either way.
  return format === 'sql' && typeof value === 'string' ? value.replace(/\.000$/, '') : value;
}
