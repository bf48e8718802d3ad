// Matching, duplicates, the email rule and merging, through runInitialSync on real SQLite files.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInitialSync } from '../../src/engine/index.js';
import { isSyncctlError } from '../../src/errors/syncctl-error.js';
import { COMPANIES_DDL, CONTACTS_DDL, createApp, makeSync, openWorld, rows, silent, syncObject, syncOnce, tempDir } from './helpers.js';

function contactsWorld(hub: Record<string, string | number | null>[], app: Record<string, string | number | null>[]): string {
  const dir = tempDir();
  createApp(join(dir, 'crm.db'), { contacts: { ddl: CONTACTS_DDL.hub, rows: hub } });
  createApp(join(dir, 'shop.db'), { customers: { ddl: CONTACTS_DDL.app, rows: app } });
  return dir;
}

describe('matching contacts by email', () => {
  it('given the same email in different case and spacing, when synced, then the pair is linked and nothing is created', async () => {
    const dir = contactsWorld([{ email: 'Ann@Example.com', firstname: 'Ann' }], [{ email: '  ann@example.COM ', firstname: 'Ann' }]);
    const report = await syncOnce(dir, makeSync([syncObject('contacts', 'customers')]));
    const c = report.objects[0]?.counts;
    expect(c?.linked).toBe(1);
    expect(c?.created).toEqual({ hub: 0, app: 0 });
    expect(rows(join(dir, 'crm.db'), 'contacts')).toHaveLength(1);
    expect(rows(join(dir, 'shop.db'), 'customers')).toHaveLength(1);
  });

  it('given unmatched records on both sides of a two-way sync, when synced, then each is created on the other side once', async () => {
    const dir = contactsWorld([{ email: 'hub@x.com', firstname: 'H' }], [{ email: 'app@x.com', firstname: 'A' }]);
    const report = await syncOnce(dir, makeSync([syncObject('contacts', 'customers')]));
    expect(report.objects[0]?.counts.created).toEqual({ hub: 1, app: 1 });
    expect(rows(join(dir, 'crm.db'), 'contacts').map((r) => r.email).sort()).toEqual(['app@x.com', 'hub@x.com']);
    expect(rows(join(dir, 'shop.db'), 'customers').map((r) => r.email).sort()).toEqual(['app@x.com', 'hub@x.com']);
  });
});

describe('duplicates within one app', () => {
  it('given two app records with one email, when synced, then the first is synced and the later one is excluded naming the first', async () => {
    const dir = contactsWorld([], [{ email: 'dup@x.com', firstname: 'First' }, { email: 'DUP@x.com ', firstname: 'Second' }]);
    const sync = makeSync([syncObject('contacts', 'customers')]);
    const report = await syncOnce(dir, sync);
    expect(report.objects[0]?.counts.excluded.duplicate).toBe(1);
    expect(report.objects[0]?.counts.duplicates.app).toBe(1);
    expect(rows(join(dir, 'crm.db'), 'contacts').map((r) => r.firstname)).toEqual(['First']);
    const w = await openWorld(dir);
    const app = await w.index.rowsById({ sync: sync.name, object: 'contacts' }, 'app', ['1', '2']);
    await w.close();
    expect(app.get('1')?.status).toBe('in-sync');
    expect(app.get('2')).toMatchObject({ status: 'excluded', reason: 'duplicate', duplicateOf: { side: 'app', id: '1' } });
  });

  it('given two hub records with one email, when synced, then only the first reaches the app', async () => {
    const dir = contactsWorld([{ email: 'd@x.com', firstname: 'One' }, { email: 'd@x.com', firstname: 'Two' }], []);
    const report = await syncOnce(dir, makeSync([syncObject('contacts', 'customers')]));
    expect(report.objects[0]?.counts.duplicates.hub).toBe(1);
    expect(rows(join(dir, 'shop.db'), 'customers').map((r) => r.firstname)).toEqual(['One']);
  });
});

