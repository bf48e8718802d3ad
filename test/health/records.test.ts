// `syncctl records`: filters, columns, formats and errors, on the engine-built fixture.
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXCLUSION_REASONS, FAILURE_CATEGORIES } from '../../src/errors/categories.js';
import { addRows, buildFixture, type Fixture, handRow, LATER, run, SYNC, SYNCED_AT } from './helpers.js';

let f: Fixture;

// Built once: every test here only reads.
beforeAll(async () => {
  f = await buildFixture();
  await addRows(f.statePath, 'contacts', [
    handRow('app', 'q1', { status: 'in-queue', identifiers: [{ prop: 0, value: 'q@x.com' }] }),
    handRow('hub', 'z9', { status: 'failing', category: 'rate_limited', message: 'slow down', partnerId: 'a9', identifiers: [{ prop: 0, value: 'z@x.com' }] }),
  ]);
});

type Rec = Record<string, unknown>;

async function json(argv: string[]): Promise<Rec[]> {
  const r = await run(f.dir, ['records', SYNC, '--state', f.statePath, '--format', 'json', ...argv]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Rec[];
}

const ids = (rows: Rec[]) => rows.map((r) => `${String(r.object)}/${String(r.side)}/${String(r.side === 'hub' ? r.hubId : r.appId)}`);

describe('syncctl records filters', () => {
  it('given --status failing, when listed, then only failing records come back, each with its category, message and hint', async () => {
    const rows = await json(['--status', 'failing']);
    expect(ids(rows)).toEqual(['contacts/hub/2', 'contacts/hub/z9', 'contacts/app/4']);
    expect(rows[0]).toMatchObject({
      hubId: '2', appId: null, identifiers: { email: 'bob@x.com' }, status: 'failing', category: 'missing_required_field',
      message: expect.stringContaining('phone'), hint: FAILURE_CATEGORIES.missing_required_field,
      lastSynced: null, firstSeen: SYNCED_AT.toISOString(),
    });
    expect(rows[1]).toMatchObject({ hubId: 'z9', appId: 'a9', category: 'rate_limited', hint: FAILURE_CATEGORIES.rate_limited });
  });

  it('given --category with exclusion reasons, when listed, then excluded records of both sides with those reasons come back', async () => {
    const rows = await json(['--category', 'no_email,duplicate']);
    expect(ids(rows)).toEqual(['contacts/hub/3', 'contacts/hub/4', 'contacts/app/2']);
    expect(rows.map((r) => r.category)).toEqual(['no_email', 'duplicate', 'no_email']);
    expect(rows[1]).toMatchObject({ status: 'excluded', hint: EXCLUSION_REASONS.duplicate });
  });

  it('given --status in-queue, when listed, then the queued record comes back with a hint', async () => {
    const rows = await json(['--status', 'in-queue']);
    expect(rows).toEqual([expect.objectContaining({ object: 'contacts', side: 'app', appId: 'q1', status: 'in-queue', hint: expect.stringContaining('Another sync') })]);
  });

  it('given --object by app name and --side, when listed, then only that object and side come back', async () => {
    const rows = await json(['--object', 'accounts', '--side', 'app']);
    expect(ids(rows)).toEqual(['companies/app/1', 'companies/app/2']);
    expect(rows[0]?.identifiers).toEqual({ name: 'acme', domain: 'acme.com' });
  });

  it('given --since and --until, when listed, then records are chosen by last synced, or first seen when never synced', async () => {
    const later = await json(['--since', '2024-02-01']);
    const earlier = await json(['--until', '2024-02-01T00:00:00Z', '--object', 'contacts']);
    const window = await json(['--since', SYNCED_AT.toISOString(), '--until', LATER.toISOString()]);
    const all = await json([]);

    expect(ids(later)).toEqual(['contacts/hub/z9', 'contacts/app/q1']);
    expect(earlier).toHaveLength(11);
    expect(window).toHaveLength(all.length - 2);
    expect(await json(['--since', '1h'])).toEqual([]);
  });

  it('given --columns, when exported as CSV, then exactly those columns come, in that order', async () => {
    const r = await run(f.dir, ['records', SYNC, '--state', f.statePath, '--status', 'failing', '--columns', 'appId,status,hubId', '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('appId,status,hubId\n,failing,2\na9,failing,z9\n4,failing,\n');
  });

  it('given --format ndjson and --limit, when listed, then each line parses and the limit is noted on stderr', async () => {
    const r = await run(f.dir, ['records', SYNC, '--state', f.statePath, '--format', 'ndjson', '--limit', '3']);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as Rec).object)).toEqual(['companies', 'companies', 'companies']);
    expect(r.stderr).toContain('Showing the first 3 matching records (the --limit); more match.');
  });

  it('given --limit at, just under and just over the number of matches, and at the end of a page, when listed, then exactly that many come and the note says whether more match', async () => {
    // Matches span objects and sides, each read as its own pages: the limit cuts across them.
    const all = await json([]);
    expect(all.length).toBeGreaterThan(4);
    const listed = async (limit: number) => {
      const r = await run(f.dir, ['records', SYNC, '--state', f.statePath, '--format', 'ndjson', '--limit', String(limit)]);
      expect(r.code).toBe(0);
      return { ids: ids(r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Rec)), noted: r.stderr.includes('more match') };
    };
    expect(await listed(all.length)).toEqual({ ids: ids(all), noted: false });
    expect(await listed(all.length + 1)).toEqual({ ids: ids(all), noted: false });
    expect(await listed(all.length - 1)).toEqual({ ids: ids(all).slice(0, -1), noted: true });
    // Exactly the first object and side: the cut falls between two pages, and more follow.
    const firstGroup = all.filter((r) => r.object === all[0]?.object && r.side === all[0]?.side).length;
    expect(firstGroup).toBeLessThan(all.length);
    expect(await listed(firstGroup)).toEqual({ ids: ids(all).slice(0, firstGroup), noted: true });
  });

  it('given no matches, when exported as JSON, then the output is an empty array', async () => {
    expect(await json(['--status', 'skipped'])).toEqual([]);
  });
});

