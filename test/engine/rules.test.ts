// Direction, filters, required fields, invalid values and mapping validation, on real SQLite files.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInitialSync } from '../../src/engine/index.js';
import { isSyncctlError } from '../../src/errors/syncctl-error.js';
import { CONTACTS_DDL, createApp, fileHash, makeSync, openWorld, rows, silent, syncObject, syncOnce, tempDir } from './helpers.js';

type Rows = Record<string, string | number | null>[];

function contactsWorld(hub: Rows, app: Rows, appDdl = CONTACTS_DDL.app): string {
  const dir = tempDir();
  createApp(join(dir, 'crm.db'), { contacts: { ddl: CONTACTS_DDL.hub, rows: hub } });
  createApp(join(dir, 'shop.db'), { customers: { ddl: appDdl, rows: app } });
  return dir;
}

const HUB: Rows = [
  { email: 'both@x.com', firstname: 'HubFirst', phone: null },
  { email: 'hubonly@x.com', firstname: 'HubOnly' },
];
const APP: Rows = [
  { email: 'both@x.com', firstname: 'AppFirst', phone: '777' },
  { email: 'apponly@x.com', firstname: 'AppOnly' },
];

describe('direction', () => {
  it('given a to-app sync, when synced, then the hub file is not written at all', async () => {
    const dir = contactsWorld(HUB, APP);
    const before = fileHash(join(dir, 'crm.db'));
    const report = await syncOnce(dir, makeSync([syncObject('contacts', 'customers', { direction: 'to-app', conflictWinner: 'app' })]));
    expect(fileHash(join(dir, 'crm.db'))).toBe(before);
    const c = report.objects[0]?.counts;
    expect(c?.created).toEqual({ hub: 0, app: 1 });
    expect(c?.updated.hub).toBe(0);
    expect(c?.skipped).toBe(1);
    // The app won the conflict, but a to-app sync never writes the hub: the app keeps its value.
    expect(rows(join(dir, 'shop.db'), 'customers').find((r) => r.email === 'both@x.com')?.firstname).toBe('AppFirst');
  });

  it('given a to-hub sync, when synced, then the app file is not written at all', async () => {
    const dir = contactsWorld(HUB, APP);
    const before = fileHash(join(dir, 'shop.db'));
    const report = await syncOnce(dir, makeSync([syncObject('contacts', 'customers', { direction: 'to-hub' })]));
    expect(fileHash(join(dir, 'shop.db'))).toBe(before);
    expect(report.objects[0]?.counts.created).toEqual({ hub: 1, app: 0 });
    const hubBoth = rows(join(dir, 'crm.db'), 'contacts').find((r) => r.email === 'both@x.com');
    // The hub wins the conflict (firstname unchanged) and its empty phone is filled from the app.
    expect(hubBoth).toMatchObject({ firstname: 'HubFirst', phone: '777' });
  });
});

describe('filters', () => {
  const filtered = syncObject('contacts', 'customers', { filters: { hub: [{ property: 'lifecyclestage', op: 'eq', value: 'customer' }], app: [] } });

  it('given a hub filter, when the initial sync runs, then records that do not match are excluded as filter', async () => {
    const dir = contactsWorld(
      [{ email: 'c@x.com', lifecyclestage: 'customer' }, { email: 'l@x.com', lifecyclestage: 'lead' }],
      [],
    );
    const report = await syncOnce(dir, makeSync([filtered]));
    expect(report.objects[0]?.counts.excluded.filter).toBe(1);
    expect(rows(join(dir, 'shop.db'), 'customers').map((r) => r.email)).toEqual(['c@x.com']);
  });

  it('given a linked pair that later stops matching the filter, when the sync runs again, then the pair keeps syncing', async () => {
    const dir = contactsWorld([{ email: 'c@x.com', firstname: 'Old', lifecyclestage: 'customer' }], []);
    const sync = makeSync([filtered]);
    await syncOnce(dir, sync);
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(join(dir, 'crm.db'));
    db.prepare(`UPDATE contacts SET lifecyclestage = 'lead', firstname = 'New' WHERE email = 'c@x.com'`).run();
    db.close();
    const report = await syncOnce(dir, sync);
    expect(report.objects[0]?.counts.excluded.filter).toBe(0);
    expect(report.objects[0]?.counts.linked).toBe(1);
    expect(rows(join(dir, 'shop.db'), 'customers')[0]?.firstname).toBe('New');
  });

  it('given an app record matching a hub record that fails the hub filter, when synced, then they are linked (one side qualifies)', async () => {
    const dir = contactsWorld([{ email: 'l@x.com', lifecyclestage: 'lead' }], [{ email: 'l@x.com', firstname: 'FromApp' }]);
    const report = await syncOnce(dir, makeSync([filtered]));
    expect(report.objects[0]?.counts.linked).toBe(1);
    expect(rows(join(dir, 'crm.db'), 'contacts')).toHaveLength(1);
  });
});

