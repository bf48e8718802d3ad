// list() asks for the next page as soon as a page arrives: HubSpot's cursor makes paging
// sequential, and the round trip then overlaps the caller's work on the page it holds.
import { afterEach, describe, expect, it } from 'vitest';
import type { HubspotConnector } from '../../src/connectors/hubspot/index.js';
import type { HubspotEmulator } from '../../src/emulator/hubspot/index.js';
import { waitFor } from '../runner/helpers.js';
import { connectorFor, exchangesOf, seed, startEmulator } from './hubspot/helpers.js';

const LIST = '/crm/v3/objects/:objectType';

describe('hubspot list read-ahead', () => {
  let em: HubspotEmulator | undefined;
  let hub: HubspotConnector | undefined;
  afterEach(async () => {
    await hub?.close();
    await em?.close();
  });

  it('given a caller holding page 1, then page 2 is already asked for; every page is asked for once', async () => {
    em = await startEmulator();
    seed(em, 'companies', Array.from({ length: 250 }, (_, i) => ({ name: `C${i}` })));
    hub = connectorFor(em);
    const emulator = em;
    const pages = hub.list('companies', { pageSize: 100, properties: ['name'] })[Symbol.asyncIterator]();
    const first = await pages.next();
    expect(first.value?.records).toHaveLength(100);
    // The caller has not asked for page 2 yet: the connector has.
    await waitFor(() => exchangesOf(emulator, LIST).length === 2, 5000, 'the second page to be asked for');
    expect(new URLSearchParams(exchangesOf(emulator, LIST)[1]?.query).get('after')).toBe(first.value?.nextCursor);
    const rest: number[] = [];
    for (let page = await pages.next(); !page.done; page = await pages.next()) rest.push(page.value.records.length);
    expect(rest).toEqual([100, 50]);
    expect(exchangesOf(emulator, LIST)).toHaveLength(3);
  });

  it('given a caller that stops after page 1 and closes the connector while page 2 is read ahead, then nothing surfaces; another connector lists everything', async () => {
    em = await startEmulator({ faults: { latencyMs: 300 } });
    seed(em, 'companies', Array.from({ length: 150 }, (_, i) => ({ name: `C${i}` })));
    const closing = connectorFor(em);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      for await (const page of closing.list('companies', { pageSize: 100, properties: ['name'] })) {
        expect(page.records).toHaveLength(100);
        break;
      }
      // Page 2 is still on its way (300 ms): closing aborts it.
      await closing.close();
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(exchangesOf(em, LIST).length).toBeLessThanOrEqual(2);
    em.faults.set({ latencyMs: 0 });
    hub = connectorFor(em);
    let count = 0;
    for await (const page of hub.list('companies', { pageSize: 100, properties: ['name'] })) count += page.records.length;
    expect(count).toBe(150);
  });
});
