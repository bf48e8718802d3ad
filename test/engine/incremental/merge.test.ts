// Concurrent edits of a linked pair resolve field by field against the last-synced base.
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncObject } from '../../../src/config/model.js';
import { resolveObjects } from '../../../src/engine/index.js';
import { mergeThreeWay } from '../../../src/engine/incremental/index.js';
import { contactsWorld, counting, edit, initialSync, makeSync, pass, row, syncObject, tempDir, type Row, type World } from './helpers.js';

let w: World | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

interface Case {
  name: string;
  over?: Partial<SyncObject>;
  hub: Row;
  app: Row;
  want: { hub: Row; app: Row };
  writes: { hub: number; app: number };
}

const base = { email: 'ana@x.com', firstname: 'Ana', lastname: 'Lee', phone: '+1' };

const cases: Case[] = [
  { name: 'only the hub changed (app wins conflicts): the hub value wins', over: { conflictWinner: 'app' }, hub: { firstname: 'Hub' }, app: {}, want: { hub: { firstname: 'Hub' }, app: { firstname: 'Hub' } }, writes: { hub: 0, app: 1 } },
  { name: 'only the app changed (hub wins conflicts): the app value wins', over: { conflictWinner: 'hub' }, hub: {}, app: { firstname: 'App' }, want: { hub: { firstname: 'App' }, app: { firstname: 'App' } }, writes: { hub: 1, app: 0 } },
  { name: 'both changed to the same value: nothing to write', hub: { firstname: 'Same' }, app: { firstname: 'Same' }, want: { hub: { firstname: 'Same' }, app: { firstname: 'Same' } }, writes: { hub: 0, app: 0 } },
  { name: 'both changed differently, hub wins', over: { conflictWinner: 'hub' }, hub: { firstname: 'Hub' }, app: { firstname: 'App' }, want: { hub: { firstname: 'Hub' }, app: { firstname: 'Hub' } }, writes: { hub: 0, app: 1 } },
  { name: 'both changed differently, app wins', over: { conflictWinner: 'app' }, hub: { firstname: 'Hub' }, app: { firstname: 'App' }, want: { hub: { firstname: 'App' }, app: { firstname: 'App' } }, writes: { hub: 1, app: 0 } },
  { name: 'both changed, the winner emptied the field: nothing changes', over: { conflictWinner: 'hub' }, hub: { firstname: null }, app: { firstname: 'App' }, want: { hub: { firstname: null }, app: { firstname: 'App' } }, writes: { hub: 0, app: 0 } },
  { name: 'different fields changed on each side: both merged', hub: { firstname: 'Hub' }, app: { phone: '+9' }, want: { hub: { firstname: 'Hub', phone: '+9' }, app: { firstname: 'Hub', phone: '+9' } }, writes: { hub: 1, app: 1 } },
  { name: 'one-way to-app: an app change is never written to the hub', over: { direction: 'to-app' }, hub: {}, app: { firstname: 'App' }, want: { hub: { firstname: 'Ana' }, app: { firstname: 'App' } }, writes: { hub: 0, app: 0 } },
  { name: 'one-way to-hub, hub wins: the winner never writes to the source', over: { direction: 'to-hub', conflictWinner: 'hub' }, hub: { firstname: 'Hub' }, app: { firstname: 'App' }, want: { hub: { firstname: 'Hub' }, app: { firstname: 'App' } }, writes: { hub: 0, app: 0 } },
];

describe('concurrent edits of a linked pair', () => {
  it.each(cases)('$name', async (c) => {
    const dir = tempDir();
    const sync = makeSync([syncObject('contacts', 'customers', c.over)]);
    contactsWorld(dir, [base], [base]);
    w = await initialSync(dir, sync);
    if (Object.keys(c.hub).length > 0) edit(w.hubPath, 'contacts', 1, c.hub);
    if (Object.keys(c.app).length > 0) edit(w.appPath, 'customers', 1, c.app);
    const hub = counting(w.hub);
    const app = counting(w.app);
    await pass(w, sync, { kind: 'poll' }, { hub: hub.connector, app: app.connector });
    await pass(w, sync, { kind: 'poll' }, { hub: hub.connector, app: app.connector });
    expect(row(w.hubPath, 'contacts', 1)).toMatchObject(c.want.hub);
    expect(row(w.appPath, 'customers', 1)).toMatchObject(c.want.app);
    expect({ hub: hub.counts.updated, app: app.counts.updated }).toEqual(c.writes);
  });
});

describe('mergeThreeWay', () => {
  async function resolved(over: Partial<SyncObject> = {}) {
    const dir = tempDir();
    contactsWorld(dir, [], []);
    const sync = makeSync([syncObject('contacts', 'customers', over)]);
    w = await initialSync(dir, sync);
    const [def] = sync.objects;
    if (!def) throw new Error('no object');
    const descriptions = new Map([[def.hub, { hub: await w.hub.describe('contacts'), app: await w.app.describe('customers') }]]);
    const [ro] = resolveObjects(sync, [def], descriptions);
    if (!ro) throw new Error('not resolved');
    return ro;
  }

  it('given a value the other side cannot hold, then the pair fails invalid_value and nothing is patched', async () => {
    const ro = await resolved();
    const out = mergeThreeWay(ro, { hub: { email: 'a@x.com' }, app: { email: 'a@x.com', age: 'forty' } }, { hub: { email: 'a@x.com' }, app: { email: 'a@x.com' } });
    expect(out).toMatchObject({ ok: false, category: 'invalid_value' });
    expect(JSON.stringify(out)).not.toContain('forty');
  });

  it('given a required field emptied on one side, then the pair fails missing_required_field', async () => {
    const ro = await resolved({ mappings: { defaults: true, fields: [{ hub: 'lastname', app: 'lastname', enabled: true, required: true }] } });
    const out = mergeThreeWay(ro, { hub: { email: 'a@x.com' }, app: { email: 'a@x.com', lastname: 'Lee' } }, { hub: { email: 'a@x.com', lastname: 'Lee' }, app: { email: 'a@x.com', lastname: 'Lee' } });
    expect(out).toMatchObject({ ok: false, category: 'missing_required_field' });
  });

  it('given numbers stored as text on one side, then equal values are not a change', async () => {
    const ro = await resolved();
    const out = mergeThreeWay(ro, { hub: { age: 41 }, app: { age: '41' } }, { hub: { age: 40 }, app: { age: '40' } });
    expect(out).toMatchObject({ ok: true, conflict: false, patch: { hub: {}, app: {} } });
  });
});
