import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type EmulatorStore, type StoredObject, startHubspotEmulator } from '../../src/emulator/hubspot/index.js';
import { createMemoryStore, openSqliteStore } from '../../src/emulator/hubspot/store/index.js';
import { api } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'syncctl-emulator-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileNo = 0;
const backends: Array<[string, () => EmulatorStore]> = [
  ['memory', createMemoryStore],
  ['sqlite', () => openSqliteStore(join(dir, `store-${(fileNo += 1)}.db`))],
];

function record(id: string, overrides: Partial<StoredObject> = {}): StoredObject {
  return { type: 'contacts', id, properties: { hs_object_id: id }, createdAt: 'c', updatedAt: 'u', archived: false, archivedAt: null, ...overrides };
}

describe.each(backends)('the %s store', (_name, open) => {
  let store: EmulatorStore;
  beforeEach(() => {
    store = open();
  });
  afterEach(() => store.close());

  it('hands out increasing ids that continue past records put with explicit ids', () => {
    expect(store.nextId()).toBe('1');
    store.put(record('10'));
    expect(store.nextId()).toBe('11');
  });

  it('gets, replaces and lists records in id order from any id, by archived state', () => {
    for (const id of ['3', '12', '7', '100']) store.put(record(id));
    store.put(record('7', { archived: true, archivedAt: 'a' }));
    expect(store.get('contacts', '7')?.archived).toBe(true);
    expect(store.get('companies', '7')).toBeUndefined();
    expect(store.list('contacts', { archived: false, limit: 10 }).map((r) => r.id)).toEqual(['3', '12', '100']);
    expect(store.list('contacts', { archived: false, fromId: '4', limit: 1 }).map((r) => r.id)).toEqual(['12']);
    expect(store.scan('contacts', true).map((r) => r.id)).toEqual(['7']);
    expect(store.count('contacts', false)).toBe(3);
  });

  it('finds active contacts by email, case-insensitively', () => {
    store.put(record('1', { properties: { email: 'a@example.com' } }));
    expect(store.findContactByEmail('A@Example.com')?.id).toBe('1');
    store.put(record('1', { properties: { email: 'a@example.com' }, archived: true, archivedAt: 'x' }));
    expect(store.findContactByEmail('a@example.com')).toBeUndefined();
  });

  it('keeps association edges per record and type', () => {
    const edge = { fromType: 'contacts', fromId: '1', toType: 'companies', toId: '2', typeId: 279 } as const;
    expect(store.addAssociation(edge)).toBe(true);
    expect(store.addAssociation(edge)).toBe(false);
    store.addAssociation({ ...edge, toType: 'deals', typeId: 4 });
    expect(store.associationsFrom('contacts', '1', 'companies')).toEqual([edge]);
    expect(store.associationsFrom('contacts', '1')).toHaveLength(2);
    expect(store.removeAssociation(edge)).toBe(true);
    expect(store.associationsFrom('contacts', '1', 'companies')).toEqual([]);
  });
});

describe('--data FILE', () => {
  it('keeps records, associations and the id sequence across restarts, and seeds only an empty file', async () => {
    const dataFile = join(dir, 'emulator.db');
    const first = await startHubspotEmulator({ dataFile, seed: 'demo' });
    const seeded = first.seeded;
    expect(seeded?.contacts.length).toBeGreaterThan(0);
    const created = await api<{ id: string }>(first, 'POST', '/crm/v3/objects/contacts', { properties: { email: 'kept@example.com' } });
    await first.close();

    const second = await startHubspotEmulator({ dataFile, seed: 'demo' });
    try {
      expect(second.seeded).toBeUndefined();
      expect((await api<{ properties: { email: string } }>(second, 'GET', `/crm/v3/objects/contacts/${created.body.id}`)).body.properties.email).toBe('kept@example.com');
      const contact = seeded?.contacts[0] as string;
      const assoc = await api<{ results: unknown[] }>(second, 'POST', '/crm/v4/associations/contacts/companies/batch/read', { inputs: [{ id: contact }] });
      expect(assoc.body.results).toHaveLength(1);
      const next = await api<{ id: string }>(second, 'POST', '/crm/v3/objects/companies', { properties: { name: 'After restart' } });
      expect(Number(next.body.id)).toBe(Number(created.body.id) + 1);
    } finally {
      await second.close();
    }
  });

  it('refuses a file that is not SQLite with a clear error', async () => {
    const bogus = join(dir, 'not-a-db.txt');
    (await import('node:fs')).writeFileSync(bogus, 'hello, this is not a database file at all'.repeat(50));
    await expect(startHubspotEmulator({ dataFile: bogus })).rejects.toMatchObject({ code: 'emulator_data_unreadable' });
  });
});

describe('demo seed', () => {
  it('is the same on every run', async () => {
    const snapshot = async () => {
      const em = await startHubspotEmulator({ seed: 'demo' });
      try {
        return em.store.scan('contacts', false).slice(0, 20).map((r) => r.properties);
      } finally {
        await em.close();
      }
    };
    expect(await snapshot()).toEqual(await snapshot());
  });

  it('gives most contacts and every deal a primary company', async () => {
    const em = await startHubspotEmulator({ seed: 'demo' });
    try {
      const seeded = em.seeded;
      const withPrimary = (seeded?.contacts ?? []).filter((id) => em.crm.associations.read('contacts', id, 'companies').some((a) => a.types.some((t) => t.typeId === 1)));
      expect(withPrimary.length).toBeGreaterThan((seeded?.contacts.length ?? 0) * 0.8);
      const dealsWithPrimary = (seeded?.deals ?? []).filter((id) => em.crm.associations.read('deals', id, 'companies').some((a) => a.types.some((t) => t.typeId === 5)));
      expect(dealsWithPrimary).toEqual(seeded?.deals);
    } finally {
      await em.close();
    }
  });
});
