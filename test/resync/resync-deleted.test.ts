// resync-deleted end to end: records deleted in an app are marked by an incremental pass,
// listed for review, recreated from their partner and relinked in sync.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SYNC, buildWorld, exec, fileHash, indexRows, pass, recordView, rows, run } from './helpers.js';

const files = (dir: string) => ['crm.db', 'shop.db', 'state.db'].map((f) => fileHash(join(dir, f)));

async function deletedInApp(...ids: number[]): Promise<string> {
  const dir = await buildWorld();
  exec(join(dir, 'shop.db'), `DELETE FROM customers WHERE id IN (${ids.join(', ')})`);
  await pass(dir, { kind: 'push', side: 'app', object: 'customers', ids: ids.map(String) });
  return dir;
}

describe('resync-deleted --in app', () => {
  it('given an app record deleted and marked, when run with --dry-run, then it lists the pair and writes nothing', async () => {
    const dir = await deletedInApp(2);
    expect((await recordView(dir)).find((r) => r.side === 'hub' && r.hubId === '2')).toMatchObject({ status: 'failing', category: 'deleted_in_app' });
    const before = files(dir);
    const r = await run(dir, ['resync-deleted', SYNC, '--in', 'app', '--dry-run', '--state', 'state.db']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/1 record deleted in the app will be recreated/);
    expect(r.stdout).toMatch(/OBJECT\s+HUB ID \(KEPT\)\s+IDENTIFIERS\s+DELETED APP ID/);
    expect(r.stdout).toMatch(/contacts\s+2\s+p2@x\.com\s+2/);
    expect(r.stderr).toMatch(/Dry run: nothing was written/);
    expect(files(dir)).toEqual(before);
  });

  it('given no --yes and no terminal, then it refuses with confirmation_required and writes nothing', async () => {
    const dir = await deletedInApp(2);
    const before = files(dir);
    const r = await run(dir, ['resync-deleted', SYNC, '--in', 'app', '--state', 'state.db']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/confirmation_required/);
    expect(files(dir)).toEqual(before);
  });

  it('given --yes, then the record is recreated in the app with a new id and the pair is in sync again', async () => {
    const dir = await deletedInApp(2);
    const r = await run(dir, ['resync-deleted', SYNC, '--in', 'app', '--yes', '--state', 'state.db']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Recreated 1 record in the app/);
    // The sync lists no associations: there is nothing to restore, and nothing is said about them.
    expect(r.stdout).not.toMatch(/Associations/);

    const recreated = rows(join(dir, 'shop.db'), 'customers').find((c) => c.email === 'p2@x.com');
    expect(recreated).toMatchObject({ firstname: 'P2', lastname: 'L2', phone: '552' });
    expect(recreated?.id).not.toBe(2);
    const view = await recordView(dir);
    expect(view.filter((v) => v.status !== 'in-sync')).toEqual([]);
    expect(view.find((v) => v.side === 'hub' && v.hubId === '2')?.appId).toBe(String(recreated?.id));
    expect(view.filter((v) => v.side === 'app' && v.appId === '2')).toEqual([]);

    // The written values are the new base: the next poll has nothing to write, and an edit flows again.
    const next = await pass(dir);
    expect(next.failures).toBe(0);
    expect(next.objects.reduce((n, o) => n + o.written.hub + o.written.app, 0)).toBe(0);
    exec(join(dir, 'crm.db'), `UPDATE contacts SET firstname = 'Again', updated_at = ? WHERE id = 2`, new Date(Date.now() + 1000).toISOString());
    await pass(dir);
    expect(rows(join(dir, 'shop.db'), 'customers').find((c) => c.email === 'p2@x.com')?.firstname).toBe('Again');
    // Nothing is left to resync.
    expect((await run(dir, ['resync-deleted', SYNC, '--in', 'app', '--yes', '--state', 'state.db'])).stdout).toMatch(/Nothing to recreate/);
  });

  it('given one survivor gone too, then the others are recreated and it is reported failed with its category', async () => {
    const dir = await deletedInApp(2, 3);
    exec(join(dir, 'crm.db'), 'DELETE FROM contacts WHERE id = 3');
    const r = await run(dir, ['resync-deleted', SYNC, '--in', 'app', '--yes', '--state', 'state.db']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Recreated 1 record in the app/);
    expect(r.stdout).toMatch(/Failed: 1 \(not_found: 1\)/);
    expect(rows(join(dir, 'shop.db'), 'customers').map((c) => c.email)).toEqual(['p1@x.com', 'p2@x.com']);
    expect(indexRows(join(dir, 'state.db'), SYNC, 'hub').find((x) => x.record_id === '3')).toMatchObject({ status: 'failing', category: 'deleted_in_app' });
  });

  it('given --object naming another object, then nothing is listed; an unknown object is an error naming the known ones', async () => {
    const dir = await deletedInApp(2);
    const other = await run(dir, ['resync-deleted', SYNC, '--in', 'app', '--object', 'accounts', '--dry-run', '--state', 'state.db']);
    expect(other.stdout).toMatch(/Nothing to recreate/);
    const bad = await run(dir, ['resync-deleted', SYNC, '--in', 'app', '--object', 'deals', '--dry-run', '--state', 'state.db']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/no object "deals"[\s\S]*contacts \(app: customers\)[\s\S]*unknown_object/);
  });
});

describe('resync-deleted --in hub', () => {
  it('given a hub record deleted and marked, then --dry-run lists it and --yes recreates it in the hub, in sync with a new hub id', async () => {
    const dir = await buildWorld();
    exec(join(dir, 'crm.db'), 'DELETE FROM contacts WHERE id = 1');
    await pass(dir, { kind: 'push', side: 'hub', object: 'contacts', ids: ['1'] });
    expect((await recordView(dir)).find((r) => r.side === 'app' && r.appId === '1')).toMatchObject({ status: 'failing', category: 'deleted_in_hub' });

    const before = files(dir);
    const dry = await run(dir, ['resync-deleted', SYNC, '--in', 'hub', '--object', 'customers', '--dry-run', '--state', 'state.db']);
    expect(dry.stdout).toMatch(/contacts\s+1\s+p1@x\.com\s+1/);
    expect(files(dir)).toEqual(before);

    const r = await run(dir, ['resync-deleted', SYNC, '--in', 'hub', '--yes', '--state', 'state.db']);
    expect(r.code).toBe(0);
    const recreated = rows(join(dir, 'crm.db'), 'contacts').find((c) => c.email === 'p1@x.com');
    expect(recreated).toMatchObject({ firstname: 'P1', phone: '551' });
    expect(recreated?.id).not.toBe(1);
    const view = await recordView(dir);
    expect(view.filter((v) => v.status !== 'in-sync')).toEqual([]);
    expect(view.find((v) => v.side === 'app' && v.appId === '1')?.hubId).toBe(String(recreated?.id));
  });
});
