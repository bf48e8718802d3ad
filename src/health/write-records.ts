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
  const end = options.end ?? false;
  switch (options.format) {
    case 'table': {
      const all: RecordRow[] = [];
      for await (const page of limited) all.push(...page);
      await pipeline(Readable.from([formatRecordTable(all, options.columns, painter(options.color ?? false))]), dest, { end });
      return state;
    }
    case 'csv': {
      const escape = (options.csvFormulas ?? 'escape') === 'escape';
      await pipeline(Readable.from(csvChunks(limited, options.columns, escape)), dest, { end });
      return state;
    }
    case 'json':
      await pipeline(Readable.from(jsonArray(limited, options.columns)), dest, { end });
      return state;
    case 'ndjson':
      await pipeline(Readable.from(ndjson(limited, options.columns)), dest, { end });
      return state;
    default:
      return unreachable(options.format);
  }
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

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * The CSV text, one chunk per page, the header with the first (or alone when nothing matched,
 * so a read that fails at once leaves no lone header behind). csv-stringify quotes the cells
 * that need it (its synchronous form, given arrays: the same bytes as its stream given objects,
 * at half the cost, and a few thousand large writes instead of millions of small ones). Chunks
 * are made as the destination asks for them, so backpressure still reaches the database reads.
 */
async function* csvChunks(pages: AsyncIterable<readonly RecordRow[]>, columns: readonly RecordColumn[], escape: boolean): AsyncGenerator<string> {
  let header: string | undefined = stringify([[...columns]]);
  for await (const page of pages) {
    const batch = page.map((row) => {
      const cells = new Array<string>(columns.length);
      for (let i = 0; i < columns.length; i++) {
        const text = cellText(row, columns[i] as RecordColumn);
        cells[i] = escape && FORMULA_START.test(text) ? `'${text}` : text;
      }
      return cells;
    });
    yield `${header ?? ''}${stringify(batch)}`;
    header = undefined;
  }
  if (header !== undefined) yield header;
}

async function* jsonArray(pages: AsyncIterable<readonly RecordRow[]>, columns: readonly RecordColumn[]): AsyncGenerator<string> {
  let first = true;
  for await (const page of pages) {
    // An empty page would leave a stray comma.
    if (page.length === 0) continue;
    const items = page.map((row) => JSON.stringify(pickColumns(row, columns)));
    yield `${first ? '[\n' : ',\n'}${items.join(',\n')}`;
    first = false;
  }
  yield first ? '[]\n' : '\n]\n';
}

async function* ndjson(pages: AsyncIterable<readonly RecordRow[]>, columns: readonly RecordColumn[]): AsyncGenerator<string> {
  for await (const page of pages) yield page.map((row) => `${JSON.stringify(pickColumns(row, columns))}\n`).join('');
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