describe('record failures', () => {
  it('given a required field missing, when synced, then the record fails with missing_required_field naming the field', async () => {
    const dir = contactsWorld([{ email: 'r@x.com', lastname: null }, { email: 's@x.com', lastname: 'Set' }], []);
    const sync = makeSync([syncObject('contacts', 'customers', { mappings: { defaults: true, fields: [{ hub: 'lastname', app: 'lastname', required: true, enabled: true }] } })]);
    const report = await syncOnce(dir, sync);
    expect(report.objects[0]?.counts.failing).toEqual({ missing_required_field: 1 });
    expect(rows(join(dir, 'shop.db'), 'customers').map((r) => r.email)).toEqual(['s@x.com']);
    const w = await openWorld(dir);
    const row = (await w.index.rowsById({ sync: sync.name, object: 'contacts' }, 'hub', ['1'])).get('1');
    await w.close();
    expect(row).toMatchObject({ status: 'failing', category: 'missing_required_field' });
    expect(row?.message).toContain('lastname');
  });

  it('given a value the target type cannot hold, when synced, then that record fails with invalid_value and the rest of its batch syncs', async () => {
    const dir = contactsWorld([], [
      { email: 'a@x.com', age: '31' },
      { email: 'b@x.com', age: 'thirty' },
      { email: 'c@x.com', age: '45' },
    ]);
    const report = await syncOnce(dir, makeSync([syncObject('contacts', 'customers')]));
    expect(report.objects[0]?.counts.failing).toEqual({ invalid_value: 1 });
    expect(report.objects[0]?.counts.created.hub).toBe(2);
    expect(rows(join(dir, 'crm.db'), 'contacts').map((r) => [r.email, r.age])).toEqual([['a@x.com', 31], ['c@x.com', 45]]);
  });
});

describe('connector failures', () => {
  it('given the app refusing one record of a batch, when synced, then that record fails with the app\'s category and the others are created', async () => {
    const ddl = CONTACTS_DDL.app.replace('lastname TEXT', 'lastname TEXT CHECK (lastname IS NULL OR length(lastname) <= 5)');
    const dir = contactsWorld([{ email: 'a@x.com', lastname: 'Short' }, { email: 'b@x.com', lastname: 'Much too long' }, { email: 'c@x.com' }], [], ddl);
    const sync = makeSync([syncObject('contacts', 'customers')]);
    const report = await syncOnce(dir, sync);
    const failing = Object.entries(report.objects[0]?.counts.failing ?? {});
    expect(failing).toHaveLength(1);
    expect(failing[0]?.[1]).toBe(1);
    expect(report.objects[0]?.counts.created.app).toBe(2);
    expect(rows(join(dir, 'shop.db'), 'customers').map((r) => r.email)).toEqual(['a@x.com', 'c@x.com']);
    const w = await openWorld(dir);
    const row = (await w.index.rowsById({ sync: sync.name, object: 'contacts' }, 'hub', ['2'])).get('2');
    await w.close();
    expect(row).toMatchObject({ status: 'failing', category: failing[0]?.[0], partnerId: null });
  });
});

describe('mapping validation', () => {
  it('given mappings that cannot work, when the sync starts, then mapping_invalid lists every problem and nothing is written', async () => {
    const dir = contactsWorld(HUB, APP, CONTACTS_DDL.app.replace('segment TEXT', 'segment TEXT, birthday DATE'));
    const hashes = [fileHash(join(dir, 'crm.db')), fileHash(join(dir, 'shop.db'))];
    const sync = makeSync([
      syncObject('contacts', 'customers', {
        match: ['email', 'nickname'],
        mappings: { defaults: true, fields: [{ hub: 'firstnme', app: 'firstname', required: false, enabled: true }, { hub: 'age', app: 'birthday', required: false, enabled: true }] },
      }),
    ]);
    const w = await openWorld(dir);
    const error = await runInitialSync({ sync, hub: w.hub, app: w.app, index: w.index, objects: 'all', logger: silent }).catch((e: unknown) => e);
    const applied = await w.index.getCheckpoint({ sync: sync.name, object: 'contacts' });
    await w.close();
    expect(isSyncctlError(error, 'mapping_invalid')).toBe(true);
    const problems = (error as { meta: { problems: string[] } }).meta.problems;
    expect(problems.some((p) => p.includes('"firstnme"') && p.includes('did you mean "firstname"'))).toBe(true);
    expect(problems.some((p) => p.includes('"nickname"'))).toBe(true);
    expect(problems.some((p) => p.includes('age <-> birthday') && p.includes('cannot be written'))).toBe(true);
    expect(applied).toBeUndefined();
    expect([fileHash(join(dir, 'crm.db')), fileHash(join(dir, 'shop.db'))]).toEqual(hashes);
  });
});
