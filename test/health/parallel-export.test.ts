// A streamed export read and formatted by worker threads writes exactly what one thread writes:
// the built CLI (which has its worker script) run with SYNCCTL_EXPORT_THREADS=1, 2 and 3 over an
// index with sides of more than one range (RANGE_RECORDS), compared byte for byte, in every
// streamed format and with filters; plus what happens when a worker cannot read, when the reader
// of the output goes away early, and when the setting is not a number.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openHealthState } from '../../src/health/open-state.js';
import { RANGE_RECORDS } from '../../src/health/parallel-export.js';
import type { RecordEntry, RecordFilter, RecordRange } from '../../src/health/record-query.js';
import { addRows, buildFixture, type Fixture, handRow, run, SYNC } from './helpers.js';

const CLI = fileURLToPath(new URL('../../bin/syncctl.js', import.meta.url));
const DIST = new URL('../../dist/health/', import.meta.url);

/** Hub rows added to the fixture's contacts: more than two ranges on that side alone. */
const HUB_ROWS = Math.floor(RANGE_RECORDS * 2.5);
const APP_ROWS = RANGE_RECORDS + 1;
const MESSAGES = ['comma, inside', 'He said "hi"', 'line one\nline two', 'Zoë 😀 東京', '=1+1', null];
const STATUSES = ['in-sync', 'failing', 'excluded', 'in-queue'] as const;

interface Spawned {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

function spawnCli(args: string[], env: Record<string, string>): Promise<Spawned> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out), stderr }));
  });
}

let f: Fixture;

beforeAll(async () => {
  f = await buildFixture();
  const row = (side: 'hub' | 'app', i: number) =>
    handRow(side, `${side === 'hub' ? 'h' : 'a'}-${(i * 7919) % 100_003}-${i}`, {
      status: STATUSES[i % STATUSES.length],
      ...(i % STATUSES.length === 1 ? { category: 'invalid_value' } : {}),
      ...(i % STATUSES.length === 2 ? { reason: 'no_email' } : {}),
      message: MESSAGES[i % MESSAGES.length] ?? null,
      identifiers: [{ prop: 0, value: `p${i}@example.com` }],
      partnerId: i % 3 === 0 ? `partner-${i}` : null,
    });
  await addRows(f.statePath, 'contacts', Array.from({ length: HUB_ROWS }, (_, i) => row('hub', i)));
  await addRows(f.statePath, 'contacts', Array.from({ length: APP_ROWS }, (_, i) => row('app', i)));
}, 120_000);

async function exportWith(threads: number, extra: string[]): Promise<{ bytes: Buffer; used: number }> {
  const r = await spawnCli(['records', SYNC, '--state', f.statePath, '--log-level', 'debug', ...extra], { SYNCCTL_EXPORT_THREADS: String(threads) });
  expect(r.stderr).not.toContain('"level":50');
  expect(r.code).toBe(0);
  const log = r.stderr.split('\n').filter((l) => l.includes('records written')).map((l) => JSON.parse(l) as { threads: number });
  expect(log).toHaveLength(1);
  return { bytes: r.stdout, used: log[0]?.threads ?? 0 };
}

