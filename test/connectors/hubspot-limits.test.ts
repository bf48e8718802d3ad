// The request budget and the error mapping as pure logic: a fake clock, HubSpot's headers and
// error bodies as data. No I/O.
import { describe, expect, it } from 'vitest';
import { DeliveredChanges } from '../../src/connectors/hubspot/changes.js';
import { failureFrom, parseErrorBody } from '../../src/connectors/hubspot/errors.js';
import { TIER_LIMITS } from '../../src/connectors/hubspot/options.js';
import { type Clock, RequestBudget, RollingWindow } from '../../src/connectors/hubspot/rate-limiter.js';
import { createHubspotConnector } from '../../src/connectors/hubspot/index.js';
import { redactSecrets } from '../../src/log/redact.js';

function fakeClock(start = Date.parse('2024-03-01T10:00:00.000Z')): Clock & { t: number } {
  const clock = {
    t: start,
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.t += ms;
    },
  };
  return clock;
}

const LIMITS = { windowMax: 10, windowMs: 1000, daily: 1000, searchMax: 5, searchWindowMs: 1000 };

describe('rolling window', () => {
  it('holds a slot while in flight and for one interval after the answer', () => {
    const w = new RollingWindow(2, 1000);
    expect(w.reserve(0)).toBe(0);
    expect(w.reserve(0)).toBe(0);
    expect(w.reserve(0)).toBeGreaterThan(0);
    w.settle(300);
    expect(w.reserve(400)).toBe(900);
    expect(w.reserve(1300)).toBe(0);
    expect(w.used(1300)).toBe(2);
  });
});

describe('request budget', () => {
  it('never lets more than the window’s maximum start within any interval', async () => {
    const clock = fakeClock();
    const budget = new RequestBudget(LIMITS, clock, { marginMs: 0 });
    const starts: number[] = [];
    for (let i = 0; i < 95; i += 1) {
      const answered = await budget.acquire('standard');
      starts.push(clock.t);
      clock.t += 7;
      answered();
    }
    for (const [i, t] of starts.entries()) expect(starts.filter((s) => s >= t && s < t + 1000).length, `window at #${i}`).toBeLessThanOrEqual(10);
    // ...and still uses most of it: 95 requests in well under 95/10 windows plus one.
    expect(clock.t - (starts[0] ?? 0)).toBeLessThan(10 * 1000 + 1000);
  });

  it('follows HubSpot’s X-HubSpot-RateLimit headers', async () => {
    const clock = fakeClock();
    const budget = new RequestBudget(LIMITS, clock, { marginMs: 0 });
    budget.observe(new Headers({ 'X-HubSpot-RateLimit-Max': '3', 'X-HubSpot-RateLimit-Interval-Milliseconds': '2000', 'X-HubSpot-RateLimit-Remaining': '0', 'X-HubSpot-RateLimit-Daily': '500' }));
    expect(budget.limits).toEqual({ windowMax: 3, windowMs: 2000, daily: 500 });
    // The server counted 3 requests this client did not send: the next one waits a window.
    const before = clock.t;
    (await budget.acquire('standard'))();
    expect(clock.t - before).toBe(2000);
  });

  it('pauses after a 429, doubling up to a whole window, and starts small again after a success', () => {
    const clock = fakeClock();
    const budget = new RequestBudget(LIMITS, clock, { throttleBaseMs: 100 });
    const pauses = Array.from({ length: 6 }, () => budget.throttled('standard', 'TEN_SECONDLY_ROLLING', undefined));
    expect(pauses[0]).toBeGreaterThanOrEqual(100);
    expect(pauses[1]).toBeGreaterThanOrEqual(200);
    expect(Math.max(...pauses)).toBeLessThanOrEqual(1050 * 1.1);
    budget.succeeded();
    expect(budget.throttled('standard', 'TEN_SECONDLY_ROLLING', 5000)).toBe(5000);
    expect(budget.throttled('search', 'SECONDLY', undefined)).toBe(1050);
  });

  it('pauses only the requests a 429 concerns', async () => {
    const clock = fakeClock();
    const budget = new RequestBudget(LIMITS, clock);
    budget.throttled('search', 'SECONDLY', 700);
    const t = clock.t;
    (await budget.acquire('standard'))();
    expect(clock.t).toBe(t);
    (await budget.acquire('search'))();
    expect(clock.t).toBe(t + 700);
  });

  it('stops with rate_limited when the day’s budget is spent, until the next day', async () => {
    const clock = fakeClock();
    const budget = new RequestBudget({ ...LIMITS, daily: 2 }, clock, { connection: 'crm' });
    (await budget.acquire('standard'))();
    (await budget.acquire('standard'))();
    await expect(budget.acquire('standard')).rejects.toMatchObject({
      code: 'rate_limited',
      meta: { connection: 'crm', policy: 'DAILY', retryable: false, resumeAt: '2024-03-02T00:00:00.000Z' },
    });
    clock.t = Date.parse('2024-03-02T00:00:01.000Z');
    await expect(budget.acquire('standard')).resolves.toBeTypeOf('function');
    expect(() => budget.throttled('standard', 'DAILY', undefined)).toThrow(/daily request limit/);
    budget.observe(new Headers({ 'X-HubSpot-RateLimit-Daily-Remaining': '0' }));
    await expect(budget.acquire('search')).rejects.toMatchObject({ code: 'rate_limited' });
  });

  it('documents HubSpot’s published tiers', () => {
    expect(TIER_LIMITS.standard).toMatchObject({ windowMax: 100, windowMs: 10_000, daily: 250_000 });
    expect(TIER_LIMITS.professional).toMatchObject({ windowMax: 190, daily: 625_000 });
    expect(TIER_LIMITS.enterprise).toMatchObject({ windowMax: 190, daily: 1_000_000, searchMax: 5, searchWindowMs: 1000 });
  });
});

