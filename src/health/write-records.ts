// Writes the record view. CSV, JSON and NDJSON are streamed through stream.pipeline, so a slow
// reader (a pipe, a disk) holds back the database reads instead of letting rows pile up in memory.
// The terminal table is the exception: it needs every cell to align columns, so it is limited.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify/sync';
import { cellText, pickColumns, type RecordColumn, type RecordRow } from './record-view.js';
import { type Paint, painter, renderTable, truncate } from './text-table.js';

export const RECORD_FORMATS = ['table', 'csv', 'json', 'ndjson'] as const;
export type RecordFormat = (typeof RECORD_FORMATS)[number];

/**
 * What CSV does with a cell that a spreadsheet would run as a formula (starts with = + - @, tab
 * or carriage return): `escape` prefixes it with a single quote, as OWASP advises, so that
 * opening an export cannot run what someone typed into a CRM form; `keep` writes it verbatim.
 */
export type CsvFormulas = 'escape' | 'keep';

const FORMULA_START = /^[=+\-@\t\r]/;

export interface WriteRecordsOptions {
  format: RecordFormat;
  columns: readonly RecordColumn[];
  /** Stop after this many rows. */
  limit?: number;
  csvFormulas?: CsvFormulas;
  /** Colour in the table. */
  color?: boolean;
  /** End `dest` when done (a file: yes; stdout: no). */
  end?: boolean;
}

export interface WriteRecordsResult {
  written: number;
  /** More rows matched than the limit let through. */
  more: boolean;
}

/**
 * Writes `pages` (rows a page at a time, as the record query reads them) to `dest` in the chosen
 * format; resolves once everything is flushed to `dest`.
 */
export async function writeRecords(
  pages: AsyncIterable<readonly RecordRow[]>,
  dest: NodeJS.WritableStream,
  options: WriteRecordsOptions,
): Promise<WriteRecordsResult> {
  const state: WriteRecordsResult = { written: 0, more: false };
  const limited = limit(pages, options.limit, state);
  const { format } = options;
  if (format === 'table') {
    const all: RecordRow[] = [];
    for await (const page of limited) all.push(...page);
    await pipeline(Readable.from([formatRecordTable(all, options.columns, painter(options.color ?? false))]), dest, { end: options.end ?? false });
    return state;
  }
  const escape = (options.csvFormulas ?? 'escape') === 'escape';
  await pipeline(Readable.from(framed(formatted(limited, format, options.columns, escape), format, options.columns)), dest, { end: options.end ?? false });
  return state;
}

/** The formats written as a stream of formatted chunks (every format but the table). */
export type StreamFormat = Exclude<RecordFormat, 'table'>;

/**
 * Records already formatted (formatRows): `rows` of them in `text`, without header or brackets;
 * as UTF-8 bytes when a worker thread made them (handed over without a copy).
 */
export interface FormattedChunk {
  text: string | Uint8Array;
  rows: number;
}

/**
 * Writes chunks formatted by formatRows (in order, e.g. by worker threads) to `dest` as one
 * document of `format`: the CSV header, the JSON array's brackets and commas are added here.
 */
export async function writeFormatted(
  chunks: AsyncIterable<FormattedChunk>,
  dest: NodeJS.WritableStream,
  options: { format: StreamFormat; columns: readonly RecordColumn[]; end?: boolean },
): Promise<WriteRecordsResult> {
  const state: WriteRecordsResult = { written: 0, more: false };
  async function* counted(): AsyncGenerator<FormattedChunk> {
    for await (const chunk of chunks) {
      state.written += chunk.rows;
      yield chunk;
    }
  }
  // A chunk may be a whole range (megabytes): read one ahead of the destination, not Readable.from's default 16.
  await pipeline(Readable.from(framed(counted(), options.format, options.columns), { highWaterMark: 1 }), dest, { end: options.end ?? false });
  return state;
}

/**
 * Rows as text of `format`, without the document's framing (writeFormatted adds it): CSV lines,
 * NDJSON lines, or JSON array items joined by ",\n". csv-stringify quotes the cells that need it
 * (its synchronous form, given arrays: the same bytes as its stream given objects, at half the
 * cost, and a few thousand large writes instead of millions of small ones).
 */