describe('syncctl records output', () => {
  it('given the table format, when more records match than the default limit allows, then the table stops and says how to export', async () => {
    const r = await run(f.dir, ['records', SYNC, '--state', f.statePath, '--format', 'table', '--limit', '2']);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^object\s+side\s+hubId\s+appId\s+identifiers\s+status\s+category\s+message\s+lastSynced$/);
    expect(lines).toHaveLength(3);
    expect(r.stderr).toContain('--format csv --output records.csv');
  });

  it('given --output with a .json extension, when exported, then the file holds a JSON array and nothing partial is left', async () => {
    const r = await run(f.dir, ['records', SYNC, '--state', f.statePath, '--output', 'out/../export.json', '--status', 'excluded']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Wrote 3 records to out/../export.json.');
    const rows = JSON.parse(readFileSync(join(f.dir, 'export.json'), 'utf8')) as Rec[];
    expect(rows.map((x) => x.category)).toEqual(['no_email', 'duplicate', 'no_email']);
    expect(readdirSync(f.dir).filter((n) => n.includes('partial'))).toEqual([]);
  });

  it('given --output in a missing directory, when exported, then it fails naming the path', async () => {
    const r = await run(f.dir, ['records', SYNC, '--state', f.statePath, '--output', 'nowhere/x.csv']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('(code: output_unwritable)');
    expect(existsSync(join(f.dir, 'nowhere'))).toBe(false);
  });

  it('given --output naming a directory, when exported, then it fails naming the path and leaves the directory alone', async () => {
    mkdirSync(join(f.dir, 'exports'), { recursive: true });
    const r = await run(f.dir, ['records', SYNC, '--state', f.statePath, '--output', 'exports']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Cannot write the export to \S*exports \(EISDIR\)/);
    expect(r.stderr).toContain('(code: output_unwritable)');
    expect(lstatSync(join(f.dir, 'exports')).isDirectory()).toBe(true);
    expect(readdirSync(f.dir).filter((n) => n.includes('partial'))).toEqual([]);
  });

  it('given --output through a symlink, when exported, then the file it points at is written and the link stays', async () => {
    mkdirSync(join(f.dir, 'shared'), { recursive: true });
    symlinkSync('shared/excluded.csv', join(f.dir, 'excluded.csv'));
    const r = await run(f.dir, ['records', SYNC, '--state', f.statePath, '--output', 'excluded.csv', '--status', 'excluded']);
    expect(r.code).toBe(0);
    expect(lstatSync(join(f.dir, 'excluded.csv')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(f.dir, 'shared', 'excluded.csv'), 'utf8').trim().split('\n')).toHaveLength(4);
    expect(readdirSync(join(f.dir, 'shared'))).toEqual(['excluded.csv']);
  });
});

describe('syncctl records errors', () => {
  const cases: [string, string[], string, string][] = [
    ['an unknown object', ['--object', 'contcts'], 'unknown_object', 'did you mean `contacts`?'],
    ['an unknown status', ['--status', 'broken'], 'unknown_status', '`in-sync`, `failing`, `excluded`, `in-queue`, `pending`, `skipped`'],
    ['an unknown category', ['--category', 'no_mail'], 'unknown_category', 'did you mean `no_email`?'],
    ['an unknown column', ['--columns', 'hubId,colour'], 'unknown_column', '`duplicateOf`'],
    ['an unknown side', ['--side', 'both'], 'unknown_side', '`hub`, `app`'],
    ['a bad time', ['--since', 'yesterday'], 'invalid_time', 'e.g. --since 7d'],
    ['a reversed window', ['--since', '2024-05-01', '--until', '2024-04-01'], 'invalid_time', 'swap them'],
    ['a bad limit', ['--limit', '0'], 'invalid_limit', '--limit 200'],
  ];

  it.each(cases)('given %s, when listed, then it fails with a clear error listing what is allowed', async (_what, argv, code, hint) => {
    const r = await run(f.dir, ['records', SYNC, '--state', f.statePath, ...argv]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`(code: ${code})`);
    expect(r.stderr).toContain(hint);
  });

  it('given an unknown sync, when listed, then it fails with unknown_sync and a did-you-mean', async () => {
    const r = await run(f.dir, ['records', 'crm_shop', '--state', f.statePath]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('did you mean `crm-shop`?');
    expect(r.stderr).toContain('(code: unknown_sync)');
  });

  it('given an unknown format, when listed, then commander names the allowed formats', async () => {
    const r = await run(f.dir, ['records', SYNC, '--state', f.statePath, '--format', 'xml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Allowed choices are table, csv, json, ndjson');
  });
});
