// HubSpot end to end through a real `syncctl run` process: the emulator (in this process) is the
// hub and delivers signed webhooks v3 to the runner's POST /hooks/crm; the shop is a SQLite file.
// An edit in HubSpot reaches the shop through the push, with no poll; unsigned and stale
// deliveries are refused with 401 and change nothing; a refused token fails the sync as "auth
// failed" — shown by /api/syncs and `syncctl status` — after a handful of requests, not a storm.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUEST_TIMESTAMP_HEADER, SIGNATURE_V3_HEADER, signV3 } from '../../src/connectors/hubspot/signature.js';
import type { HubspotEmulator } from '../../src/emulator/hubspot/index.js';
import type { SyncView } from '../../src/runner/status.js';
import { type RunnerProcess, runToEnd, startRunner, waitFor } from '../runner/helpers.js';
import { TOKEN, api, startEmulator } from './helpers.js';
import {
  APP_SECRET, type HubspotProject, SECRET_ENV, SHOP_CONNECTION, TOKEN_ENV, contactsSyncYaml, crmConnection, customer, hubspotProject,
} from './hubspot-project.js';

const SYNC = 'crm-shop';

async function syncView(runner: RunnerProcess): Promise<SyncView | undefined> {
  return (await runner.status()).syncs.find((s) => s.name === SYNC);
}

/** Waits until the sync is incremental and its worker has nothing running or queued. */
async function settled(runner: RunnerProcess, em: HubspotEmulator): Promise<void> {
  await waitFor(async () => {
    // Echoes of the runner's own writes (webhooks of the contacts it created) come back as pushes.
    await em.flushWebhooks();
    const s = await syncView(runner);
    return s?.lifecycle === 'incremental' && s.worker?.state === 'idle' && !s.worker.queued && s.worker.passes > 0;
  }, 30_000, 'the initial sync and the first passes to finish');
}

interface PassLine {
  msg?: string;
  trigger?: string;
  objects?: { object: string; written: { hub: number; app: number } }[];
}

/** The runner's log lines from `from` on (its logs are JSON lines on stderr). */
function logsFrom(runner: RunnerProcess, from: number): PassLine[] {
  return runner.logs().slice(from) as PassLine[];
}

function delivery(events: unknown[]): string {
  return JSON.stringify(events);
}

