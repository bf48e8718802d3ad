import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubspotEmulator } from '../../src/emulator/hubspot/index.js';
import { api, createContacts, startEmulator } from './helpers.js';

interface Obj {
  id: string;
  properties: Record<string, string | null>;
  archived: boolean;
  archivedAt?: string;
  createdAt: string;
  updatedAt: string;
}
interface Page {
  results: Obj[];
  paging?: { next: { after: string; link: string } };
}
interface ErrorBody {
  status: string;
  category: string;
  message: string;
  correlationId: string;
  errors?: Array<{ code: string; message: string; context: Record<string, string[]> }>;
}

describe('objects v3', () => {
  let em: HubspotEmulator;
  let now = Date.UTC(2025, 0, 1);

  beforeAll(async () => {
    em = await startEmulator({ clock: () => now });
  });
  afterAll(() => em.close());

  it('creates a contact with HubSpot’s system properties and a lower-cased email', async () => {
    const reply = await api<Obj>(em, 'POST', '/crm/v3/objects/contacts', { properties: { email: ' Ada@Example.COM ', firstname: 'Ada' } });
    expect(reply.status).toBe(201);
    const iso = new Date(now).toISOString();
    expect(reply.body).toMatchObject({ archived: false, createdAt: iso, updatedAt: iso });
    expect(reply.body.properties).toEqual({
      email: 'ada@example.com',
      firstname: 'Ada',
      hs_email_domain: 'example.com',
      hs_object_id: reply.body.id,
      createdate: iso,
      hs_lastmodifieddate: iso,
      lastmodifieddate: iso,
    });
  });

  it('answers 409 with the existing id for a duplicate contact email, whatever its case', async () => {
    const first = await api<Obj>(em, 'POST', '/crm/v3/objects/contacts', { properties: { email: 'dup@example.com' } });
    const second = await api<ErrorBody>(em, 'POST', '/crm/v3/objects/contacts', { properties: { email: 'DUP@example.com' } });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ status: 'error', category: 'CONFLICT', message: `Contact already exists. Existing ID: ${first.body.id}` });
    expect(second.body.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    const batch = await api<ErrorBody>(em, 'POST', '/crm/v3/objects/contacts/batch/create', {
      inputs: [{ properties: { email: 'fresh@example.com' } }, { properties: { email: 'dup@example.com' } }],
    });
    expect(batch.status).toBe(409);
    expect(batch.body.message).toBe(`Contact already exists. Existing ID: ${first.body.id}`);
    // The batch failed as a whole: the fresh contact was not created either.
    const fresh = await api(em, 'GET', '/crm/v3/objects/contacts/fresh@example.com?idProperty=email');
    expect(fresh.status).toBe(404);
  });

  it('frees an email when its contact is archived', async () => {
    const first = await api<Obj>(em, 'POST', '/crm/v3/objects/contacts', { properties: { email: 'gone@example.com' } });
    expect((await api(em, 'DELETE', `/crm/v3/objects/contacts/${first.body.id}`)).status).toBe(204);
    expect((await api(em, 'POST', '/crm/v3/objects/contacts', { properties: { email: 'gone@example.com' } })).status).toBe(201);
  });

  it('rejects unknown properties, bad options and read-only values with every problem listed', async () => {
    const reply = await api<ErrorBody>(em, 'POST', '/crm/v3/objects/contacts', {
      properties: { email: 'not-an-email', shoe_size: '42', lifecyclestage: 'friend', hs_object_id: '5' },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.category).toBe('VALIDATION_ERROR');
    expect(reply.body.message).toMatch(/^Property values were not valid: \[/);
    expect(reply.body.errors?.map((e) => [e.code, e.context.propertyName?.[0]])).toEqual([
      ['INVALID_EMAIL', 'email'],
      ['PROPERTY_DOESNT_EXIST', 'shoe_size'],
      ['INVALID_OPTION', 'lifecyclestage'],
      ['READ_ONLY_VALUE', 'hs_object_id'],
    ]);
    expect(reply.body.errors?.[2]?.message).toContain('was not one of the allowed options: [subscriber, lead,');
  });

  it('checks value types: numbers, datetimes, required deal stage', async () => {
    const deal = await api<ErrorBody>(em, 'POST', '/crm/v3/objects/deals', { properties: { dealname: 'x', amount: 'lots', closedate: 'soon' } });
    expect(deal.status).toBe(400);
    expect(deal.body.errors?.map((e) => e.code)).toEqual(['INVALID_DOUBLE', 'INVALID_DATE', 'REQUIRED_PROPERTY_MISSING']);
    const ok = await api<Obj>(em, 'POST', '/crm/v3/objects/deals', { properties: { dealname: 'x', amount: 1500.5, closedate: '1735689600000', dealstage: 'closedwon' } });
    expect(ok.status).toBe(201);
    expect(ok.body.properties).toMatchObject({ amount: '1500.5', closedate: '2025-01-01T00:00:00.000Z', pipeline: 'default' });
  });

  it('updates only what changed: the same values leave hs_lastmodifieddate alone', async () => {
    const created = await api<Obj>(em, 'POST', '/crm/v3/objects/companies', { properties: { name: 'Acme', domain: 'acme.test' } });
    now += 60_000;
    const same = await api<Obj>(em, 'PATCH', `/crm/v3/objects/companies/${created.body.id}`, { properties: { name: 'Acme' } });
    expect(same.body.properties.hs_lastmodifieddate).toBe(created.body.properties.hs_lastmodifieddate);
    const changed = await api<Obj>(em, 'PATCH', `/crm/v3/objects/companies/${created.body.id}`, { properties: { name: 'Acme Ltd', domain: '' } });
    expect(changed.body.properties.hs_lastmodifieddate).toBe(new Date(now).toISOString());
    expect(changed.body.properties.domain).toBeUndefined();
    const read = await api<Obj>(em, 'GET', `/crm/v3/objects/companies/${created.body.id}?properties=name,domain`);
    expect(read.body.properties).toMatchObject({ name: 'Acme Ltd', domain: null });
  });

  it('answers 404 OBJECT_NOT_FOUND for a missing record, and reads archived ones only with archived=true', async () => {
    const missing = await api<ErrorBody>(em, 'GET', '/crm/v3/objects/contacts/424242');
    expect(missing.status).toBe(404);
    expect(missing.body.category).toBe('OBJECT_NOT_FOUND');
    const created = await api<Obj>(em, 'POST', '/crm/v3/objects/companies', { properties: { name: 'Shortlived' } });
    await api(em, 'DELETE', `/crm/v3/objects/companies/${created.body.id}`);
    expect((await api(em, 'GET', `/crm/v3/objects/companies/${created.body.id}`)).status).toBe(404);
    const archived = await api<Obj>(em, 'GET', `/crm/v3/objects/companies/${created.body.id}?archived=true`);
    expect(archived.body).toMatchObject({ archived: true, archivedAt: new Date(now).toISOString() });
    const listing = await api<Page>(em, 'GET', '/crm/v3/objects/companies?archived=true&limit=100');
    expect(listing.body.results.map((r) => r.id)).toContain(created.body.id);
    expect(listing.body.results.every((r) => r.archived)).toBe(true);
  });

  it('rejects an unknown object type and a limit over 100', async () => {
    const type = await api<ErrorBody>(em, 'GET', '/crm/v3/objects/tickets');
    expect(type.status).toBe(400);
    expect(type.body.message).toContain('Unable to infer object type from: tickets');
    expect((await api(em, 'GET', '/crm/v3/objects/contacts?limit=101')).status).toBe(400);
  });

  it('accepts the singular and the type id as object type names', async () => {
    const created = await api<Obj>(em, 'POST', '/crm/v3/objects/0-2', { properties: { name: 'By type id' } });
    expect(created.status).toBe(201);
    expect((await api<Obj>(em, 'GET', `/crm/v3/objects/company/${created.body.id}`)).body.properties.name).toBe('By type id');
  });
});

describe('list paging', () => {
  let em: HubspotEmulator;
  beforeAll(async () => {
    em = await startEmulator();
  });
  afterAll(() => em.close());

  async function listAll(path: string): Promise<string[]> {
    const ids: string[] = [];
    let after: string | undefined;
    do {
      const reply = await api<Page>(em, 'GET', `${path}${path.includes('?') ? '&' : '?'}limit=100${after ? `&after=${after}` : ''}`);
      expect(reply.status).toBe(200);
      ids.push(...reply.body.results.map((r) => r.id));
      after = reply.body.paging?.next.after;
      if (after) expect(reply.body.paging?.next.link).toContain(`after=${after}`);
    } while (after);
    return ids;
  }

  it('is complete, ordered and free of duplicates, even while records are archived and added', async () => {
    const ids = await createContacts(em, 350);
    expect(await listAll('/crm/v3/objects/contacts')).toEqual(ids);
    // Archive some records on an already-read page and add new ones while paging: nothing unread is skipped.
    const seen: string[] = [];
    let after: string | undefined;
    let round = 0;
    do {
      const reply = await api<Page>(em, 'GET', `/crm/v3/objects/contacts?limit=100${after ? `&after=${after}` : ''}`);
      seen.push(...reply.body.results.map((r) => r.id));
      if (round === 0) {
        await api(em, 'DELETE', `/crm/v3/objects/contacts/${ids[0]}`);
        await createContacts(em, 5, 'late');
      }
      after = reply.body.paging?.next.after;
      round += 1;
    } while (after);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(ids));
    expect(seen).toHaveLength(355);
  });

  it('returns the requested properties, null when unset, plus the system ones', async () => {
    const reply = await api<Page>(em, 'GET', '/crm/v3/objects/contacts?limit=1&properties=email&properties=phone,not_a_property');
    expect(Object.keys(reply.body.results[0]?.properties ?? {}).sort()).toEqual(['createdate', 'email', 'hs_object_id', 'lastmodifieddate', 'phone']);
    expect(reply.body.results[0]?.properties.phone).toBeNull();
  });
});
