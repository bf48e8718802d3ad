// Restarting some objects, deleted partners, and the completion webhook.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runInitialSync } from '../../src/engine/index.js';
import { COMPANIES_DDL, CONTACTS_DDL, createApp, makeSync, openWorld, rows, silent, syncObject, syncOnce, tempDir } from './helpers.js';

function twoObjectWorld(): string {
  const dir = tempDir();
  createApp(join(dir, 'crm.db'), {
    contacts: { ddl: CONTACTS_DDL.hub, rows: [{ email: 'a@x.com', firstname: 'A' }] },
    companies: { ddl: COMPANIES_DDL.hub, rows: [{ name: 'Acme', domain: 'acme.com' }] },
  });
  createApp(join(dir, 'shop.db'), {
    customers: { ddl: CONTACTS_DDL.app, rows: [{ email: 'b@x.com', firstname: 'B' }] },
    accounts: { ddl: COMPANIES_DDL.app, rows: [{ name: 'Globex', domain: 'globex.com' }] },
  });
  return dir;
}

function exec(path: string, sql: string): void {
  const db = new Database(path);
  db.exec(sql);
  db.close();
}

describe('restarting objects', () => {
  it('given a restart of contacts only, when run, then the companies index and data are left exactly as they were', async () => {
    const dir = twoObjectWorld();
    const sync = makeSync([syncObject('contacts', 'customers'), syncObject('companies', 'accounts')]);
    await syncOnce(dir, sync);
    exec(join(dir, 'shop.db'), `INSERT INTO accounts (name, domain) VALUES ('Initech', 'initech.com'); INSERT INTO customers (email) VALUES ('c@x.com');`);

    const w = await openWorld(dir);
    const companies = { sync: sync.name, object: 'companies' };
    const snapshot = async () => ({
      checkpoint: await w.index.getCheckpoint(companies),
      hub: await w.index.rowsById(companies, 'hub', ['1', '2', '3']),
      app: await w.index.rowsById(companies, 'app', ['1', '2', '3']),
    });
    const before = await snapshot();
    const contactsBefore = await w.index.getCheckpoint({ sync: sync.name, object: 'contacts' });
    const report = await runInitialSync({ sync, hub: w.hub, app: w.app, index: w.index, objects: ['contacts'], logger: silent });
    const after = await snapshot();
    const contactsAfter = await w.index.getCheckpoint({ sync: sync.name, object: 'contacts' });
    await w.close();

    expect(report.objects.map((o) => o.object)).toEqual(['contacts']);
    expect(after).toEqual(before);
    expect(contactsAfter?.run).toBe((contactsBefore?.run ?? 0) + 1);
    expect(rows(join(dir, 'crm.db'), 'companies')).toHaveLength(2);
    expect(rows(join(dir, 'crm.db'), 'contacts')).toHaveLength(3);
  });

  it('given an unknown object to restart, when run, then unknown_object names it', async () => {
    const dir = twoObjectWorld();
    await expect(syncOnce(dir, makeSync([syncObject('contacts', 'customers')]), { objects: ['deals'] })).rejects.toMatchObject({ code: 'unknown_object' });
  });
});

describe('deleted records', () => {
  it('given a linked hub record deleted since, when the initial sync runs again, then its partner fails as deleted_in_hub and is not recreated', async () => {
    const dir = twoObjectWorld();
    const sync = makeSync([syncObject('contacts', 'customers')]);
    await syncOnce(dir, sync);
    exec(join(dir, 'crm.db'), `DELETE FROM contacts WHERE email = 'b@x.com'`);
    const report = await syncOnce(dir, sync);
    expect(report.objects[0]?.counts.failing).toEqual({ deleted_in_hub: 1 });
    expect(report.objects[0]?.counts.created).toEqual({ hub: 0, app: 0 });
    expect(rows(join(dir, 'crm.db'), 'contacts').map((r) => r.email)).toEqual(['a@x.com']);
  });
});

describe('completion notification', () => {
  async function server(statuses: number[]): Promise<{ url: string; bodies: unknown[]; close(): Promise<void> }> {
    const bodies: unknown[] = [];
    const read = async (req: IncomingMessage): Promise<string> => {
      let text = '';
      for await (const chunk of req) text += String(chunk);
      return text;
    };
    const srv = createServer((req, res) => {
      void read(req).then((text) => {
        bodies.push(JSON.parse(text));
        res.statusCode = statuses[Math.min(bodies.length - 1, statuses.length - 1)] ?? 200;
        res.end();
      });
    });
    await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
    const { port } = srv.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}/hook`, bodies, close: () => new Promise((resolve) => srv.close(() => resolve())) };
  }

  it('given notify.webhook, when the initial sync completes, then it is POSTed, retried after failures', async () => {
    const hook = await server([503, 500, 204]);
    const dir = twoObjectWorld();
    const sync = makeSync([syncObject('contacts', 'customers')], { notify: { webhook: '${env:HOOK_URL}' } });
    await syncOnce(dir, sync, { env: { HOOK_URL: hook.url }, webhookRetryBaseMs: 5 });
    await hook.close();
    expect(hook.bodies).toHaveLength(3);
    expect(hook.bodies[2]).toMatchObject({ event: 'initial-sync.completed', sync: 'crm-shop', objects: ['contacts'], counts: { contacts: { created: { hub: 1, app: 1 } } } });
    expect(typeof (hook.bodies[2] as { durationMs: unknown }).durationMs).toBe('number');
  });

  it('given a webhook that keeps failing, when the initial sync completes, then the sync still succeeds after 3 tries', async () => {
    const hook = await server([500]);
    const dir = twoObjectWorld();
    const sync = makeSync([syncObject('contacts', 'customers')], { notify: { webhook: hook.url } });
    const report = await syncOnce(dir, sync, { webhookRetryBaseMs: 5 });
    await hook.close();
    expect(hook.bodies).toHaveLength(3);
    expect(report.objects[0]?.counts.linked).toBe(0);
  });

  it('given a dry run, when it completes, then nothing is POSTed', async () => {
    const hook = await server([200]);
    const dir = twoObjectWorld();
    const sync = makeSync([syncObject('contacts', 'customers')], { notify: { webhook: hook.url } });
    await syncOnce(dir, sync, { dryRun: true });
    await hook.close();
    expect(hook.bodies).toHaveLength(0);
  });
});