describe('HubSpot webhooks into a running runner', () => {
  let em: HubspotEmulator;
  let runner: RunnerProcess;
  let proj: HubspotProject;
  let boId: string;

  beforeAll(async () => {
    proj = hubspotProject(
      [
        { email: 'ana@x.com', firstname: 'Ana', lastname: 'Shop', phone: '+1' },
        { email: 'bo@x.com', firstname: 'Bo', lastname: 'Shop', phone: '+2' },
        { email: 'di@x.com', firstname: 'Di', lastname: 'Shop', phone: '+4' },
      ],
      { 'syncs/shop.yaml': SHOP_CONNECTION },
    );
    // The runner first (its port is the webhook URL), the emulator next (its URL goes into the
    // connection), then the files: the runner follows the directory and starts the sync.
    runner = await startRunner(proj.dir, [], { [TOKEN_ENV]: TOKEN, [SECRET_ENV]: APP_SECRET });
    em = await startEmulator({ webhook: { url: `${runner.url}/hooks/crm`, secret: APP_SECRET, batchMs: 10 } });
    const [, bo] = em.crm.createMany(
      'contacts',
      [
        { properties: { email: 'ana@x.com', firstname: 'Ana', lastname: 'Hub' } },
        { properties: { email: 'bo@x.com', firstname: 'Bo', lastname: 'Hub' } },
        { properties: { email: 'cy@x.com', firstname: 'Cy', lastname: 'Hub' } },
      ],
      { silent: true },
    );
    boId = bo?.id ?? '';
    proj.write('syncs/crm.yaml', crmConnection(em.url));
    proj.write('syncs/crm-shop.yaml', contactsSyncYaml({ pollInterval: '1h' }));
    await settled(runner, em);
  }, 60_000);

  afterAll(async () => {
    await runner?.stop('SIGKILL');
    await em?.close();
  });

  it('given the initial sync ran, when a contact is edited in HubSpot, then the signed webhook carries the edit to the shop without a poll', async () => {
    expect(customer(proj.shop, 'cy@x.com')?.firstname).toBe('Cy');
    expect(em.crm.find('contacts', 'di@x.com', { idProperty: 'email' })?.properties['phone']).toBe('+4');
    const ana = em.crm.find('contacts', 'ana@x.com', { idProperty: 'email' });
    const before = runner.logs().length;
    const delivered = em.stats().webhooks.batches;

    expect((await api(em, 'PATCH', `/crm/v3/objects/contacts/${ana?.id ?? ''}`, { properties: { firstname: 'Anna' } })).status).toBe(200);
    await waitFor(() => customer(proj.shop, 'ana@x.com')?.firstname === 'Anna', 15_000, 'the edit to reach the shop');

    expect(em.stats().webhooks.batches).toBeGreaterThan(delivered);
    const lines = logsFrom(runner, before);
    expect(lines.some((l) => l.msg === 'push received')).toBe(true);
    // The pass that wrote the edit into the shop is the push (the poll interval is an hour).
    const writer = lines.find((l) => l.msg === 'incremental pass finished' && (l.objects ?? []).some((o) => o.written.app > 0));
    expect(writer?.trigger).toBe('push');
  });

  it('given an edit HubSpot did not announce, when unsigned and stale deliveries name it, then both are refused with 401 and change nothing; a signed one carries it', async () => {
    em.crm.update('contacts', boId, { firstname: 'Silent' }, undefined, { silent: true });
    const body = delivery([
      { eventId: 900, subscriptionId: 1, portalId: 62515, appId: 1, occurredAt: Date.now(), subscriptionType: 'contact.propertyChange', attemptNumber: 0, objectId: Number(boId), changeSource: 'CRM', propertyName: 'firstname', propertyValue: 'Silent' },
    ]);
    const uri = `${runner.url}/hooks/crm`;
    const headers = (timestamp: number, secret = APP_SECRET): Record<string, string> => ({
      'content-type': 'application/json',
      [SIGNATURE_V3_HEADER]: signV3({ secret, method: 'POST', uri, body, timestamp }),
      [REQUEST_TIMESTAMP_HEADER]: String(timestamp),
    });
    const before = runner.logs().length;

    const unsigned = await runner.post('/hooks/crm', body);
    expect(unsigned).toMatchObject({ status: 401, body: { error: { code: 'webhook_missing_signature' } } });
    const stale = await runner.post('/hooks/crm', body, headers(Date.now() - 6 * 60_000));
    expect(stale).toMatchObject({ status: 401, body: { error: { code: 'webhook_stale_timestamp' } } });
    const forged = await runner.post('/hooks/crm', body, headers(Date.now(), 'not-the-app-secret'));
    expect(forged).toMatchObject({ status: 401, body: { error: { code: 'webhook_bad_signature' } } });
    expect(JSON.stringify([unsigned, stale, forged])).not.toContain(APP_SECRET);

    // Long enough for a push pass to have read and written the record, had one been queued.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(customer(proj.shop, 'bo@x.com')?.firstname).toBe('Bo');
    expect(logsFrom(runner, before).filter((l) => l.msg === 'push received' || l.msg === 'incremental pass finished')).toEqual([]);

    const signed = await runner.post('/hooks/crm', body, headers(Date.now()));
    expect(signed).toMatchObject({ status: 202, body: { accepted: true, triggered: [{ sync: SYNC, side: 'hub', object: 'contacts', ids: 1 }] } });
    await waitFor(() => customer(proj.shop, 'bo@x.com')?.firstname === 'Silent', 15_000, 'the signed delivery to carry the edit');
  });
});

