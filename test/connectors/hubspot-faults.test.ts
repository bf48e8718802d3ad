// The HubSpot connector when HubSpot misbehaves: 429 storms, injected 5xx (before and after the
// write), timeouts, refused tokens and scopes, the daily limit, and the request budget itself.
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { HubspotConnector } from '../../src/connectors/hubspot/index.js';
import type { Connector } from '../../src/connectors/types.js';
import type { HubspotEmulator } from '../../src/emulator/hubspot/index.js';
import { createLogger } from '../../src/log/logger.js';
import { FAST, TOKEN, collect, connectorFor, countIn, startEmulator } from './hubspot/helpers.js';
import { type FakeServer, fakeHubspot, hubspotError } from './hubspot/fake-server.js';

const people = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => ({ ref: `${prefix}${i}`, properties: { email: `${prefix}${i}@example.com`, firstname: `F${i}` } }));

describe('hubspot under faults', () => {
  let em: HubspotEmulator | undefined;
  let fake: FakeServer | undefined;
  let hub: HubspotConnector | undefined;
  afterEach(async () => {
    await hub?.close();
    await em?.close();
    await fake?.close();
    em = undefined;
    fake = undefined;
    hub = undefined;
  });

  it('finishes every write exactly once through a 429 storm and 5% injected 5xx', async () => {
    em = await startEmulator({ faults: { errorRate: 0.05, seed: 7 } });
    em.faults.burst429(25);
    hub = connectorFor(em);
    const created = await hub.create('contacts', people(650, 'storm'));
    const companies = await hub.create('companies', Array.from({ length: 350 }, (_, i) => ({ ref: `c${i}`, properties: { name: `Storm Co ${i}` } })));
    expect([...created, ...companies].filter((r) => !r.ok)).toEqual([]);
    expect(countIn(em, 'contacts')).toBe(650);
    expect(countIn(em, 'companies')).toBe(350);
    const ids = created.map((r) => (r.ok ? r.id : ''));
    const updated = await hub.update('contacts', ids.map((id, i) => ({ id, properties: { lastname: `L${i}` } })));
    expect(updated.filter((r) => !r.ok)).toEqual([]);
    const read = await hub.read('contacts', ids, ['lastname', 'email']);
    expect(read.map((r) => r.properties.lastname)).toEqual(ids.map((_, i) => `L${i}`));
    expect(new Set(read.map((r) => r.properties.email)).size).toBe(650);
    const stats = em.stats();
    expect(stats.faults.throttled).toBe(25);
    expect(stats.faults.errors).toBeGreaterThan(0);
  });

  it('creates each contact once when 5xx answers are lost after the write happened', async () => {
    em = await startEmulator({ faults: { errorRate: 0.2, errorTiming: 'after', seed: 11 } });
    hub = connectorFor(em);
    const results = await hub.create('contacts', people(1000, 'after'));
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(countIn(em, 'contacts')).toBe(1000);
    expect(new Set(results.map((r) => (r.ok ? r.id : ''))).size).toBe(1000);
    expect(em.stats().faults.errors).toBeGreaterThan(0);
  });

  it('stops every method with auth_failed on a refused token, without retrying', async () => {
    em = await startEmulator();
    const lines: string[] = [];
    const logger = createLogger('debug', new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(chunk.toString()), done()) }));
    const badToken = 'pat-na1-wrong-token-0000';
    hub = connectorFor(em, { ...FAST, logger }, { token: badToken });
    const connector: Connector = hub;
    const calls: Array<() => Promise<unknown>> = [
      () => connector.describe('contacts'),
      () => collect(connector.list('contacts', { pageSize: 10, properties: ['email'] })),
      () => connector.read('contacts', ['1'], ['email']),
      () => connector.create('contacts', [{ ref: 'x', properties: { email: 'x@example.com' } }]),
      () => connector.update('contacts', [{ id: '1', properties: { email: 'x@example.com' } }]),
      () => collect(connector.changes('contacts', undefined, { pageSize: 10, properties: ['email'] })),
    ];
    for (const call of calls) {
      const before = em.stats().requests;
      const err = await call().then(() => undefined, (e: unknown) => e);
      expect(err).toMatchObject({ code: 'auth_failed', meta: { category: 'auth_failed', retryable: false, status: 401 } });
      expect((err as Error).message).toMatch(/INVALID_AUTHENTICATION.*correlationId/);
      expect((err as Error).message).not.toContain(badToken);
      expect(em.stats().requests - before).toBeLessThanOrEqual(2);
    }
    expect(em.stats().byStatus['401']).toBe(em.stats().requests);
    expect(lines.join('')).not.toContain(badToken);
  });

  it('retries a request that gets no answer, then reports app_unavailable; writes fail per record', async () => {
    fake = await fakeHubspot(() => undefined);
    hub = connectorFor(fake, { ...FAST, timeoutMs: 100, maxAttempts: 3 });
    await expect(hub.describe('contacts')).rejects.toMatchObject({ code: 'app_unavailable', meta: { retryable: true } });
    expect(fake.requests).toHaveLength(3);
    expect(fake.requests[0]?.authorization).toBe(`Bearer ${TOKEN}`);
    const [result] = await hub.create('contacts', [{ ref: 'r', properties: { email: 'r@example.com' } }]);
    expect(result).toMatchObject({ ok: false, ref: 'r', category: 'app_unavailable', retryable: true });
    expect(result?.ok === false && result.message).toMatch(/no answer within 100 ms/);
  });

  it('reports an unreachable host as app_unavailable after bounded attempts', async () => {
    const closed = await fakeHubspot(() => undefined);
    await closed.close();
    hub = connectorFor(closed, { ...FAST, maxAttempts: 2 });
    await expect(hub.read('contacts', ['1'])).rejects.toMatchObject({ code: 'app_unavailable' });
  });

  it('maps 403 to permission_denied and a gateway error page to app_unavailable', async () => {
    let gateway = false;
    fake = await fakeHubspot((req, res) => {
      if (gateway) return void res.writeHead(502, { 'Content-Type': 'text/html' }).end('<html>Bad gateway</html>');
      if (req.url?.startsWith('/crm/v3/properties/')) return void res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ results: [{ name: 'email', type: 'string' }] }));
      hubspotError(res, 403, 'MISSING_SCOPES', 'This app hasn\'t been granted all required scopes to make this call.');
    });
    hub = connectorFor(fake, { ...FAST, maxAttempts: 2 });
    await expect(hub.read('contacts', ['1'])).rejects.toMatchObject({ code: 'permission_denied', meta: { retryable: false } });
    const [result] = await hub.update('contacts', [{ id: '1', properties: { email: 'a@example.com' } }]);
    expect(result).toMatchObject({ ok: false, category: 'permission_denied', retryable: false });
    expect(result?.ok === false && result.message).toContain('correlationId 2f0c3a52-6d1e-4c8e-9a57-3b0b0d1c9e11');
    const before = fake.requests.length;
    gateway = true;
    const [failed] = await hub.create('contacts', [{ ref: 'g', properties: { email: 'g@example.com' } }]);
    expect(failed).toMatchObject({ ok: false, category: 'app_unavailable', retryable: true });
    expect(fake.requests.length - before).toBe(2);
  });

  it('stops with rate_limited when the daily budget is spent, and sends nothing more that day', async () => {
    em = await startEmulator({ dailyLimit: 3 });
    hub = connectorFor(em);
    await hub.describe('companies');
    await collect(hub.list('companies', { pageSize: 10, properties: ['name'] }));
    await hub.read('companies', ['1'], ['name']);
    const err = await hub.create('companies', [{ ref: 'x', properties: { name: 'X' } }]).then(() => undefined, (e: unknown) => e);
    expect(err).toMatchObject({ code: 'rate_limited', meta: { policy: 'DAILY', retryable: false } });
    const requests = em.stats().requests;
    await expect(hub.read('companies', ['1'])).rejects.toMatchObject({ code: 'rate_limited' });
    expect(em.stats().requests).toBe(requests);
  });

  it('keeps within the rolling window and search’s own limit without a single 429', async () => {
    em = await startEmulator({ rateLimit: { max: 40, intervalMs: 1000 }, searchRateLimit: { max: 5, intervalMs: 1000 } });
    // The shipped settings: the budget comes from the tier and then from HubSpot's headers.
    hub = connectorFor(em, { concurrency: 8 });
    const ids = Array.from({ length: 90 }, (_, i) => String(i + 1));
    await Promise.all(ids.map((id) => hub?.read('companies', [id], ['name'])));
    for (let i = 0; i < 8; i += 1) await collect(hub.changes('companies', undefined, { pageSize: 10, properties: ['name'] }));
    expect(em.stats().rateLimited).toEqual({ total: 0, byPolicy: {} });
    expect(hub.budget.windowMax).toBe(40);
  });
});
