// The SQLite RecordQuery through its interface: keyset pages return every row once, in order,
// whatever the page size; health of an object nobody indexed is empty; times parse as documented.
import { beforeAll, describe, expect, it } from 'vitest';
import { openHealthState, parseTimeBound, type RecordEntry, type RecordFilter } from '../../src/health/index.js';
import { buildFixture, type Fixture, SYNC } from './helpers.js';

let f: Fixture;

beforeAll(async () => {
  f = await buildFixture();
});

async function collect(pageSize: number, filter: Partial<RecordFilter> = {}): Promise<RecordEntry[]> {
  const state = await openHealthState(f.statePath);
  try {
    const out: RecordEntry[] = [];
    for await (const e of state.query.records({ sync: SYNC, ...filter }, { pageSize })) out.push(e);
    return out;
  } finally {
    await state.close();
  }
}

describe('SqliteRecordQuery', () => {
  it('given page sizes from 1 up, when listing, then every record comes exactly once in the same order', async () => {
    const all = await collect(1000);
    const key = (e: RecordEntry) => `${e.object}/${e.side}/${e.id}`;
    expect(all).toHaveLength(15);
    expect(new Set(all.map(key)).size).toBe(all.length);
    for (const size of [1, 2, 3, 7]) expect((await collect(size)).map(key)).toEqual(all.map(key));
  });

  it('given a page size, when listing by page, then pages hold at most that many, none is empty, and together they are the listing', async () => {
    const key = (e: RecordEntry) => `${e.object}/${e.side}/${e.id}`;
    const all = (await collect(1000)).map(key);
    const state = await openHealthState(f.statePath);
    try {
      const pages: RecordEntry[][] = [];
      for await (const page of state.query.recordPages({ sync: SYNC }, { pageSize: 3 })) pages.push(page);
      expect(pages.every((p) => p.length >= 1 && p.length <= 3)).toBe(true);
      // Each object and side is read on its own: a page never mixes two of them.
      expect(pages.every((p) => new Set(p.map((e) => `${e.object}/${e.side}`)).size === 1)).toBe(true);
      expect(pages.flat().map(key)).toEqual(all);
    } finally {
      await state.close();
    }
  });

  it('given a selective filter and small pages, when listing, then pages skip non-matching rows without ending early', async () => {
    const failing = await collect(1, { statuses: ['failing'] });
    expect(failing.map((e) => `${e.side}/${e.id}/${e.category}`)).toEqual(['hub/2/missing_required_field', 'app/4/missing_required_field']);
  });

  it('given a sync or object with no rows, when asked, then health is all zero and listing yields nothing', async () => {
    const state = await openHealthState(f.statePath);
    try {
      const health = await state.query.objectHealth(SYNC, 'deals');
      expect(health.lastRun).toBeNull();
      expect(health.sides.hub.counts).toEqual({ 'in-sync': 0, failing: 0, excluded: 0, 'in-queue': 0, pending: 0, skipped: 0 });
      expect(await state.query.indexedObjects('other')).toEqual([]);
      expect(await state.query.indexedObjects(SYNC)).toEqual(['companies', 'contacts']);
    } finally {
      await state.close();
    }
    expect(await collect(10, { sync: 'other' })).toEqual([]);
  });
});

describe('parseTimeBound', () => {
  const now = new Date('2024-06-15T12:00:00.000Z');

  it.each([
    ['90s', '2024-06-15T11:58:30.000Z'],
    ['30m', '2024-06-15T11:30:00.000Z'],
    ['1h', '2024-06-15T11:00:00.000Z'],
    ['7d', '2024-06-08T12:00:00.000Z'],
    ['2w', '2024-06-01T12:00:00.000Z'],
    ['2024-05-01', '2024-05-01T00:00:00.000Z'],
    ['2024-05-01T09:30', '2024-05-01T09:30:00.000Z'],
    ['2024-05-01 09:30:15.5', '2024-05-01T09:30:15.500Z'],
    ['2024-05-01T09:30:00+02:00', '2024-05-01T07:30:00.000Z'],
    ['2024-05-01T09:30:00Z', '2024-05-01T09:30:00.000Z'],
  ])('given %s, when parsed, then it is %s', (text, iso) => {
    expect(parseTimeBound(text, '--since', now).toISOString()).toBe(iso);
  });

  it.each(['yesterday', '7 days', '2024-13-45', '-1h', ''])('given %j, when parsed, then it fails with invalid_time', (text) => {
    expect(() => parseTimeBound(text, '--until', now)).toThrow(expect.objectContaining({ code: 'invalid_time' }));
  });
});
