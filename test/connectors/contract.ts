// The contract every connector runs: given a fresh connector on an empty object and a way to
// put records into the app behind its back, these tests pin the behaviour the engine relies on.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChangePage, Connector, Page, Properties, RemoteRecord } from '../../src/connectors/types.js';

const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const FIELD_TYPES = ['string', 'number', 'boolean', 'date', 'datetime', 'enum'];
const T0 = '2024-03-01T09:00:00.000Z';

/** A fresh connector on an empty object, and how to reach the app without it. */
export interface ContractFixture {
  connector: Connector;
  object: string;
  /** Valid, distinct properties for the n-th record. */
  sample(n: number): Properties;
  /** A writable text property that may be set to any text. */
  textProperty: string;
  /** Properties of a record the app must refuse with `invalid_value`. */
  invalidProperties: Properties;
  /** An id that no record has. */
  missingId: string;
  /** Puts records into the app directly (not through the connector), all changed at `updatedAt`; returns their ids in order. */
  seed(records: Properties[], updatedAt: string): Promise<string[]>;
  cleanup(): Promise<void>;
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

function expectProperties(record: RemoteRecord | undefined, expected: Properties): void {
  expect(record).toBeDefined();
  for (const [key, value] of Object.entries(expected)) expect(record?.properties[key], key).toEqual(value);
}

/** Registers the connector contract's describe blocks for one connector. */
export function connectorContract(name: string, fresh: () => Promise<ContractFixture>): void {
  describe(`connector contract: ${name}`, () => {
    let f: ContractFixture;
    beforeEach(async () => {
      f = await fresh();
    });
    afterEach(async () => {
      await f.connector.close();
      await f.cleanup();
    });

    describe('describe', () => {
      it('names typed, unique fields that cover the sample properties', async () => {
        const d = await f.connector.describe(f.object);
        expect(d.object).toBe(f.object);
        const names = d.fields.map((x) => x.name);
        expect(new Set(names).size).toBe(names.length);
        for (const field of d.fields) {
          expect(FIELD_TYPES).toContain(field.type);
          if (field.type === 'enum') expect(field.options?.length).toBeGreaterThan(0);
        }
        for (const key of [...Object.keys(f.sample(1)), f.textProperty]) expect(names).toContain(key);
        for (const id of d.identifiers) expect(names).toContain(id);
        expect(d.fields.find((x) => x.name === f.textProperty)?.readOnly).toBe(false);
      });
    });

    describe('list', () => {
      it('yields one empty last page for an empty object', async () => {
        const pages = await collect(f.connector.list(f.object, { pageSize: 10 }));
        expect(pages.flatMap((p) => p.records)).toEqual([]);
        expect(pages.at(-1)?.nextCursor).toBeUndefined();
      });

      it('streams every record once in pages no larger than pageSize', async () => {
        const ids = await f.seed(Array.from({ length: 23 }, (_, i) => f.sample(i)), T0);
        const pages: Page[] = await collect(f.connector.list(f.object, { pageSize: 5 }));
        expect(pages.length).toBe(5);
        for (const page of pages) expect(page.records.length).toBeLessThanOrEqual(5);
        pages.slice(0, -1).forEach((p) => expect(p.nextCursor).toBeDefined());
        expect(pages.at(-1)?.nextCursor).toBeUndefined();
        const listed = pages.flatMap((p) => p.records);
        expect(listed.map((r) => r.id).sort()).toEqual([...ids].sort());
        for (const r of listed) expect(r.updatedAt).toBe(T0);
        ids.forEach((id, i) => expectProperties(listed.find((r) => r.id === id), f.sample(i)));
      });

      it('resumes after a cursor without repeating or skipping', async () => {
        await f.seed(Array.from({ length: 12 }, (_, i) => f.sample(i)), T0);
        const first = (await collect(f.connector.list(f.object, { pageSize: 4 })))[0];
        const rest = (await collect(f.connector.list(f.object, { pageSize: 4, cursor: first?.nextCursor ?? '' }))).flatMap((p) => p.records);
        const all = [...(first?.records ?? []), ...rest].map((r) => r.id);
        expect(all.length).toBe(12);
        expect(new Set(all).size).toBe(12);
      });

      it('returns the requested properties', async () => {
        await f.seed([f.sample(1)], T0);
        const [page] = await collect(f.connector.list(f.object, { pageSize: 10, properties: [f.textProperty] }));
        expect(page?.records[0]?.properties[f.textProperty]).toEqual(f.sample(1)[f.textProperty]);
      });
    });

    describe('read', () => {
      it('returns the records asked for and leaves out ids that do not exist', async () => {
        const ids = await f.seed([f.sample(1), f.sample(2), f.sample(3)], T0);
        const found = await f.connector.read(f.object, [ids[2] ?? '', f.missingId, ids[0] ?? '']);
        expect(found.map((r) => r.id)).toEqual([ids[2], ids[0]]);
        expectProperties(found[0], f.sample(3));
        expect(await f.connector.read(f.object, [])).toEqual([]);
      });
    });

    describe('create', () => {
      it('creates each record and answers per record in input order', async () => {
        const results = await f.connector.create(f.object, [1, 2, 3].map((n) => ({ ref: `r${n}`, properties: f.sample(n) })));
        expect(results.map((r) => r.ok && r.ref)).toEqual(['r1', 'r2', 'r3']);
        const ids = results.map((r) => (r.ok ? r.id : ''));
        expect(new Set(ids).size).toBe(3);
        const read = await f.connector.read(f.object, ids);
        read.forEach((r, i) => {
          expectProperties(r, f.sample(i + 1));
          expect(r.updatedAt).toMatch(ISO_MS);
        });
      });

      it('fails a bad record alone and writes the rest of its batch', async () => {
        const results = await f.connector.create(f.object, [
          { ref: 'good-1', properties: f.sample(1) },
          { ref: 'bad', properties: f.invalidProperties },
          { ref: 'good-2', properties: f.sample(2) },
        ]);
        expect(results[0]?.ok).toBe(true);
        expect(results[1]).toMatchObject({ ok: false, ref: 'bad', category: 'invalid_value', retryable: false });
        expect(results[2]?.ok).toBe(true);
        const listed = (await collect(f.connector.list(f.object, { pageSize: 10 }))).flatMap((p) => p.records);
        expect(listed.length).toBe(2);
      });
    });

    describe('update', () => {
      it('changes only the given properties and moves updatedAt forward', async () => {
        const [id = ''] = await f.seed([f.sample(1)], T0);
        const [result] = await f.connector.update(f.object, [{ id, properties: { [f.textProperty]: 'changed text' } }]);
        expect(result).toMatchObject({ ok: true, id });
        const [after] = await f.connector.read(f.object, [id]);
        expectProperties(after, { ...f.sample(1), [f.textProperty]: 'changed text' });
        expect(Date.parse(after?.updatedAt ?? '')).toBeGreaterThan(Date.parse(T0));
      });

      it('reports a missing id as not_found and updates the rest', async () => {
        const [id = ''] = await f.seed([f.sample(1)], T0);
        const results = await f.connector.update(f.object, [
          { id: f.missingId, properties: { [f.textProperty]: 'x' } },
          { id, properties: { [f.textProperty]: 'y' } },
        ]);
        expect(results[0]).toMatchObject({ ok: false, id: f.missingId, category: 'not_found' });
        expect(results[1]).toMatchObject({ ok: true, id });
      });

      it('fails an invalid value alone and leaves that record as it was', async () => {
        const ids = await f.seed([f.sample(1), f.sample(2)], T0);
        const results = await f.connector.update(f.object, [
          { id: ids[0] ?? '', properties: f.invalidProperties },
          { id: ids[1] ?? '', properties: { [f.textProperty]: 'fine' } },
        ]);
        expect(results[0]).toMatchObject({ ok: false, category: 'invalid_value' });
        expect(results[1]?.ok).toBe(true);
        const [unchanged] = await f.connector.read(f.object, [ids[0] ?? '']);
        expectProperties(unchanged, f.sample(1));
        expect(unchanged?.updatedAt).toBe(T0);
      });
    });

    describe('changes', () => {
      it('pages through every change once, in updatedAt order, ending on the last cursor', async () => {
        await f.seed(Array.from({ length: 6 }, (_, i) => f.sample(i)), '2024-03-01T08:00:00.000Z');
        await f.seed(Array.from({ length: 5 }, (_, i) => f.sample(i + 6)), T0);
        const pages: ChangePage[] = await collect(f.connector.changes(f.object, undefined, { pageSize: 4 }));
        const records = pages.flatMap((p) => p.records);
        for (const p of pages) expect(p.records.length).toBeLessThanOrEqual(4);
        expect(records.length).toBe(11);
        expect(new Set(records.map((r) => r.id)).size).toBe(11);
        const times = records.map((r) => Date.parse(r.updatedAt));
        expect(times).toEqual([...times].sort((a, b) => a - b));
        const last = records.at(-1);
        expect(pages.at(-1)?.cursor).toEqual({ updatedAt: last?.updatedAt, id: last?.id });
      });

      it('returns only what changed after the cursor, and nothing when nothing did', async () => {
        const ids = await f.seed([f.sample(1), f.sample(2), f.sample(3)], T0);
        const cursor = (await collect(f.connector.changes(f.object, undefined, { pageSize: 10 }))).at(-1)?.cursor;
        const idle = await collect(f.connector.changes(f.object, cursor, { pageSize: 10 }));
        expect(idle.flatMap((p) => p.records)).toEqual([]);
        expect(idle.at(-1)?.cursor).toEqual(cursor);
        await f.connector.update(f.object, [{ id: ids[1] ?? '', properties: { [f.textProperty]: 'moved' } }]);
        const changed = (await collect(f.connector.changes(f.object, cursor, { pageSize: 10 }))).flatMap((p) => p.records);
        expect(changed.map((r) => r.id)).toEqual([ids[1]]);
        expect(changed[0]?.properties[f.textProperty]).toBe('moved');
      });

      it('reads again the changes within overlapMs before the cursor', async () => {
        await f.seed([f.sample(1), f.sample(2)], T0);
        const cursor = (await collect(f.connector.changes(f.object, undefined, { pageSize: 10 }))).at(-1)?.cursor;
        const again = await collect(f.connector.changes(f.object, cursor, { pageSize: 10, overlapMs: 60_000 }));
        expect(again.flatMap((p) => p.records).length).toBe(2);
      });
    });
  });
}