describe('a refused HubSpot token', () => {
  let em: HubspotEmulator;
  let runner: RunnerProcess;
  let proj: HubspotProject;

  beforeAll(async () => {
    em = await startEmulator();
    em.crm.createMany('contacts', [{ properties: { email: 'ana@x.com', firstname: 'Ana' } }], { silent: true });
    proj = hubspotProject([{ email: 'bo@x.com', firstname: 'Bo', lastname: null, phone: null }], {
      'syncs/shop.yaml': SHOP_CONNECTION,
      'syncs/crm.yaml': crmConnection(em.url),
      'syncs/crm-shop.yaml': contactsSyncYaml({ pollInterval: '1s' }),
    });
  });

  afterAll(async () => {
    await runner?.stop('SIGKILL');
    await em?.close();
  });

  it('given a token HubSpot refuses, when the runner starts the sync, then it fails as "auth failed" after a handful of requests and stays quiet over several poll intervals', async () => {
    runner = await startRunner(proj.dir, [], { [TOKEN_ENV]: 'pat-na1-revoked-token', [SECRET_ENV]: APP_SECRET });
    const failed = await waitFor(async () => {
      const s = await syncView(runner);
      return s?.lifecycle === 'failed' ? s : undefined;
    }, 20_000, 'the sync to fail');
    expect(failed.detail).toMatch(/auth failed/);
    expect(failed.detail).toMatch(/401 INVALID_AUTHENTICATION/);
    expect(failed.detail).toMatch(/check the token/);
    expect(failed.detail).not.toContain('pat-na1-revoked-token');
    const ready = await runner.get<{ ready: boolean; unhealthy: { sync?: string; reason: string; detail: string }[] }>('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body.unhealthy).toEqual([expect.objectContaining({ sync: SYNC, reason: 'failed', detail: expect.stringMatching(/auth failed/) })]);

    const atFailure = em.stats();
    // Five poll intervals: a failed sync sends nothing more.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const after = em.stats();
    expect(after.requests).toBe(atFailure.requests);
    expect(after.requests).toBeGreaterThan(0);
    expect(after.requests).toBeLessThanOrEqual(5);
    expect(after.byStatus['401']).toBe(after.requests);
    expect(em.store.count('contacts', false)).toBe(1);

    const status = await runToEnd(proj.dir, ['status', '--state', 'state.db']);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/crm-shop {2}failed: .*auth failed/);
    expect(status.stdout).not.toContain('pat-na1-revoked-token');
  });
});

describe('a HubSpot token revoked while the sync runs', () => {
  let em: HubspotEmulator;
  let runner: RunnerProcess;

  afterAll(async () => {
    await runner?.stop('SIGKILL');
    await em?.close();
  });

  it('given an incremental sync, when HubSpot starts refusing its token, then the sync stops with auth failed after one refused request, and polls send nothing more', async () => {
    em = await startEmulator();
    em.crm.createMany('contacts', [{ properties: { email: 'ana@x.com', firstname: 'Ana' } }], { silent: true });
    const proj = hubspotProject([{ email: 'bo@x.com', firstname: 'Bo', lastname: null, phone: null }], {
      'syncs/shop.yaml': SHOP_CONNECTION,
      'syncs/crm.yaml': crmConnection(em.url),
      'syncs/crm-shop.yaml': contactsSyncYaml({ pollInterval: '1s' }),
    });
    runner = await startRunner(proj.dir, [], { [TOKEN_ENV]: TOKEN, [SECRET_ENV]: APP_SECRET });
    await settled(runner, em);

    em.setToken('pat-na1-rotated-elsewhere');
    em.resetStats();
    const before = runner.logs().length;
    await waitFor(() => logsFrom(runner, before).some((l) => l.msg === 'credentials refused: the sync stops until they work again'), 20_000, 'the sync to stop on refused credentials');
    const atStop = em.stats().requests;
    // Four poll intervals, and a push: none of them sends anything.
    expect((await runner.post('/hooks/shop', JSON.stringify({ object: 'customers', ids: ['1'] }))).status).toBeLessThan(500);
    await new Promise((resolve) => setTimeout(resolve, 4000));

    const s = await syncView(runner);
    expect(s?.worker?.state).toBe('failed');
    expect(s?.worker?.lastError).toMatchObject({ code: 'auth_failed', message: expect.stringMatching(/auth failed.*401 INVALID_AUTHENTICATION/) });
    expect(s?.worker?.consecutiveFailures).toBe(1);
    const ready = await runner.get<{ unhealthy: { sync?: string; reason: string; detail: string }[] }>('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body.unhealthy).toEqual([expect.objectContaining({ sync: SYNC, detail: expect.stringMatching(/auth failed/) })]);

    const stats = em.stats();
    expect(stats.requests).toBe(atStop);
    expect(stats.requests).toBeGreaterThan(0);
    expect(stats.requests).toBeLessThanOrEqual(2);
    expect(stats.byStatus['401']).toBe(stats.requests);
    expect(logsFrom(runner, before).filter((l) => l.msg === 'incremental pass failed')).toHaveLength(1);

    const status = await runToEnd(proj.dir, ['status', '--state', 'state.db']);
    expect(status.stdout).toMatch(/crm-shop {2}incremental, stopped: auth failed/);
    expect(status.stdout).not.toContain(TOKEN);
    expect(JSON.stringify(await runner.status())).not.toContain(TOKEN);
  });
});
