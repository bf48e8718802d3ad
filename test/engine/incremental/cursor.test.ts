// The change feed's cursor: thousands of records sharing one updated_at are each picked up
// once, and a record stamped by a clock running 90 seconds behind is not lost.
import { afterEach, describe, expect, it } from 'vitest';
import type { Connector } from '../../../src/connectors/types.js';
import { contactsWorld, edit, exec, initialSync, isoNow, makeSync, pass, row, rows, seen, syncObject, tempDir, written, type World } from './helpers.js';

const sync = makeSync([syncObject('contacts', 'customers')]);
let w: World | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

describe('change cursor', () => {
  it('given 10,050 app records changed with the same updated_at, when polled, then each is processed exactly once', async () => {
    const dir = tempDir();
    const people = Array.from({ length: 10_050 }, (_, i) => ({ email: `p${i}@x.com`, firstname: `P${i}`, phone: null }));
    contactsWorld(dir, people, people);
    w = await initialSync(dir, sync);
    expect(seen(await pass(w, sync))).toEqual({ hub: 0, app: 0 });

    const at = isoNow();
    expect(exec(w.appPath, `UPDATE customers SET phone = '+' || id, updated_at = ?`, at)).toBe(10_050);
    const first = await pass(w, sync, { kind: 'poll' }, { tuning: { pageSize: 400 } });
    expect(seen(first)).toEqual({ hub: 0, app: 10_050 });
    expect(written(first)).toEqual({ hub: 10_050, app: 0 });
    expect(first.caughtUp).toBe(true);
    expect(rows(w.hubPath, 'contacts').filter((r) => r.phone === `+${r.id}`)).toHaveLength(10_050);

    const second = await pass(w, sync, { kind: 'poll' }, { tuning: { pageSize: 400 } });
    expect(seen(second)).toEqual({ hub: 0, app: 0 });
    expect(written(second)).toEqual({ hub: 0, app: 0 });
  });

  it('given a record stamped 90 seconds in the past after the cursor moved, when polled, then it is still picked up', async () => {
    const dir = tempDir();
    const people = [{ email: 'a@x.com', firstname: 'A' }, { email: 'b@x.com', firstname: 'B' }];
    contactsWorld(dir, people, people);
    w = await initialSync(dir, sync);
    edit(w.appPath, 'customers', 1, { firstname: 'A2' });
    await pass(w, sync);
    expect(row(w.hubPath, 'contacts', 1)?.firstname).toBe('A2');

    edit(w.appPath, 'customers', 2, { firstname: 'Skewed' }, isoNow(-90_000));
    const report = await pass(w, sync);
    expect(row(w.hubPath, 'contacts', 2)?.firstname).toBe('Skewed');
    expect(seen(report)).toEqual({ hub: 0, app: 1 });
  });

  it('given no overlap window, when a record is stamped behind the cursor, then it is missed (the overlap is what saves it)', async () => {
    const dir = tempDir();
    const people = [{ email: 'a@x.com', firstname: 'A' }, { email: 'b@x.com', firstname: 'B' }];
    contactsWorld(dir, people, people);
    w = await initialSync(dir, sync);
    edit(w.appPath, 'customers', 1, { firstname: 'A2' });
    await pass(w, sync);
    edit(w.appPath, 'customers', 2, { firstname: 'Skewed' }, isoNow(-90_000));
    await pass(w, sync, { kind: 'poll' }, { tuning: { overlapMs: 0 } });
    expect(row(w.hubPath, 'contacts', 2)?.firstname).toBe('B');
  });

  it('given a feed read to its end long enough ago, when nothing changes, then a poll re-reads nothing of the overlap; an edit is read alone', async () => {
    const dir = tempDir();
    const people = Array.from({ length: 300 }, (_, i) => ({ email: `p${i}@x.com`, firstname: `P${i}` }));
    contactsWorld(dir, people, people);
    w = await initialSync(dir, sync);
    const delivered = { hub: 0, app: 0 };
    const tap = (inner: Connector, side: 'hub' | 'app'): Connector => ({
      describe: (o) => inner.describe(o),
      list: (o, opts) => inner.list(o, opts),
      read: (o, ids, props) => inner.read(o, ids, props),
      create: (o, inputs) => inner.create(o, inputs),
      update: (o, inputs) => inner.update(o, inputs),
      close: () => inner.close(),
      async *changes(o, since, opts) {
        for await (const page of inner.changes(o, since, opts)) {
          delivered[side] += page.records.length;
          yield page;
        }
      },
    });
    // A 200 ms overlap stands in for the 2-minute one, so that "long enough ago" fits in a test.
    const over = { hub: tap(w.hub, 'hub'), app: tap(w.app, 'app'), tuning: { overlapMs: 200 } };
    const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 300));
    expect(exec(w.appPath, `UPDATE customers SET phone = '+' || id, updated_at = ?`, isoNow())).toBe(300);
    await pass(w, sync, { kind: 'poll' }, over);
    expect(delivered.app).toBe(300);
    await settle();
    await pass(w, sync, { kind: 'poll' }, over);
    await settle();

    // Every change is older than the overlap before the last complete poll: nothing is re-read.
    delivered.hub = delivered.app = 0;
    expect(seen(await pass(w, sync, { kind: 'poll' }, over))).toEqual({ hub: 0, app: 0 });
    expect(delivered).toEqual({ hub: 0, app: 0 });

    edit(w.appPath, 'customers', 7, { firstname: 'Seven' });
    await pass(w, sync, { kind: 'poll' }, over);
    expect(delivered.app).toBe(1);
    expect(row(w.hubPath, 'contacts', 7)?.firstname).toBe('Seven');
  });
});