describe('the email rule', () => {
  const hub = [{ email: null, firstname: 'NoMail' }, { email: 'not-an-email', firstname: 'Bad' }, { email: 'ok@x.com', firstname: 'Ok' }];

  it('given the rule on, when synced, then contacts without a valid email are excluded as no_email', async () => {
    const dir = contactsWorld(hub, []);
    const report = await syncOnce(dir, makeSync([syncObject('contacts', 'customers', { onlyWithEmail: true })]));
    expect(report.objects[0]?.counts.excluded.no_email).toBe(2);
    expect(rows(join(dir, 'shop.db'), 'customers').map((r) => r.firstname)).toEqual(['Ok']);
  });

  it('given the rule off, when synced, then contacts without email sync and (unmatchable) are created', async () => {
    const dir = contactsWorld(hub, [{ email: null, firstname: 'AppNoMail' }]);
    const report = await syncOnce(dir, makeSync([syncObject('contacts', 'customers', { onlyWithEmail: false })]));
    expect(report.objects[0]?.counts.excluded.no_email).toBe(0);
    expect(report.objects[0]?.counts.created).toEqual({ hub: 1, app: 3 });
    expect(rows(join(dir, 'shop.db'), 'customers').map((r) => r.firstname).sort()).toEqual(['AppNoMail', 'Bad', 'NoMail', 'Ok']);
  });
});

describe('matching companies by name or domain', () => {
  it('given same name with another domain, and same domain with another name, when synced, then both pairs link', async () => {
    const dir = tempDir();
    createApp(join(dir, 'crm.db'), {
      companies: { ddl: COMPANIES_DDL.hub, rows: [{ name: 'Acme, Inc.', domain: 'acme.com' }, { name: 'Globex', domain: 'https://www.globex.io/about' }] },
    });
    createApp(join(dir, 'shop.db'), {
      accounts: { ddl: COMPANIES_DDL.app, rows: [{ name: 'ACME', domain: 'acme.eu' }, { name: 'Globex Corporation Europe', domain: 'globex.io' }] },
    });
    const report = await syncOnce(dir, makeSync([syncObject('companies', 'accounts')]));
    expect(report.objects[0]?.counts.linked).toBe(2);
    expect(report.objects[0]?.counts.created).toEqual({ hub: 0, app: 0 });
    expect(rows(join(dir, 'crm.db'), 'companies')).toHaveLength(2);
  });

  describe('given two app companies on different pages that match one hub company by different identifiers', () => {
    // A1 matches Acme by name, A2 (a later page) by domain; A1 and A2 share no identifier.
    function acmeWorld(): string {
      const dir = tempDir();
      createApp(join(dir, 'crm.db'), { companies: { ddl: COMPANIES_DDL.hub, rows: [{ name: 'Acme', domain: 'acme.com' }] } });
      createApp(join(dir, 'shop.db'), {
        accounts: {
          ddl: COMPANIES_DDL.app,
          rows: [{ name: 'ACME', domain: 'acme.eu' }, { name: 'F1', domain: 'f1.io' }, { name: 'F2', domain: 'f2.io' }, { name: 'F3', domain: 'f3.io' }, { name: 'Other', domain: 'acme.com' }],
        },
      });
      return dir;
    }
    const sync = makeSync([syncObject('companies', 'accounts')]);
    const key = { sync: sync.name, object: 'companies' };

    async function expectFirstLinked(dir: string): Promise<void> {
      const w = await openWorld(dir);
      const app = await w.index.rowsById(key, 'app', ['1', '5']);
      const hub = await w.index.rowsById(key, 'hub', ['1']);
      await w.close();
      expect(hub.get('1')).toMatchObject({ status: 'in-sync', partnerId: '1' });
      expect(app.get('1')).toMatchObject({ status: 'in-sync', partnerId: '1' });
      expect(app.get('5')).toMatchObject({ status: 'excluded', reason: 'duplicate', duplicateOf: { side: 'app', id: '1' } });
      expect(app.get('5')?.message).toContain('which is linked to app record 1');
      expect(rows(join(dir, 'crm.db'), 'companies').map((r) => r.name)).toEqual(['Acme', 'F1', 'F2', 'F3']);
    }

    it('when synced a page at a time, then the first links it and the later one is excluded as a duplicate', async () => {
      const dir = acmeWorld();
      const report = await syncOnce(dir, sync, { pageSize: 2 });
      expect(report.objects[0]?.counts).toMatchObject({ linked: 1, excluded: { duplicate: 1 }, created: { hub: 3, app: 0 } });
      await expectFirstLinked(dir);
    });

    it('when stopped after the first link and run again, then the resumed run still knows the link', async () => {
      const dir = acmeWorld();
      const w = await openWorld(dir);
      const controller = new AbortController();
      const stopped = await runInitialSync({
        sync, hub: w.hub, app: w.app, index: w.index, objects: 'all', logger: silent, pageSize: 2, signal: controller.signal,
        onProgress: (e) => {
          if (e.phase === 'sync-app' && e.processed >= 2) controller.abort();
        },
      }).catch((e: unknown) => e);
      await w.close();
      expect(isSyncctlError(stopped, 'initial_sync_aborted')).toBe(true);
      const report = await syncOnce(dir, sync, { pageSize: 2 });
      expect(report.objects[0]?.resumed).toBe(true);
      expect(report.objects[0]?.counts).toMatchObject({ linked: 1, excluded: { duplicate: 1 }, created: { hub: 3, app: 0 } });
      await expectFirstLinked(dir);
    });
  });

  it('given a company with neither name nor domain, when synced, then it is excluded as no_identifier', async () => {
    const dir = tempDir();
    createApp(join(dir, 'crm.db'), { companies: { ddl: COMPANIES_DDL.hub } });
    createApp(join(dir, 'shop.db'), { accounts: { ddl: COMPANIES_DDL.app, rows: [{ name: null, domain: null, city: 'Paris' }] } });
    const report = await syncOnce(dir, makeSync([syncObject('companies', 'accounts')]));
    expect(report.objects[0]?.counts.excluded.no_identifier).toBe(1);
    expect(rows(join(dir, 'crm.db'), 'companies')).toHaveLength(0);
  });
});

