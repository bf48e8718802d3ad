// How close the HubSpot connector gets to its request budget against the emulator limited to
// 190 requests per 10 s (HubSpot's Professional tier). It reports, not asserts, the rate; it
// asserts only that the budget is never overshot (no 429).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubspotConnector } from '../../src/connectors/hubspot/index.js';
import type { HubspotEmulator } from '../../src/emulator/hubspot/index.js';
import { connectorFor, seed, startEmulator } from './hubspot/helpers.js';

describe('hubspot connector throughput', () => {
  let em: HubspotEmulator;
  let hub: HubspotConnector;
  beforeAll(async () => {
    em = await startEmulator({ rateLimit: { max: 190, intervalMs: 10_000 } });
    hub = connectorFor(em, { concurrency: 8 });
  });
  afterAll(async () => {
    await hub.close();
    await em.close();
  });

  it('uses most of a 190/10 s budget without a single 429', async () => {
    const ids = seed(em, 'companies', Array.from({ length: 600 }, (_, i) => ({ name: `T${i}` })));
    await hub.describe('companies');
    em.resetStats();
    const started = performance.now();
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < ids.length) {
        const id = ids[next++] ?? '';
        await hub.read('companies', [id], ['name']);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    const seconds = (performance.now() - started) / 1000;
    const stats = em.stats();
    // The fastest a rolling window allows: a full window at once, then one more window per 10 s.
    const fastest = Math.ceil(stats.requests / 190 - 1) * 10;
    console.info(
      `[hubspot throughput] ${stats.requests} requests in ${seconds.toFixed(1)} s = ${(stats.requests / seconds).toFixed(1)} req/s ` +
        `(budget 19.0 req/s; the window admits them in ${fastest} s at best); 429s: ${stats.rateLimited.total}`,
    );
    expect(stats.rateLimited.total).toBe(0);
    expect(stats.requests).toBe(600);
  });
});