describe('parallel export', () => {
  it.each([
    ['csv, default columns', ['--format', 'csv']],
    ['ndjson, every column', ['--format', 'ndjson', '--columns', 'object,side,hubId,appId,identifiers,status,category,message,hint,lastSynced,firstSeen,lastChanged,duplicateOf']],
    ['json, failing and excluded only', ['--format', 'json', '--status', 'failing,excluded']],
    ['csv, hub side, formulas kept', ['--format', 'csv', '--side', 'hub', '--csv-formulas', 'keep']],
  ])('given sides of several ranges, when exported as %s by 2 and 3 threads, then the bytes equal the single-threaded export', async (_name, args) => {
    const one = await exportWith(1, args);
    const two = await exportWith(2, args);
    const three = await exportWith(3, args);
    expect(one.used).toBe(1);
    expect(two.used).toBe(2);
    expect(three.used).toBe(3);
    expect(one.bytes.length).toBeGreaterThan(100_000);
    expect(two.bytes.equals(one.bytes)).toBe(true);
    expect(three.bytes.equals(one.bytes)).toBe(true);
  }, 60_000);

  it('given the parallel CSV, when parsed, then it holds every indexed record once, in the listing order of the in-process export', async () => {
    const parallel = await exportWith(2, ['--format', 'csv', '--columns', 'object,side,hubId,appId,message']);
    const inProcess = await run(f.dir, ['records', SYNC, '--state', f.statePath, '--format', 'csv', '--columns', 'object,side,hubId,appId,message']);
    expect(inProcess.code).toBe(0);
    expect(parallel.bytes.toString('utf8')).toBe(inProcess.stdout);
    const rows = parse(parallel.bytes, { columns: true }) as Record<string, string>[];
    // Every side's rows, counted by SQLite itself in the state file.
    const db = new Database(f.statePath, { readonly: true });
    const counted = db
      .prepare('SELECT s.object AS object, s.side AS side, count(*) AS n FROM record_index AS i JOIN record_scopes AS s USING (scope) GROUP BY 1, 2 ORDER BY 1, 2')
      .all() as { object: string; side: string; n: number }[];
    db.close();
    const exported = new Map<string, number>();
    for (const r of rows) exported.set(`${r.object}/${r.side}`, (exported.get(`${r.object}/${r.side}`) ?? 0) + 1);
    expect(Object.fromEntries(exported)).toEqual(Object.fromEntries(counted.map((c) => [`${c.object}/${c.side}`, c.n])));
    const hubContacts = rows.filter((r) => r.object === 'contacts' && r.side === 'hub');
    // The fixture's five hub contacts, Dan (created in the hub by its initial sync), and the rows added here.
    expect(hubContacts).toHaveLength(HUB_ROWS + 6);
    expect(new Set(hubContacts.map((r) => r.hubId)).size).toBe(hubContacts.length);
    expect(rows.find((r) => r.hubId === `h-${(1 * 7919) % 100_003}-1`)?.message).toBe('He said "hi"');
    expect(rows.find((r) => r.hubId === `h-${(2 * 7919) % 100_003}-2`)?.message).toBe('line one\nline two');
  }, 60_000);

  it('given a reader that closes the pipe after the first bytes, when the export runs on threads, then the CLI ends quietly with exit 0', async () => {
    const child = spawn(process.execPath, [CLI, 'records', SYNC, '--state', f.statePath, '--format', 'csv'], {
      env: { ...process.env, SYNCCTL_EXPORT_THREADS: '2' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(stderr).toBe('');
  }, 60_000);

  it('given an output device that is full, when the export runs on threads, then it fails at once with output_unwritable naming the path', async () => {
    const r = await spawnCli(['records', SYNC, '--state', f.statePath, '--format', 'csv', '--output', '/dev/full'], { SYNCCTL_EXPORT_THREADS: '2' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Could not finish writing the export to /dev/full (ENOSPC)');
    expect(r.stderr).toContain('(code: output_unwritable)');
    expect(r.stderr).not.toContain('Unexpected error');
  }, 60_000);

  it.each(['many', '0', '1e3', '33', '-2'])('given SYNCCTL_EXPORT_THREADS=%s, when exporting, then the error names the variable and its range, and nothing is written', async (value) => {
    const r = await spawnCli(['records', SYNC, '--state', f.statePath, '--format', 'csv'], { SYNCCTL_EXPORT_THREADS: value });
    expect(r.code).toBe(1);
    expect(r.stdout.length).toBe(0);
    expect(r.stderr).toContain(`SYNCCTL_EXPORT_THREADS="${value}" is not a whole number from 1 to 32`);
    expect(r.stderr).toContain('invalid_export_threads');
  });

  it('given workers that cannot open the state, when the chunks are read, then the worker’s error reaches the caller with its code', async () => {
    // The built modules: the worker script exists beside them (not beside the TypeScript sources).
    const { openHealthState } = (await import(new URL('open-state.js', DIST).href)) as typeof import('../../src/health/open-state.js');
    const { exportChunks } = (await import(new URL('parallel-export.js', DIST).href)) as typeof import('../../src/health/parallel-export.js');
    const state = await openHealthState(f.statePath);
    try {
      const sync = (await state.store.getApplied()).syncs[SYNC]?.definition;
      if (!sync) throw new Error('the fixture has no sync');
      const job = { statePath: `${f.statePath}.missing`, sync, filter: { sync: SYNC, objects: ['contacts'] }, format: 'csv' as const, columns: ['hubId' as const], csvFormulas: 'escape' as const };
      const used = { threads: 0 };
      const read = async (): Promise<number> => {
        let rows = 0;
        for await (const chunk of exportChunks(state.query, job, 2, used)) rows += chunk.rows;
        return rows;
      };
      await expect(read()).rejects.toMatchObject({ name: 'SyncctlError', code: 'no_state' });
      expect(used.threads).toBe(2);
    } finally {
      await state.close();
    }
  }, 60_000);
});

describe('record ranges', () => {
  async function listed(pages: AsyncIterable<RecordEntry[]>): Promise<string[]> {
    const out: string[] = [];
    for await (const page of pages) for (const e of page) out.push(`${e.object}/${e.side}/${e.id}`);
    return out;
  }

  it.each([1, 2, 3, 6, 7, 1000])('given ranges of %i records, then they cover the listing exactly once, in order, each no larger, and only a range with more after it has an end', async (size) => {
    const state = await openHealthState(f.statePath);
    try {
      for (const filter of [{ sync: SYNC, objects: ['companies'] }, { sync: SYNC, objects: ['companies'], statuses: ['in-sync'] }] as RecordFilter[]) {
        const whole = await listed(state.query.recordPages(filter));
        const ranges: RecordRange[] = [];
        for await (const r of state.query.recordRanges(filter, size)) ranges.push(r);
        const unfiltered = await listed(state.query.recordPages({ sync: SYNC, objects: filter.objects ?? [] }));
        const pieces: string[][] = [];
        for (const r of ranges) {
          pieces.push(await listed(state.query.rangePages(filter, r, { pageSize: 2 })));
          expect((await listed(state.query.rangePages({ sync: SYNC, objects: filter.objects ?? [] }, r))).length).toBeLessThanOrEqual(size);
        }
        expect(pieces.flat()).toEqual(whole);
        for (const side of ['hub', 'app'] as const) {
          const mine = ranges.filter((r) => r.side === side);
          const records = unfiltered.filter((k) => k.startsWith(`companies/${side}/`)).length;
          // A side of `size` records or fewer is one open range; otherwise ceil(n / size) ranges.
          expect(mine).toHaveLength(Math.max(1, Math.ceil(records / size)));
          expect(mine.slice(0, -1).every((r) => r.through !== null)).toBe(true);
          expect(mine.at(-1)?.through).toBeNull();
        }
      }
    } finally {
      await state.close();
    }
  });
});
