import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubspotEmulator } from '../../src/emulator/hubspot/index.js';
import { api, createContacts, startEmulator } from './helpers.js';

interface SearchReply {
  total: number;
  results: Array<{ id: string; properties: Record<string, string | null> }>;
  paging?: { next: { after: string } };
}

type FilterSpec = { propertyName: string; operator: string; value?: string; highValue?: string; values?: string[] };

describe('search', () => {
  let em: HubspotEmulator;
  let ids: Record<string, string>;

  beforeAll(async () => {
    em = await startEmulator({ clock: () => Date.UTC(2025, 2, 1) });
    const inputs = [
      { key: 'ann', properties: { email: 'ann@alpha.io', firstname: 'Ann', lifecyclestage: 'lead', phone: '+32 1' } },
      { key: 'bob', properties: { email: 'bob@beta.io', firstname: 'Bob', lifecyclestage: 'customer' } },
      { key: 'cid', properties: { email: 'cid@alpha.io', firstname: 'Cid', lifecyclestage: 'customer', jobtitle: 'Head of Sales' } },
      { key: 'dee', properties: { firstname: 'Dee' } },
    ];
    ids = {};
    for (const input of inputs) {
      const reply = await api<{ id: string }>(em, 'POST', '/crm/v3/objects/contacts', { properties: input.properties });
      ids[input.key] = reply.body.id;
    }
  });
  afterAll(() => em.close());

  async function find(filters: FilterSpec[], extra: Record<string, unknown> = {}): Promise<string[]> {
    const reply = await api<SearchReply>(em, 'POST', '/crm/v3/objects/contacts/search', { filterGroups: [{ filters }], limit: 100, ...extra });
    expect(reply.status).toBe(200);
    return reply.body.results.map((r) => r.id).sort((a, b) => Number(a) - Number(b));
  }

  it.each([
    ['EQ (case-insensitive)', [{ propertyName: 'firstname', operator: 'EQ', value: 'ANN' }], ['ann']],
    ['NEQ (unset values match)', [{ propertyName: 'lifecyclestage', operator: 'NEQ', value: 'customer' }], ['ann', 'dee']],
    ['IN', [{ propertyName: 'lifecyclestage', operator: 'IN', values: ['lead', 'customer'] }], ['ann', 'bob', 'cid']],
    ['NOT_IN', [{ propertyName: 'lifecyclestage', operator: 'NOT_IN', values: ['customer'] }], ['ann', 'dee']],
    ['HAS_PROPERTY', [{ propertyName: 'phone', operator: 'HAS_PROPERTY' }], ['ann']],
    ['NOT_HAS_PROPERTY', [{ propertyName: 'email', operator: 'NOT_HAS_PROPERTY' }], ['dee']],
    ['CONTAINS_TOKEN with a wildcard', [{ propertyName: 'email', operator: 'CONTAINS_TOKEN', value: '*@alpha.io' }], ['ann', 'cid']],
    ['CONTAINS_TOKEN on a word', [{ propertyName: 'jobtitle', operator: 'CONTAINS_TOKEN', value: 'sales' }], ['cid']],
    ['LT on text', [{ propertyName: 'firstname', operator: 'LT', value: 'bz' }], ['ann', 'bob']],
    ['GTE and LTE together (AND)', [{ propertyName: 'firstname', operator: 'GTE', value: 'b' }, { propertyName: 'firstname', operator: 'LTE', value: 'cz' }], ['bob', 'cid']],
    ['BETWEEN on numbers', [{ propertyName: 'hs_object_id', operator: 'BETWEEN', value: '0', highValue: '2' }], ['ann', 'bob']],
  ] as Array<[string, FilterSpec[], string[]]>)('%s', async (_name, filters, expected) => {
    expect(await find(filters)).toEqual(expected.map((k) => ids[k]));
  });

  it('ORs filter groups', async () => {
    const reply = await api<SearchReply>(em, 'POST', '/crm/v3/objects/contacts/search', {
      filterGroups: [{ filters: [{ propertyName: 'firstname', operator: 'EQ', value: 'ann' }] }, { filters: [{ propertyName: 'firstname', operator: 'EQ', value: 'dee' }] }],
    });
    expect(reply.body.results.map((r) => r.id).sort()).toEqual([ids.ann, ids.dee].sort());
  });

  it('compares date-times as instants, given as epoch ms or ISO 8601', async () => {
    const at = Date.UTC(2025, 2, 1);
    expect(await find([{ propertyName: 'createdate', operator: 'EQ', value: String(at) }])).toHaveLength(4);
    expect(await find([{ propertyName: 'createdate', operator: 'GT', value: new Date(at).toISOString() }])).toHaveLength(0);
  });

  it('sorts by one property, descending, and finds text with a free query', async () => {
    const reply = await api<SearchReply>(em, 'POST', '/crm/v3/objects/contacts/search', { sorts: [{ propertyName: 'firstname', direction: 'DESCENDING' }], properties: ['firstname'] });
    expect(reply.body.results.map((r) => r.properties.firstname)).toEqual(['Dee', 'Cid', 'Bob', 'Ann']);
    const query = await api<SearchReply>(em, 'POST', '/crm/v3/objects/contacts/search', { query: 'beta' });
    expect(query.body.results.map((r) => r.id)).toEqual([ids.bob]);
  });

  it('returns HubSpot’s default properties unless others are named', async () => {
    const reply = await api<SearchReply>(em, 'POST', '/crm/v3/objects/contacts/search', {});
    expect(Object.keys(reply.body.results[0]?.properties ?? {}).sort()).toEqual(['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname']);
  });

  it.each([
    ['two sorts', { sorts: ['firstname', 'lastname'] }, 'Only one sort'],
    ['a limit over 200', { limit: 201 }, 'limit must be an integer from 0 to 200'],
    ['six filter groups', { filterGroups: Array.from({ length: 6 }, () => ({ filters: [] })) }, 'at most 5 filterGroups'],
    ['eleven filters in a group', { filterGroups: [{ filters: Array.from({ length: 11 }, () => ({ propertyName: 'email', operator: 'HAS_PROPERTY' })) }] }, 'at most 10'],
    ['an unknown operator', { filterGroups: [{ filters: [{ propertyName: 'email', operator: 'LIKE', value: 'x' }] }] }, 'operator must be one of'],
    ['a number filter with text', { filterGroups: [{ filters: [{ propertyName: 'hs_object_id', operator: 'GT', value: 'abc' }] }] }, 'is not a number'],
    ['a sort on an unknown property', { sorts: ['shoe_size'] }, 'not a property of contacts'],
  ])('refuses %s with a 400 that says what to change', async (_name, body, message) => {
    const reply = await api<{ category: string; message: string }>(em, 'POST', '/crm/v3/objects/contacts/search', body);
    expect(reply.status).toBe(400);
    expect(reply.body.category).toBe('VALIDATION_ERROR');
    expect(reply.body.message).toContain(message);
  });
});