export function formatRows(rows: readonly RecordRow[], format: StreamFormat, columns: readonly RecordColumn[], escapeFormulas: boolean): string {
  switch (format) {
    case 'csv':
      return stringify(
        rows.map((row) => {
          const cells = new Array<string>(columns.length);
          for (let i = 0; i < columns.length; i++) {
            const text = cellText(row, columns[i] as RecordColumn);
            cells[i] = escapeFormulas && FORMULA_START.test(text) ? `'${text}` : text;
          }
          return cells;
        }),
      );
    case 'ndjson':
      return rows.map((row) => `${JSON.stringify(pickColumns(row, columns))}\n`).join('');
    case 'json':
      return rows.map((row) => JSON.stringify(pickColumns(row, columns))).join(',\n');
    default:
      return unreachable(format);
  }
}

/** What goes between two texts of formatRows in one document (JSON array items need their comma). */
export const ROWS_SEPARATOR: Readonly<Record<StreamFormat, string>> = { csv: '', ndjson: '', json: ',\n' };

async function* formatted(pages: AsyncIterable<readonly RecordRow[]>, format: StreamFormat, columns: readonly RecordColumn[], escape: boolean): AsyncGenerator<FormattedChunk> {
  for await (const page of pages) yield { text: formatRows(page, format, columns, escape), rows: page.length };
}

/**
 * The document around the chunks, a string per chunk, made as the destination asks for them (so
 * backpressure reaches the reads). The CSV header goes with the first chunk that has rows (or
 * alone when none has, so a read that fails at once leaves no lone header behind); empty chunks
 * add nothing (in a JSON array they would leave a stray comma).
 */
async function* framed(chunks: AsyncIterable<FormattedChunk>, format: StreamFormat, columns: readonly RecordColumn[]): AsyncGenerator<string | Uint8Array> {
  let first = true;
  const opening = format === 'csv' ? stringify([[...columns]]) : format === 'json' ? '[\n' : '';
  for await (const chunk of chunks) {
    if (chunk.rows === 0) continue;
    const before = first ? opening : ROWS_SEPARATOR[format];
    if (typeof chunk.text === 'string') yield `${before}${chunk.text}`;
    else {
      if (before !== '') yield before;
      yield chunk.text;
    }
    first = false;
  }
  if (format === 'csv' && first) yield opening;
  if (format === 'json') yield first ? '[]\n' : '\n]\n';
}

/** The pages up to `max` rows in all; `state` counts what went through and notes that more matched. */
async function* limit(pages: AsyncIterable<readonly RecordRow[]>, max: number | undefined, state: WriteRecordsResult): AsyncGenerator<readonly RecordRow[]> {
  for await (const page of pages) {
    if (page.length === 0) continue;
    const room = max === undefined ? page.length : max - state.written;
    if (room <= 0) {
      state.more = true;
      return;
    }
    const kept = room < page.length ? page.slice(0, room) : page;
    state.written += kept.length;
    yield kept;
    if (kept.length < page.length) {
      state.more = true;
      return;
    }
  }
}

const CELL_WIDTH: Partial<Record<RecordColumn, number>> = { message: 60, hint: 60, identifiers: 40 };
const STATUS_STYLE: Partial<Record<string, Parameters<Paint>[0]>> = { 'in-sync': 'green', failing: 'red', excluded: 'yellow' };

/** Rows as an aligned terminal table; long cells are cut and line breaks shown as ⏎. */
export function formatRecordTable(rows: readonly RecordRow[], columns: readonly RecordColumn[], paint: Paint): string {
  if (rows.length === 0) return 'No records match.\n';
  const body = rows.map((row) =>
    columns.map((c) => {
      const text = truncate(cellText(row, c).replace(/\r?\n|\r/g, '⏎'), CELL_WIDTH[c] ?? 32);
      const style = c === 'status' ? STATUS_STYLE[row.status] : undefined;
      return style ? paint(style, text) : text;
    }),
  );
  const header = columns.map((c) => paint('dim', c));
  return `${renderTable([header, ...body]).join('\n')}\n`;
}

function unreachable(value: never): never {
  throw new Error(`unhandled record format ${String(value)}`);
}
