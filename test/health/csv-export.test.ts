// CSV exports of awkward values round-trip through a real CSV parser (csv-parse), and cells a
// spreadsheet would run as formulas are neutralised unless asked to keep them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { addRows, buildFixture, type Fixture, handRow, run, SYNC } from './helpers.js';

const AWKWARD = [
  { id: 'a,1', message: 'comma, inside', ident: 'x,y@z.com' },
  { id: 'q"2', message: 'He said "hi" and left', ident: '"quoted"@z.com' },
  { id: 'n3', message: 'line one\nline two\r\nline three', ident: 'multi\nline@z.com' },
  { id: 'e4', message: 'Zoë 😀 naïve — 東京', ident: '😀@z.com' },
  { id: 'f5', message: '=HYPERLINK("http://evil.example","click")', ident: '=1+1' },
  { id: 'f6', message: '+49 30 1234567', ident: '@handle' },
  { id: 'f7', message: '-2+3', ident: '\tlead-tab' },
];

let f: Fixture;

beforeAll(async () => {
  f = await buildFixture();
  await addRows(f.statePath, 'contacts', AWKWARD.map((a) =>
    handRow('hub', a.id, { status: 'failing', category: 'invalid_value', message: a.message, identifiers: [{ prop: 0, value: a.ident }] }),
  ));
});

async function exportCsv(extra: string[]): Promise<Record<string, string>[]> {
  const r = await run(f.dir, ['records', SYNC, '--state', f.statePath, '--category', 'invalid_value', '--columns', 'hubId,identifiers,message,hint', ...extra]);
  expect(r.code).toBe(0);
  return parse(r.stdout, { columns: true, relax_column_count: false }) as Record<string, string>[];
}

describe('CSV export', () => {
  it('given commas, quotes, line breaks and unicode, when exported with --csv-formulas keep, then every cell parses back exactly', async () => {
    const rows = await exportCsv(['--csv-formulas', 'keep']);
    const byId = new Map(rows.map((r) => [r.hubId, r]));
    expect(rows).toHaveLength(AWKWARD.length);
    for (const a of AWKWARD) {
      expect(byId.get(a.id)).toEqual({
        hubId: a.id,
        identifiers: `email=${a.ident}`,
        message: a.message,
        hint: 'Correct the value in the source record so the target field type can hold it, or switch the mapping off.',
      });
    }
  });

  it('given cells starting with = + - @ or a tab, when exported by default, then those cells get a leading quote and the rest is untouched', async () => {
    const rows = await exportCsv([]);
    const byId = new Map(rows.map((r) => [r.hubId, r]));
    expect(byId.get('f5')?.message).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(byId.get('f6')?.message).toBe(`'+49 30 1234567`);
    expect(byId.get('f7')?.message).toBe(`'-2+3`);
    expect(byId.get('n3')?.message).toBe('line one\nline two\r\nline three');
    expect(byId.get('e4')?.message).toBe('Zoë 😀 naïve — 東京');
    // The identifiers cell starts with its property name, so it is never a formula.
    expect(byId.get('f5')?.identifiers).toBe('email==1+1');
  });

  it('given --output FILE.csv, when exported, then the file parses to the same rows as stdout', async () => {
    const fromStdout = await exportCsv(['--csv-formulas', 'keep']);
    const r = await run(f.dir, [
      'records', SYNC, '--state', f.statePath, '--category', 'invalid_value', '--columns', 'hubId,identifiers,message,hint',
      '--csv-formulas', 'keep', '--output', 'export.csv',
    ]);
    expect(r.code).toBe(0);
    expect(parse(readFileSync(join(f.dir, 'export.csv'), 'utf8'), { columns: true })).toEqual(fromStdout);
  });

  it('given awkward values, when exported as JSON, then the values come back exactly', async () => {
    const r = await run(f.dir, ['records', SYNC, '--state', f.statePath, '--category', 'invalid_value', '--format', 'json', '--columns', 'hubId,message']);
    const rows = JSON.parse(r.stdout) as { hubId: string; message: string }[];
    expect(new Map(rows.map((x) => [x.hubId, x.message]))).toEqual(new Map(AWKWARD.map((a) => [a.id, a.message])));
  });
});
