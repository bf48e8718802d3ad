// changes() through HubSpot's search API against the emulator: the 10,000-results cap, thousands
// of records sharing one hs_lastmodifieddate, writes during a read, and the search index's lag.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { HubspotConnector } from '../../src/connectors/hubspot/index.js';
import type { ChangePage } from '../../src/connectors/types.js';
import type { HubspotEmulator, HubspotEmulatorOptions } from '../../src/emulator/hubspot/index.js';
import { collect, connectorFor, exchangesOf, seed, startEmulator } from './hubspot/helpers.js';

const SHARED = '2024-05-01T12:00:00.000Z';

describe('hubspot changes', () => {
  let em: HubspotEmulator;
  let hub: HubspotConnector;
  async function start(options: HubspotEmulatorOptions = {}): Promise<void> {
    em = await startEmulator(options);
    hub = connectorFor(em);
  }
  afterEach(async () => {
    await hub.close();
    await em.close();
  });

  it('returns 10,050 records sharing one hs_lastmodifieddate exactly once, in id order', async () => {
    await start();
    const ids = seed(em, 'companies', Array.from({ length: 10_050 }, (_, i) => ({ name: `Same ${i}` })));
    em.setLastModified('companies', 'all', SHARED);
    em.clearExchanges();
    const pages: ChangePage[] = await collect(hub.changes('companies', undefined, { pageSize: 500, properties: ['name'] }));
    const records = pages.flatMap((p) => p.records);
    expect(records).toHaveLength(10_050);
    expect(new Set(records.map((r) => r.id)).size).toBe(10_050);
    expect(records.map((r) => r.id)).toEqual([...ids].sort((a, b) => Number(a) - Number(b)));
    expect(pages.every((p) => p.records.length <= 500)).toBe(true);
    expect(pages.at(-1)?.cursor).toEqual({ updatedAt: SHARED, id: records.at(-1)?.id });
    const searches = exchangesOf(em, '/crm/v3/objects/:objectType/search');
    expect(searches.every((e) => e.status === 200)).toBe(true);
    expect(searches.every((e) => (e.requestBody as { after: string }).after === '0')).toBe(true);

    // Resuming from a cursor inside the tie reads the rest of it, and nothing again.
    const middle = records[4_999];
    const rest = (await collect(hub.changes('companies', { updatedAt: SHARED, id: middle?.id ?? '' }, { pageSize: 1000, overlapMs: 0 }))).flatMap((p) => p.records);
    expect(rest.map((r) => r.id)).toEqual(records.slice(5_000).map((r) => r.id));
  });

  it('reads changes across many timestamps in keyset order, ties spanning page boundaries', async () => {
    await start();
    const ids = seed(em, 'contacts', Array.from({ length: 1_050 }, (_, i) => ({ email: `m${i}@example.com` })));
    const base = Date.parse('2024-01-01T00:00:00.000Z');
    for (let g = 0; g * 150 < ids.length; g += 1) em.setLastModified('contacts', ids.slice(g * 150, (g + 1) * 150), base + g * 1000);
    const records = (await collect(hub.changes('contacts', undefined, { pageSize: 250 }))).flatMap((p) => p.records);
    expect(records).toHaveLength(1_050);
    expect(new Set(records.map((r) => r.id)).size).toBe(1_050);
    const keys = records.map((r) => [Date.parse(r.updatedAt), Number(r.id)] as const);
    expect(keys.every((k, i) => i === 0 || k[0] > (keys[i - 1]?.[0] ?? 0) || (k[0] === keys[i - 1]?.[0] && k[1] > (keys[i - 1]?.[1] ?? 0)))).toBe(true);
  });

  it('does not lose a record that changes while the pages are being read', async () => {
    await start();
    const ids = seed(em, 'companies', Array.from({ length: 450 }, (_, i) => ({ name: `Moving ${i}` })));
    ids.forEach((id, i) => em.setLastModified('companies', [id], Date.parse('2024-02-01T00:00:00.000Z') + i));
    const seen: string[] = [];
    let touched = false;
    for await (const page of hub.changes('companies', undefined, { pageSize: 100, properties: ['name'] })) {
      seen.push(...page.records.map((r) => r.id));
      if (!touched) {
        touched = true;
        // The first record moves to "now": offset paging would skip one record of the next page.
        em.crm.update('companies', ids[0] ?? '', { name: 'Moved' });
      }
    }
    expect(new Set(seen)).toEqual(new Set(ids));
    expect(seen.filter((id) => id === ids[0])).toHaveLength(2);
  });

  it('picks up a record the search index showed late, without repeating what it returned', async () => {
    await start({ searchLagMs: 1000 });
    await hub.describe('companies');
    const [early = '', late = ''] = seed(em, 'companies', [{ name: 'Indexed' }, { name: 'Late' }]);
    await sleep(1100);
    // "late" changes before "early" did (by its timestamp) but reaches the index only a second later.
    em.crm.update('companies', late, { name: 'Late, changed' });
    em.setLastModified('companies', [late], Date.parse(em.crm.find('companies', early)?.updatedAt ?? '') - 1000);
    const first = await collect(hub.changes('companies', undefined, { pageSize: 10 }));
    expect(first.flatMap((p) => p.records.map((r) => r.id))).toEqual([early]);
    const cursor = first.at(-1)?.cursor;
    await sleep(1100);
    const withoutOverlap = (await collect(hub.changes('companies', cursor, { pageSize: 10, overlapMs: 0 }))).flatMap((p) => p.records);
    expect(withoutOverlap).toEqual([]);
    const next = await collect(hub.changes('companies', cursor, { pageSize: 10 }));
    expect(next.flatMap((p) => p.records.map((r) => r.id))).toEqual([late]);
    expect(next.at(-1)?.cursor).toEqual(cursor);
  });

  it('refuses a cursor that is not a time', async () => {
    await start();
    await expect(collect(hub.changes('companies', { updatedAt: 'yesterday', id: '1' }, { pageSize: 10 }))).rejects.toMatchObject({ code: 'invalid_change_cursor' });
  });
});
