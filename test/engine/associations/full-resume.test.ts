// The full reconciliation after the initial sync is resumable: a pass stopped mid-way (abort
// signal) leaves a checkpoint; the next pass carries on after it, writing nothing twice.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Connector } from '../../../src/connectors/types.js';
import { runIncrementalPass } from '../../../src/engine/incremental/index.js';
import { noteAssociationChange } from '../../../src/runner/incremental-adapter.js';
import { type Row, type World, assocSync, exec, idOf, pass, recording, silent, startWorld, table, tempDir } from './helpers.js';

const N = 7;
const PEOPLE: Row[] = Array.from({ length: N }, (_, i) => ({ email: `p${i + 1}@x.com`, firstname: `P${i + 1}`, lastname: 'L', phone: `${i}` }));
const COMPANIES: Row[] = Array.from({ length: N }, (_, i) => ({ name: `Co${i + 1}`, domain: `co${i + 1}.com` }));
// Contact k's primary company is company k (ids are in insertion order on the hub).
const LINKS: Row[] = Array.from({ length: N }, (_, i) => ({ contact_id: i + 1, company_id: i + 1, is_primary: 1 }));
const TUNING = { pageSize: 2, retryBaseMs: 2, leaseWaitMs: 0 };

let w: World | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

function checkpoint(statePath: string): { runs: string; done: number; resume_after: string } | undefined {
  const db = new Database(statePath, { readonly: true });
  try {
    return db.prepare("SELECT runs, done, resume_after FROM association_checkpoints WHERE association = 'contacts->companies'").get() as { runs: string; done: number; resume_after: string } | undefined;
  } finally {
    db.close();
  }
}

describe('full reconciliation', () => {
  it('stopped mid-way, resumes after its last saved batch on the next pass: every edge once, none written twice', async () => {
    const sync = assocSync({}, [{ from: 'contacts', to: 'companies' }]);
    const world = (w = await startWorld(tempDir(), sync, { contacts: PEOPLE, companies: COMPANIES, contacts_companies: LINKS }, { customers: PEOPLE }));
    const stop = new AbortController();
    const first = recording(world.app, () => stop.abort());
    const stopped = await runIncrementalPass({ sync, hub: world.hub, app: first.connector, index: world.index, logger: silent, trigger: { kind: 'poll' }, signal: stop.signal, tuning: TUNING });
    expect(stopped.caughtUp).toBe(false);
    expect(stopped.associations[0]).toMatchObject({ full: true, reconciled: false, checked: 2, added: { app: 2 } });
    expect(first.calls.add).toHaveLength(2);
    expect(table(world.appPath, 'customers_accounts')).toHaveLength(2);
    expect(checkpoint(world.statePath)).toMatchObject({ done: 0, resume_after: '2' });

    const second = recording(world.app);
    const resumed = await pass(world, sync, { kind: 'poll' }, { app: second.connector, tuning: TUNING });
    expect(resumed.caughtUp).toBe(true);
    expect(resumed.associations[0]).toMatchObject({ full: true, reconciled: true, added: { hub: 0, app: N - 2 } });
    expect(second.calls.add.map((e) => e.fromId)).toHaveLength(N - 2);
    expect(checkpoint(world.statePath)).toMatchObject({ done: 1 });
    const links = table(world.appPath, 'customers_accounts');
    expect(links).toHaveLength(N);
    expect(new Set(links.map((l) => l.customer_id)).size).toBe(N);
    expect(links.every((l) => l.is_primary === 1)).toBe(true);
  });

  it('a batch done again (its outcome was never saved) writes no duplicate', async () => {
    const sync = assocSync({}, [{ from: 'contacts', to: 'companies' }]);
    const world = (w = await startWorld(tempDir(), sync, { contacts: PEOPLE, companies: COMPANIES, contacts_companies: LINKS }, { customers: PEOPLE }));
    const stop = new AbortController();
    await runIncrementalPass({ sync, hub: world.hub, app: recording(world.app, () => stop.abort()).connector, index: world.index, logger: silent, trigger: { kind: 'poll' }, signal: stop.signal, tuning: TUNING });
    // As if the process died after the writes and before the save: no base, checkpoint at the start.
    const db = new Database(world.statePath);
    db.prepare("UPDATE association_checkpoints SET resume_after = ''").run();
    db.prepare('DELETE FROM association_base').run();
    db.close();
    const again = recording(world.app);
    await pass(world, sync, { kind: 'poll' }, { app: again.connector, tuning: TUNING });
    // The two edges already in the app are seen on both sides: not written again.
    expect(again.calls.add).toHaveLength(N - 2);
    expect(table(world.appPath, 'customers_accounts')).toHaveLength(N);
    expect(checkpoint(world.statePath)).toMatchObject({ done: 1 });
  });

  it('a record touched while the reconciliation was interrupted, before the page it was on, is re-read once it completes', async () => {
    const sync = assocSync({}, [{ from: 'contacts', to: 'companies' }]);
    const world = (w = await startWorld(tempDir(), sync, { contacts: PEOPLE, companies: COMPANIES, contacts_companies: LINKS }, { customers: PEOPLE }));
    // A hub like HubSpot: no scan, so a change of associations alone is seen only when named.
    const hub = withoutScan(world.hub);
    const stop = new AbortController();
    await runIncrementalPass({ sync, hub, app: recording(world.app, () => stop.abort()).connector, index: world.index, logger: silent, trigger: { kind: 'poll' }, signal: stop.signal, tuning: TUNING });
    expect(checkpoint(world.statePath)).toMatchObject({ done: 0, resume_after: '2' });

    // Contact 1 (reconciled already) gets company 3 as its primary; a webhook names it.
    exec(world.hubPath, 'UPDATE contacts_companies SET company_id = 3 WHERE contact_id = 1');
    await noteAssociationChange(world.index, sync, 'hub', 'contacts', ['1']);
    const resumed = await pass(world, sync, { kind: 'poll' }, { hub, tuning: TUNING });
    expect(resumed.associations[0]).toMatchObject({ reconciled: true, failing: 0 });
    const co3 = idOf(world.appPath, 'accounts', 'name', 'Co3');
    expect(table(world.appPath, 'customers_accounts').filter((l) => l.account_id === co3).map((l) => l.customer_id).sort()).toEqual([1, 3]);
  });
});

/** A connector without `scan`, as HubSpot's: associations are re-read only around what changed. */
function withoutScan(inner: Connector): Connector {
  const api = inner.associations;
  if (!api) throw new Error('no associations');
  return {
    describe: (o) => inner.describe(o), list: (o, x) => inner.list(o, x), read: (o, i, p) => inner.read(o, i, p), changes: (o, s, x) => inner.changes(o, s, x),
    create: (o, i) => inner.create(o, i), update: (o, i) => inner.update(o, i), close: () => inner.close(),
    associations: { supports: (k) => api.supports(k), read: (k, i) => api.read(k, i), readReverse: (k, i) => api.readReverse(k, i), add: (k, e) => api.add(k, e), remove: (k, e) => api.remove(k, e) },
  };
}
