// The change feed's cursor: thousands of records sharing one updated_at are each picked up
// once, and a record stamped by a clock running 90 seconds behind is not lost.
import { afterEach, describe, expect, it } from 'vitest';
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
});
