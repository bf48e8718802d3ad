import { extname } from 'node:path';
import { Command, Option } from 'commander';
import type { LevelWithSilent } from 'pino';
import { SyncctlError } from '../../errors/syncctl-error.js';
import { writeFileAtomically } from '../../health/export-file.js';
import {
  type CsvFormulas,
  DEFAULT_EXPORT_COLUMNS,
  DEFAULT_TABLE_COLUMNS,
  openHealthState,
  parseColumns,
  RECORD_FORMATS,
  type RecordFormat,
  type RecordRow,
  recordFilter,
  recordRowMapper,
  unknownSync,
  EXPORT_PAGE,
  exportChunks,
  exportThreads,
  writeFormatted,
  writeRecords,
  type WriteRecordsResult,
} from '../../health/index.js';
import { type CliIO, err, useColor } from '../io.js';
import { cliLogger } from '../logger.js';
import { fromCwd, stateOption } from '../options.js';
import { statePathReadOnly } from '../paths.js';

interface RecordsFlags {
  state?: string;
  object?: string;
  side?: string;
  status?: string;
  category?: string;
  since?: string;
  until?: string;
  columns?: string;
  format?: RecordFormat;
  output?: string;
  limit?: string;
  csvFormulas: CsvFormulas;
}

/** Rows the terminal table shows unless --limit says otherwise. */
const TABLE_LIMIT = 50;

/** `syncctl records SYNC`: the record view, as a terminal table or streamed as CSV, JSON or NDJSON. */
export function recordsCommand(io: CliIO, setExit: (code: number) => void, logLevel: () => LevelWithSilent): Command {
  return new Command('records')
    .summary('list or export the records of a sync with their status, category and a hint')
    .description(
      'One row per indexed record (each side of a linked pair is its own row): object, side, hub and app ids, ' +
        'identifiers, status, category (failing) or reason (excluded), message, a hint how to resolve it, and ' +
        'last synced / first seen. Filters take comma-separated lists. --since/--until filter on when a record ' +
        'last synced, or for one that never synced, when it was first seen; they take an ISO timestamp (UTC ' +
        'unless it names a zone) or a duration back from now (90s, 30m, 1h, 7d, 2w).',
    )
    .argument('<sync>', 'the sync whose records to list')
    .addOption(stateOption())
    .option('--object <objects>', 'only these objects (hub or app object names)')
    .option('--side <sides>', 'only records of this side: hub or app')
    .option('--status <statuses>', 'in-sync, failing, excluded, in-queue, pending or skipped')
    .option('--category <names>', 'failure categories or exclusion reasons, e.g. missing_required_field, no_email')
    .option('--since <time>', 'last synced (or first seen) at or after this time')
    .option('--until <time>', 'last synced (or first seen) before this time')
    .option('--columns <names>', 'columns to show, in order: object, side, hubId, appId, identifiers, status, category, message, hint, lastSynced, firstSeen, lastChanged, duplicateOf')
    .addOption(
      new Option('-f, --format <format>', 'table (default on a terminal), csv (default otherwise), json (one array) or ndjson (one object per line)')
        .choices([...RECORD_FORMATS]),
    )
    .option('-o, --output <file>', 'write to this file (format from its extension unless --format is given)')
    .option('--limit <n>', `at most this many records (the table shows ${TABLE_LIMIT} unless told otherwise)`)
    .addOption(
      new Option('--csv-formulas <mode>', 'escape: prefix cells that start with = + - @ with \' so spreadsheets do not run them; keep: write them as they are')
        .choices(['escape', 'keep'])
        .default('escape'),
    )
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  syncctl records crm-shop --status failing',
        '  syncctl records crm-shop --object contacts --category no_email,duplicate --since 7d',
        '  syncctl records crm-shop --status failing --output failing.csv',
        '  syncctl records crm-shop --format ndjson --columns hubId,appId,status,category | jq .',
        '',
        'A whole export (csv, json or ndjson without --limit) is read by one thread per core, at most 4;',
        'SYNCCTL_EXPORT_THREADS=N sets how many (1: this thread only).',
      ].join('\n'),
    )
    .action(async (syncName: string, flags: RecordsFlags) => {
      const logger = cliLogger(io, logLevel());
      const format = flags.format ?? defaultFormat(io, flags.output);
      const limit = flags.limit !== undefined ? parseLimit(flags.limit) : format === 'table' ? TABLE_LIMIT : undefined;
      const columns = parseColumns(flags.columns, format === 'table' ? DEFAULT_TABLE_COLUMNS : DEFAULT_EXPORT_COLUMNS);
      const state = await openHealthState(statePathReadOnly(io, flags.state));
      try {
        const applied = await state.store.getApplied();
        const sync = applied.syncs[syncName]?.definition;
        if (!sync) throw unknownSync(syncName, Object.keys(applied.syncs).sort(), state.query.location);
        const filter = recordFilter(sync, flags, new Date());
        // A whole streamed export may go through worker threads (exportChunks); the table and a
        // --limit (a few rows, cut mid-page) are read on this thread.
        const streamed = format !== 'table' && limit === undefined ? format : undefined;
        const threads = streamed ? exportThreads(io.env) : 1;
        const used = { threads: 1 };
        const write = (dest: NodeJS.WritableStream, end: boolean): Promise<WriteRecordsResult> => {
          if (streamed) {
            const job = { statePath: state.store.location, sync, filter, format: streamed, columns, csvFormulas: flags.csvFormulas };
            return writeFormatted(exportChunks(state.query, job, threads, used), dest, { format: streamed, columns, end });
          }
          const rows = mapPages(state.query.recordPages(filter, { pageSize: EXPORT_PAGE }), recordRowMapper(sync));
          const options = { format, columns, csvFormulas: flags.csvFormulas, color: useColor(io) && !flags.output, end, ...(limit !== undefined ? { limit } : {}) };
          return writeRecords(rows, dest, options);
        };
        const result = flags.output ? await writeFileAtomically(fromCwd(io, flags.output), (dest) => write(dest, true)) : await write(io.stdout, false);
        logger.debug({ sync: syncName, format, written: result.written, more: result.more, threads: used.threads }, 'records written');
        if (flags.output) err(io, `Wrote ${result.written} record${result.written === 1 ? '' : 's'} to ${flags.output}.`);
        if (result.more) err(io, moreNote(result.written, format, flags.limit !== undefined));
        setExit(0);
      } finally {
        await state.close();
      }
    });
}

