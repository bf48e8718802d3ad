// The bench's small helpers: latency figures, counting an exported CSV, budgets, and the hash
// that keys cached indexed states (it must change with the engine's code and only with it).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { countCsvRecords, countLines } from '../../bench/lib/csv-check.mjs';
import { buildBudgetMs, engineHash, indexedKey } from '../../bench/lib/indexed-state.mjs';
import { latencySummary } from '../../bench/lib/latency.mjs';

const dir = mkdtempSync(join(tmpdir(), 'syncctl-bench-helpers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('latencySummary', () => {
  it('gives nearest-rank p50 and p95, min and max', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(latencySummary(values)).toEqual({ n: 100, min: 1, p50: 50, p95: 95, max: 100 });
  });

  it('takes the slowest of 20 edits as p95 only when it is among the slowest 5%', () => {
    const values = [...Array.from({ length: 19 }, () => 10), 900];
    expect(latencySummary(values)).toMatchObject({ p50: 10, p95: 10, max: 900 });
    expect(latencySummary([...values, 800])).toMatchObject({ p95: 800, max: 900 });
  });

  it('has no figures for no values', () => {
    expect(latencySummary([])).toEqual({ n: 0, min: undefined, p50: undefined, p95: undefined, max: undefined });
  });
});

describe('CSV counts', () => {
  it('counts lines with and without a final line end', () => {
    writeFileSync(join(dir, 'a.csv'), 'h1,h2\n1,2\n3,4\n');
    writeFileSync(join(dir, 'b.csv'), 'h1,h2\n1,2\n3,4');
    writeFileSync(join(dir, 'empty.csv'), '');
    expect(countLines(join(dir, 'a.csv'))).toBe(3);
    expect(countLines(join(dir, 'b.csv'))).toBe(3);
    expect(countLines(join(dir, 'empty.csv'))).toBe(0);
  });

  it('counts lines across its 1 MB reads', () => {
    const line = `${'x'.repeat(99)}\n`;
    writeFileSync(join(dir, 'big.csv'), line.repeat(30_000));
    expect(countLines(join(dir, 'big.csv'))).toBe(30_000);
  });

  it('counts records, not lines, when a quoted cell holds a line break', async () => {
    writeFileSync(join(dir, 'q.csv'), 'id,message\n1,"line one\nline two"\n2,plain\n');
    expect(countLines(join(dir, 'q.csv'))).toBe(4);
    expect(await countCsvRecords(join(dir, 'q.csv'))).toBe(3);
  });
});

describe('buildBudgetMs', () => {
  const now = 1_000_000;
  it('is the build’s own budget when the run has time', () => {
    expect(buildBudgetMs(240, now + 900_000, 200, now)).toBe(240_000);
    expect(buildBudgetMs(240, undefined, 200, now)).toBe(240_000);
  });

  it('leaves the reserve to the scenarios after it when the deadline is near', () => {
    expect(buildBudgetMs(240, now + 300_000, 200, now)).toBe(100_000);
  });

  it('never goes under 10 s, nor over the build’s own budget', () => {
    expect(buildBudgetMs(240, now + 100_000, 200, now)).toBe(10_000);
    expect(buildBudgetMs(5, now + 100_000, 200, now)).toBe(5000);
  });
});

describe('engineHash', () => {
  const dist = join(dir, 'dist');
  const write = (path: string, text: string): void => {
    mkdirSync(join(dist, path, '..'), { recursive: true });
    writeFileSync(join(dist, path), text);
  };
  write('engine/pass.js', 'export const a = 1;');
  write('store/sqlite/record-index.js', 'export const b = 1;');
  write('connectors/registry.js', 'export const r = 1;');
  write('connectors/sqlite/reader.js', 'export const s = 1;');
  write('connectors/hubspot/read.js', 'export const h = 1;');
  write('cli/main.js', 'export const c = 1;');

  it('changes when the engine, the state store or the SQLite connector changes', () => {
    const before = engineHash(dist);
    expect(engineHash(dist)).toBe(before);
    for (const file of ['engine/pass.js', 'store/sqlite/record-index.js', 'connectors/sqlite/reader.js', 'connectors/registry.js']) {
      const was = engineHash(dist);
      write(file, `export const changed = ${JSON.stringify(file)};`);
      expect(engineHash(dist), file).not.toBe(was);
    }
  });

  it('stays when only code that cannot change a build’s files changes (CLI, other connectors)', () => {
    const before = engineHash(dist);
    write('cli/main.js', 'export const c = 2;');
    write('connectors/hubspot/read.js', 'export const h = 2;');
    expect(engineHash(dist)).toBe(before);
  });

  it('keys a state by dataset version, seed, size and hash', () => {
    expect(indexedKey(100_000, 7, 'abc123')).toMatch(/^v\d+\.\d+-seed7-contacts100000-abc123$/);
  });
});
