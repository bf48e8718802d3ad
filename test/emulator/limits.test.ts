import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubspotEmulator } from '../../src/emulator/hubspot/index.js';
import { RateLimiter } from '../../src/emulator/hubspot/limits/rate-limiter.js';
import { TOKEN, api, startEmulator } from './helpers.js';

interface RateBody {
  status: string;
  message: string;
  errorType: string;
  policyName: string;
  category: string;
  correlationId: string;
}

describe('authentication', () => {
  let open: HubspotEmulator;
  let locked: HubspotEmulator;
  beforeAll(async () => {
    open = await startEmulator();
    locked = await startEmulator({ token: 'the-one-token' });
  });
  afterAll(async () => {
    await open.close();
    await locked.close();
  });

  it('answers 401 INVALID_AUTHENTICATION without a bearer token', async () => {
    for (const token of [null, '']) {
      const reply = await api<RateBody>(open, 'GET', '/crm/v3/objects/contacts', undefined, token);
      expect(reply.status).toBe(401);
      expect(reply.body).toMatchObject({ status: 'error', category: 'INVALID_AUTHENTICATION' });
      expect(reply.body.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect((await api(open, 'GET', '/crm/v3/objects/contacts', undefined, 'anything')).status).toBe(200);
  });

  it('accepts exactly the configured token', async () => {
    expect((await api(locked, 'GET', '/crm/v3/objects/contacts', undefined, 'other')).status).toBe(401);
    expect((await api(locked, 'GET', '/crm/v3/objects/contacts', undefined, 'the-one-token')).status).toBe(200);
  });

  it('needs no token on the emulator’s own routes', async () => {
    expect((await api(locked, 'GET', '/_emulator/health', undefined, null)).status).toBe(200);
  });
});

describe('rate limits over HTTP', () => {
  let em: HubspotEmulator;
  beforeAll(async () => {
    em = await startEmulator({ rateLimit: { max: 5, intervalMs: 1_000 }, dailyLimit: 1_000 });
  });
  afterAll(() => em.close());

  it('counts down with X-HubSpot-RateLimit headers, answers 429 TEN_SECONDLY_ROLLING, and recovers after the window', async () => {
    const remaining: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const reply = await api(em, 'GET', '/crm/v3/objects/contacts');
      expect(reply.status).toBe(200);
      remaining.push(reply.headers.get('x-hubspot-ratelimit-remaining') ?? '');
      expect(reply.headers.get('x-hubspot-ratelimit-max')).toBe('5');
      expect(reply.headers.get('x-hubspot-ratelimit-interval-milliseconds')).toBe('1000');
      expect(reply.headers.get('x-hubspot-ratelimit-daily')).toBe('1000');
    }
    expect(remaining).toEqual(['4', '3', '2', '1', '0']);
    const limited = await api<RateBody>(em, 'GET', '/crm/v3/objects/contacts');
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ status: 'error', errorType: 'RATE_LIMIT', policyName: 'TEN_SECONDLY_ROLLING', message: 'You have reached your ten_secondly_rolling limit.' });
    expect(limited.headers.get('x-hubspot-ratelimit-remaining')).toBe('0');
    // Another token has its own budget.
    expect((await api(em, 'GET', '/crm/v3/objects/contacts', undefined, 'second-token')).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await api(em, 'GET', '/crm/v3/objects/contacts')).status).toBe(200);
    expect(em.stats().rateLimited.byPolicy).toEqual({ TEN_SECONDLY_ROLLING: 1 });
  });
});

describe('RateLimiter', () => {
  function limiter(limits: ConstructorParameters<typeof RateLimiter>[0]) {
    let now = 1_000_000;
    return { l: new RateLimiter(limits, () => now), advance: (ms: number) => (now += ms) };
  }

  it('rolls its window: a slot frees when its request leaves the window', () => {
    const { l, advance } = limiter({ window: { max: 2, intervalMs: 10_000 }, daily: false, search: false });
    expect(l.check(TOKEN, 'standard').ok).toBe(true);
    advance(6_000);
    expect(l.check(TOKEN, 'standard').ok).toBe(true);
    expect(l.check(TOKEN, 'standard')).toMatchObject({ ok: false, policy: 'TEN_SECONDLY_ROLLING' });
    advance(4_001);
    expect(l.check(TOKEN, 'standard').ok).toBe(true);
    expect(l.check(TOKEN, 'standard').ok).toBe(false);
  });

  it('spends a daily budget and starts it over the next day', () => {
    const { l, advance } = limiter({ window: false, daily: 3, search: false });
    for (let i = 0; i < 3; i += 1) expect(l.check(TOKEN, 'standard').ok).toBe(true);
    const refused = l.check(TOKEN, 'standard');
    expect(refused).toMatchObject({ ok: false, policy: 'DAILY', headers: { 'X-HubSpot-RateLimit-Daily-Remaining': '0' } });
    advance(86_400_000);
    expect(l.check(TOKEN, 'standard').ok).toBe(true);
  });

  it('limits search on its own, five per second, without the standard headers', () => {
    const { l, advance } = limiter({ window: { max: 100, intervalMs: 10_000 }, daily: false, search: { max: 5, intervalMs: 1_000 } });
    for (let i = 0; i < 5; i += 1) expect(l.check(TOKEN, 'search')).toEqual({ ok: true, headers: {} });
    expect(l.check(TOKEN, 'search')).toMatchObject({ ok: false, policy: 'SECONDLY' });
    expect(l.check(TOKEN, 'standard').ok).toBe(true);
    advance(1_000);
    expect(l.check(TOKEN, 'search').ok).toBe(true);
  });
});
