// Two syncs sharing the hub's contacts: a record one of them is writing is in queue for the
// other, which takes it up once the first is done.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteConnector } from '../../../src/connectors/index.js';
import type { Connector, UpdateInput, WriteResult } from '../../../src/connectors/types.js';
import { runInitialSync } from '../../../src/engine/index.js';
import { createApp, contactsWorld, edit, indexRows, initialSync, makeSync, pass, row, silent, syncObject, tempDir, type World } from './helpers.js';

const syncA = makeSync([syncObject('contacts', 'customers')]);
const syncB = makeSync([syncObject('contacts', 'customers')], { name: 'crm-shop2', app: 'shop2' });
const ana = { email: 'ana@x.com', firstname: 'Ana' };

let w: World | undefined;
const extra: Connector[] = [];
afterEach(async () => {
  for (const c of extra.splice(0)) await c.close();
  await w?.close();
  w = undefined;
});

/** A connector whose updates wait at a gate the test opens. */
function gated(inner: Connector): { connector: Connector; entered: Promise<void>; open: () => void } {
  let enter: () => void = () => undefined;
  let open: () => void = () => undefined;
  const entered = new Promise<void>((r) => (enter = r));
  const gate = new Promise<void>((r) => (open = r));
  return {
    entered,
    open,
    connector: {
      describe: (o) => inner.describe(o),
      read: (o, ids, p) => inner.read(o, ids, p),
      changes: (o, s, opts) => inner.changes(o, s, opts),
      list: (o, opts) => inner.list(o, opts),
      create: (o, i) => inner.create(o, i),
      close: () => inner.close(),
      async update(o: string, inputs: readonly UpdateInput[]): Promise<WriteResult[]> {
        enter();
        await gate;
        return inner.update(o, inputs);
      },
    },
  };
}

async function twoSyncs(): Promise<{ w: World; hubB: Connector; shop2: Connector; shop2Path: string }> {
  const dir = tempDir();
  contactsWorld(dir, [ana], [ana]);
  const shop2Path = join(dir, 'shop2.db');
  createApp(shop2Path, { customers: { ddl: `CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT, firstname TEXT, lastname TEXT, phone TEXT, age TEXT, segment TEXT, updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))`, rows: [ana] } });
  w = await initialSync(dir, syncA);
  const hubB = createSqliteConnector({ path: w.hubPath }, { connection: 'crm', baseDir: dir });
  const shop2 = createSqliteConnector({ path: shop2Path }, { connection: 'shop2', baseDir: dir });
  extra.push(hubB, shop2);
  await runInitialSync({ sync: syncB, hub: hubB, app: shop2, index: w.index, objects: 'all', logger: silent });
  return { w, hubB, shop2, shop2Path };
}

describe('a record touched by two syncs at once', () => {
  it('given sync A is writing a hub record, when sync B processes it, then it is in queue for B, and B syncs it once A is done', async () => {
    const { w, hubB, shop2, shop2Path } = await twoSyncs();
    edit(w.hubPath, 'contacts', 1, { firstname: 'Both' });
    const appA = gated(w.app);
    const passA = pass(w, syncA, { kind: 'poll' }, { app: appA.connector });
    await appA.entered;

    const b1 = await pass(w, syncB, { kind: 'poll' }, { hub: hubB, app: shop2 });
    expect(b1.caughtUp).toBe(false);
    expect(b1.failures).toBe(1);
    expect(indexRows(w.statePath, 'crm-shop2', 'hub')[0]?.status).toBe('in-queue');
    expect(row(shop2Path, 'customers', 1)?.firstname).toBe('Ana');

    appA.open();
    expect((await passA).failures).toBe(0);
    expect(row(w.appPath, 'customers', 1)?.firstname).toBe('Both');

    const b2 = await pass(w, syncB, { kind: 'poll' }, { hub: hubB, app: shop2 });
    expect(b2).toMatchObject({ caughtUp: true, failures: 0 });
    expect(row(shop2Path, 'customers', 1)?.firstname).toBe('Both');
    expect(indexRows(w.statePath, 'crm-shop2', 'hub')[0]?.status).toBe('in-sync');
    expect(indexRows(w.statePath, 'crm-shop', 'hub')[0]?.status).toBe('in-sync');
  });

  it('given sync A finishes while B waits for the record, when B is allowed to wait, then B syncs it in the same pass', async () => {
    const { w, hubB, shop2, shop2Path } = await twoSyncs();
    edit(w.hubPath, 'contacts', 1, { firstname: 'Soon' });
    const appA = gated(w.app);
    const passA = pass(w, syncA, { kind: 'poll' }, { app: appA.connector });
    await appA.entered;
    const passB = pass(w, syncB, { kind: 'poll' }, { hub: hubB, app: shop2, tuning: { leaseWaitMs: 5_000 } });
    setTimeout(appA.open, 50);
    const [, b] = await Promise.all([passA, passB]);
    expect(b).toMatchObject({ caughtUp: true, failures: 0 });
    expect(row(shop2Path, 'customers', 1)?.firstname).toBe('Soon');
  });
});