describe('hubspot error mapping', () => {
  const map = (status: number, body: unknown) => failureFrom(status, parseErrorBody(body, 'header-correlation'));

  it('maps HubSpot’s categories to failure categories, keeping message and correlationId', () => {
    const invalid = map(400, {
      status: 'error',
      message: 'Property values were not valid: [{"isValid":false,"message":"x","error":"PROPERTY_DOESNT_EXIST","name":"nope"}]',
      correlationId: 'c-1',
      category: 'VALIDATION_ERROR',
    });
    expect(invalid).toMatchObject({ category: 'invalid_value', retryable: false, correlationId: 'c-1' });
    expect(invalid.message).toMatch(/^HubSpot 400 VALIDATION_ERROR: Property values were not valid.*\(correlationId c-1\)$/);
    expect(map(400, { message: 'bad', category: 'VALIDATION_ERROR', errors: [{ message: 'm', code: 'REQUIRED_PROPERTY_MISSING' }] }).category).toBe('missing_required_field');
    expect(map(409, { message: 'Contact already exists. Existing ID: 5151', category: 'CONFLICT' })).toMatchObject({ category: 'conflict_at_app', existingId: '5151' });
    expect(map(401, { message: 'no', category: 'INVALID_AUTHENTICATION' }).category).toBe('auth_failed');
    expect(map(403, { message: 'scopes', category: 'MISSING_SCOPES' }).category).toBe('permission_denied');
    expect(map(404, { message: 'gone', category: 'OBJECT_NOT_FOUND' }).category).toBe('not_found');
    expect(map(429, { message: 'slow down', policyName: 'TEN_SECONDLY_ROLLING' })).toMatchObject({ category: 'rate_limited', retryable: true });
    expect(map(503, '<html>down</html>')).toMatchObject({ category: 'app_unavailable', retryable: true, correlationId: 'header-correlation' });
    expect(map(418, {}).category).toBe('unknown');
  });

  it('checks options and keeps the token out of every output', () => {
    const context = { connection: 'hub', baseDir: '.' };
    expect(() => createHubspotConnector({}, context)).toThrow(expect.objectContaining({ code: 'hubspot_invalid_options', meta: { connection: 'hub', option: 'token' } }));
    expect(() => createHubspotConnector({ token: 'tok-12345', baseUrl: 'ftp://x' }, context)).toThrow(/baseUrl/);
    expect(() => createHubspotConnector({ token: 'tok-12345', tier: 'gold' }, context)).toThrow(/tier must be one of standard, professional, enterprise/);
    const hub = createHubspotConnector({ token: 'pat-secret-value-987', webhookSecret: 'whsec-value-654' }, context);
    expect(hub.baseUrl).toBe('https://api.hubapi.com');
    expect(hub.budget.windowMax).toBe(100);
    expect(redactSecrets('Bearer pat-secret-value-987 and whsec-value-654')).toBe('Bearer [redacted] and [redacted]');
  });
});

describe('changes already returned', () => {
  it('remembers versions, not records, and only as far back as a re-read reaches', () => {
    const delivered = new DeliveredChanges();
    delivered.remember('contacts', '1', 100);
    delivered.remember('contacts', '2', 200);
    delivered.remember('contacts', '1', 300);
    expect(delivered.seen('contacts', '1', 100)).toBe(false);
    expect(delivered.seen('contacts', '1', 300)).toBe(true);
    expect(delivered.seen('companies', '1', 300)).toBe(false);
    delivered.forgetBefore('contacts', 250);
    expect(delivered.seen('contacts', '2', 200)).toBe(false);
    expect(delivered.seen('contacts', '1', 300)).toBe(true);
  });
});