describe('search over many records', () => {
  let em: HubspotEmulator;
  const shared = Date.UTC(2025, 5, 1, 12, 0, 0);

  beforeAll(async () => {
    em = await startEmulator();
    await createContacts(em, 400);
  });
  afterAll(() => em.close());

  it('pages by offset up to the 10,000-results cap and answers 400 beyond it', async () => {
    // 10,050 records straight into the store: the cap is about results, not about how they were made.
    const ids = em.crm.createMany('companies', Array.from({ length: 10_050 }, (_, i) => ({ properties: { name: `Co ${i}` } })), { at: shared, silent: true }).map((r) => r.id);
    const search = (after: string, limit = 200) =>
      api<SearchReply & { message?: string }>(em, 'POST', '/crm/v3/objects/companies/search', {
        filterGroups: [{ filters: [{ propertyName: 'hs_lastmodifieddate', operator: 'EQ', value: String(shared) }] }],
        sorts: ['hs_object_id'],
        limit,
        after,
      });
    const first = await search('0');
    expect(first.body.total).toBe(10_050);
    expect(first.body.results.map((r) => r.id)).toEqual(ids.slice(0, 200));
    const last = await search('9900', 200);
    expect(last.body.results).toHaveLength(100);
    expect(last.body.paging?.next.after).toBe('10000');
    const beyond = await search('10000');
    expect(beyond.status).toBe(400);
    expect(beyond.body.message).toContain('10000 results');
  });

  it('gives records that share a sort value a stable order that is not the id order', async () => {
    const stamp = Date.UTC(2025, 6, 1);
    expect(em.setLastModified('contacts', 'all', stamp)).toBe(400);
    const pages: string[] = [];
    for (let after = 0; after < 400; after += 100) {
      const reply = await api<SearchReply>(em, 'POST', '/crm/v3/objects/contacts/search', { sorts: ['hs_lastmodifieddate'], limit: 100, after: String(after) });
      pages.push(...reply.body.results.map((r) => r.id));
    }
    expect(new Set(pages).size).toBe(400);
    const again = await api<SearchReply>(em, 'POST', '/crm/v3/objects/contacts/search', { sorts: ['hs_lastmodifieddate'], limit: 100 });
    expect(again.body.results.map((r) => r.id)).toEqual(pages.slice(0, 100));
    expect(pages).not.toEqual([...pages].sort((a, b) => Number(a) - Number(b)));
  });

  it('hides fresh writes from search while the index lags', async () => {
    const lagging = await startEmulator({ searchLagMs: 60_000 });
    try {
      await createContacts(lagging, 2, 'lag');
      const reply = await api<SearchReply>(lagging, 'POST', '/crm/v3/objects/contacts/search', {});
      expect(reply.body.total).toBe(0);
      const listed = await api<{ results: unknown[] }>(lagging, 'GET', '/crm/v3/objects/contacts');
      expect(listed.body.results).toHaveLength(2);
    } finally {
      await lagging.close();
    }
  });
});