describe('merging a matched pair', () => {
  it('given fields empty on one side, when synced two-way, then each side is filled from the other', async () => {
    const dir = contactsWorld([{ email: 'm@x.com', firstname: 'Mia', phone: null }], [{ email: 'm@x.com', firstname: null, phone: '555' }]);
    const report = await syncOnce(dir, makeSync([syncObject('contacts', 'customers')]));
    expect(report.objects[0]?.counts.updated).toEqual({ hub: 1, app: 1 });
    expect(rows(join(dir, 'crm.db'), 'contacts')[0]).toMatchObject({ firstname: 'Mia', phone: '555' });
    expect(rows(join(dir, 'shop.db'), 'customers')[0]).toMatchObject({ firstname: 'Mia', phone: '555' });
  });

  it('given differing values, when synced, then the conflict winner\'s value is written to the other side', async () => {
    for (const winner of ['hub', 'app'] as const) {
      const dir = contactsWorld([{ email: 'c@x.com', firstname: 'HubName' }], [{ email: 'c@x.com', firstname: 'AppName' }]);
      const report = await syncOnce(dir, makeSync([syncObject('contacts', 'customers', { conflictWinner: winner })]));
      const expected = winner === 'hub' ? 'HubName' : 'AppName';
      expect(report.objects[0]?.counts.conflicts).toBe(1);
      expect(rows(join(dir, 'crm.db'), 'contacts')[0]?.firstname).toBe(expected);
      expect(rows(join(dir, 'shop.db'), 'customers')[0]?.firstname).toBe(expected);
    }
  });

  it('given the winner has no value, when synced one-way from the winner, then the other side keeps its value', async () => {
    const dir = contactsWorld([{ email: 'w@x.com', firstname: 'W', lastname: null }], [{ email: 'w@x.com', firstname: 'W', lastname: 'Keep' }]);
    await syncOnce(dir, makeSync([syncObject('contacts', 'customers', { conflictWinner: 'hub', direction: 'to-app' })]));
    expect(rows(join(dir, 'shop.db'), 'customers')[0]?.lastname).toBe('Keep');
    expect(rows(join(dir, 'crm.db'), 'contacts')[0]?.lastname).toBeNull();
  });

  it('given numbers held as text on one side, when the values agree, then nothing is written', async () => {
    const dir = contactsWorld([{ email: 'n@x.com', age: 42 }], [{ email: 'n@x.com', age: '42' }]);
    const report = await syncOnce(dir, makeSync([syncObject('contacts', 'customers')]));
    expect(report.objects[0]?.counts.updated).toEqual({ hub: 0, app: 0 });
    expect(report.objects[0]?.counts.conflicts).toBe(0);
  });
});