async function* mapPages<T>(pages: AsyncIterable<readonly T[]>, toRow: (e: T) => RecordRow): AsyncGenerator<RecordRow[]> {
  for await (const page of pages) yield page.map(toRow);
}

const FORMAT_BY_EXTENSION: Record<string, RecordFormat> = { '.csv': 'csv', '.json': 'json', '.ndjson': 'ndjson', '.jsonl': 'ndjson' };

// A person at a terminal gets a table; a pipe or a file gets a complete CSV.
function defaultFormat(io: CliIO, output: string | undefined): RecordFormat {
  if (output !== undefined) return FORMAT_BY_EXTENSION[extname(output).toLowerCase()] ?? 'csv';
  return io.stdout.isTTY ? 'table' : 'csv';
}

function parseLimit(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < 1) {
    throw new SyncctlError('invalid_limit', `--limit "${text}" is not a positive whole number.`, {
      hint: 'Give how many records to show at most, e.g. --limit 200; leave it out to export every match.',
      meta: { value: text },
    });
  }
  return n;
}

function moreNote(shown: number, format: RecordFormat, limited: boolean): string {
  const why = limited ? 'the --limit' : `the table's default limit`;
  return (
    `Showing the first ${shown} matching records (${why}); more match.\n` +
    `  Export all of them with the same filters plus: --format csv --output records.csv${format === 'table' && !limited ? ' (or raise --limit)' : ''}`
  );
}
