// The SQLite connector notices commits to its file by other connections (PRAGMA data_version),
// not its own writes, and an edit made by another program propagates through a pass it starts.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteConnector, type SqliteConnector } from '../../../src/connectors/index.js';
import { contactsWorld, edit, initialSync, makeSync, pass, row, syncObject, tempDir, type World } from './helpers.js';

const FAST_WATCH = { intervalMs: 10, debounceMs: 5 };
const opened: SqliteConnector[] = [];
let w: World | undefined;
afterEach(async () => {
  for (const c of opened.splice(0)) await c.close();
  await w?.close();
  w = undefined;
});

function connector(dir: string, file: string): SqliteConnector {
  const c = createSqliteConnector({ path: join(dir, file) }, { connection: file, baseDir: dir }, { watch: FAST_WATCH });
  opened.push(c);
  return c;
}

/** Resolves once `check` holds (checked every few ms), or fails after `limitMs`. */
async function eventually(check: () => boolean, limitMs = 5_000): Promise<void> {
  const until = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

const ticks = (n: number): Promise<void> => new Promise((r) => setTimeout(r, n * FAST_WATCH.intervalMs + FAST_WATCH.debounceMs));

describe('SQLite connector watch', () => {
  it('given another connection commits, then onChange is called once per watched object for the burst', async () => {
    const dir = tempDir();
    contactsWorld(dir, [{ email: 'a@x.com' }], [{ email: 'a@x.com' }]);
    const shop = connector(dir, 'shop.db');
    const calls: string[] = [];
    const stop = shop.watch(['customers', 'orders'], (object) => calls.push(object));
    for (let i = 0; i < 20; i++) edit(join(dir, 'shop.db'), 'customers', 1, { firstname: `N${i}` });
    await eventually(() => calls.length >= 2);
    await ticks(3);
    expect(calls).toEqual(['customers', 'orders']);
    stop();
  });

  it("given the connector's own writes, then onChange is not called", async () => {
    const dir = tempDir();
    contactsWorld(dir, [], [{ email: 'a@x.com' }]);
    const shop = connector(dir, 'shop.db');
    const calls: string[] = [];
    const stop = shop.watch(['customers'], (object) => calls.push(object));
    await shop.update('customers', [{ id: '1', properties: { firstname: 'Own' } }]);
    await ticks(5);
    expect(calls).toEqual([]);
    stop();
  });

  it('given the watch is stopped or the connector closed, then later commits call nothing', async () => {
    const dir = tempDir();
    contactsWorld(dir, [], [{ email: 'a@x.com' }]);
    const stopped = connector(dir, 'shop.db');
    const closed = connector(dir, 'shop.db');
    const calls: string[] = [];
    stopped.watch(['customers'], (o) => calls.push(`stopped:${o}`))();
    closed.watch(['customers'], (o) => calls.push(`closed:${o}`));
    await closed.close();
    edit(join(dir, 'shop.db'), 'customers', 1, { firstname: 'Later' });
    await ticks(5);
    expect(calls).toEqual([]);
  });

  it('given a missing file, then watch fails at once with sqlite_file_missing', () => {
    const dir = tempDir();
    expect(() => connector(dir, 'nope.db').watch(['customers'], () => undefined)).toThrow(expect.objectContaining({ code: 'sqlite_file_missing' }));
  });

  it('given a pass started on each notice, when another program edits the app, then the edit reaches the hub', async () => {
    const dir = tempDir();
    const sync = makeSync([syncObject('contacts', 'customers')]);
    contactsWorld(dir, [{ email: 'a@x.com', firstname: 'A' }], [{ email: 'a@x.com', firstname: 'A' }]);
    w = await initialSync(dir, sync);
    const world = w;
    const watcher = connector(dir, 'shop.db');
    let running = Promise.resolve();
    const stop = watcher.watch(['customers'], () => {
      running = running.then(async () => void (await pass(world, sync)));
    });
    edit(world.appPath, 'customers', 1, { firstname: 'Watched' });
    await eventually(() => row(world.hubPath, 'contacts', 1)?.firstname === 'Watched');
    stop();
    await running;
  });
});
