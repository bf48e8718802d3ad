import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubspotEmulator } from '../../src/emulator/hubspot/index.js';
import { FaultInjector } from '../../src/emulator/hubspot/limits/faults.js';
import { api, startEmulator } from './helpers.js';

describe('fault injection', () => {
  let em: HubspotEmulator;
  beforeAll(async () => {
    em = await startEmulator({ faults: { errorRate: 0.05, seed: 42 } });
  });
  afterAll(() => em.close());

  it('answers roughly the configured share of requests with a 5xx in HubSpot’s body', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 400; i += 1) {
      const reply = await api<{ status: string; category: string }>(em, 'GET', '/crm/v3/objects/contacts?limit=1');
      statuses.push(reply.status);
      if (reply.status >= 500) expect(reply.body).toMatchObject({ status: 'error' });
    }
    const errors = statuses.filter((s) => s >= 500).length;
    expect(errors).toBeGreaterThanOrEqual(8);
    expect(errors).toBeLessThanOrEqual(40);
    expect(em.stats().faults.errors).toBe(errors);
    expect(new Set(statuses.filter((s) => s >= 500)).size).toBeGreaterThan(1);
  });

  it('is deterministic with a seed', () => {
    const run = () => {
      const f = new FaultInjector({ errorRate: 0.3, seed: 7 });
      return Array.from({ length: 50 }, () => f.decide().errorStatus ?? 0);
    };
    expect(run()).toEqual(run());
    expect(run().filter((s) => s > 0).length).toBeGreaterThan(5);
  });

  it('answers the next N requests with 429 after --burst-429, then recovers', async () => {
    em.faults.set({ errorRate: 0 });
    em.faults.burst429(3);
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await api(em, 'GET', '/crm/v3/objects/contacts')).status);
    expect(statuses).toEqual([429, 429, 429, 200]);
    expect(em.stats().faults.throttled).toBe(3);
  });

  it('can fail after the write happened, so a retried create meets its own record', async () => {
    em.faults.set({ errorRate: 1, errorTiming: 'after' });
    const first = await api(em, 'POST', '/crm/v3/objects/contacts', { properties: { email: 'twice@example.com' } });
    em.faults.set({ errorRate: 0 });
    expect(first.status).toBeGreaterThanOrEqual(500);
    const retry = await api<{ message: string }>(em, 'POST', '/crm/v3/objects/contacts', { properties: { email: 'twice@example.com' } });
    expect(retry.status).toBe(409);
  });

  it('adds latency to API answers', async () => {
    em.faults.set({ latencyMs: 60 });
    const started = performance.now();
    await api(em, 'GET', '/crm/v3/objects/contacts');
    expect(performance.now() - started).toBeGreaterThanOrEqual(50);
    em.faults.set({ latencyMs: 0 });
  });

  it('can be steered over the emulator’s own HTTP routes', async () => {
    const set = await api<{ burst429Left: number; errorRate: number }>(em, 'POST', '/_emulator/faults', { burst429: 2, errorRate: 0 }, null);
    expect(set.body).toMatchObject({ burst429Left: 2, errorRate: 0 });
    expect((await api(em, 'GET', '/crm/v3/objects/contacts')).status).toBe(429);
    const bad = await api(em, 'POST', '/_emulator/faults', { errorRate: 3 }, null);
    expect(bad.status).toBe(400);
    em.faults.burst429(0);
  });
});
