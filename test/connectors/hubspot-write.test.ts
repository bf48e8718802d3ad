// Batch writes of the HubSpot connector against the emulator: bad records fail alone (HubSpot
// refuses a whole batch for one), per-record results in input order, 409 → existingId.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HubspotConnector } from '../../src/connectors/hubspot/index.js';
import { matchCreated } from '../../src/connectors/hubspot/create.js';
import { roundsOfDistinctIds } from '../../src/connectors/hubspot/update.js';
import type { HubspotEmulator } from '../../src/emulator/hubspot/index.js';
import { connectorFor, countIn, exchangesOf, seed, startEmulator } from './hubspot/helpers.js';

describe('hubspot writes', () => {
  let em: HubspotEmulator;
  let hub: HubspotConnector;
  beforeEach(async () => {
    em = await startEmulator();
    hub = connectorFor(em);
  });
  afterEach(async () => {
    await hub.close();
    await em.close();
  });

  it('creates 150 companies in two batches; a bad record in the middle fails alone', async () => {
    const inputs = Array.from({ length: 150 }, (_, i) => ({
      ref: `r${i}`,
      properties: i === 60 ? { name: 'Bad', numberofemployees: 'lots' } : { name: `Co ${i}`, numberofemployees: i },
    }));
    const results = await hub.create('companies', inputs);
    expect(results.map((r) => r.ref)).toEqual(inputs.map((i) => i.ref));
    expect(results.filter((r) => r.ok)).toHaveLength(149);
    expect(results[60]).toMatchObject({ ok: false, ref: 'r60', category: 'invalid_value', retryable: false });
    expect(results[60]?.ok === false && results[60].message).toMatch(/numberofemployees|lots/);
    expect(results[60]?.ok === false && results[60].message).toMatch(/correlationId [0-9a-f-]{36}/);
    expect(countIn(em, 'companies')).toBe(149);
    const created = await hub.read('companies', [results[61]?.ok ? results[61].id : ''], ['name']);
    expect(created[0]?.properties.name).toBe('Co 61');
    const sizes = exchangesOf(em, '/crm/v3/objects/:objectType/batch/create').map((e) => (e.requestBody as { inputs: unknown[] }).inputs.length);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(100);
  });

  it('links a contact whose email exists: 409 gives conflict_at_app with the existing id', async () => {
    const [existing = ''] = seed(em, 'contacts', [{ email: 'taken@example.com', firstname: 'Old' }]);
    const results = await hub.create('contacts', [
      { ref: 'a', properties: { email: 'new1@example.com' } },
      { ref: 'b', properties: { email: 'TAKEN@example.com', firstname: 'New' } },
      { ref: 'c', properties: { email: 'new2@example.com' } },
    ]);
    expect(results[0]?.ok).toBe(true);
    expect(results[1]).toMatchObject({ ok: false, ref: 'b', category: 'conflict_at_app', existingId: existing, retryable: false });
    expect(results[2]?.ok).toBe(true);
    expect(countIn(em, 'contacts')).toBe(3);
  });

  it('says which required property is missing', async () => {
    const [result] = await hub.create('deals', [{ ref: 'd', properties: { dealname: 'No stage' } }]);
    expect(result).toMatchObject({ ok: false, category: 'missing_required_field' });
    expect(result?.ok === false && result.message).toContain('dealstage');
  });

  it('updates with per-record results: invalid value, unknown property, missing record, taken email', async () => {
    const ids = seed(em, 'contacts', Array.from({ length: 5 }, (_, i) => ({ email: `u${i}@example.com`, firstname: `U${i}` })));
    const results = await hub.update('contacts', [
      { id: ids[0] ?? '', properties: { firstname: 'Changed' } },
      { id: ids[1] ?? '', properties: { email: 'nope' } },
      { id: ids[2] ?? '', properties: { no_such_property: 'x' } },
      { id: '999999999', properties: { firstname: 'Ghost' } },
      { id: ids[3] ?? '', properties: { email: 'u4@example.com' } },
      { id: ids[4] ?? '', properties: { firstname: null } },
    ]);
    expect(results.map((r) => (r.ok ? 'ok' : r.category))).toEqual(['ok', 'invalid_value', 'invalid_value', 'not_found', 'conflict_at_app', 'ok']);
    expect(results[4]).toMatchObject({ existingId: ids[4] });
    expect(results[0]?.ok && results[0].updatedAt).toMatch(/^\d{4}-/);
    const after = await hub.read('contacts', ids, ['firstname', 'email']);
    expect(after.map((r) => r.properties.firstname)).toEqual(['Changed', 'U1', 'U2', 'U3', null]);
  });

  it('sends a record named twice in a later batch, after its first update', async () => {
    const [id = ''] = seed(em, 'companies', [{ name: 'Twice' }]);
    const results = await hub.update('companies', [
      { id, properties: { name: 'First' } },
      { id, properties: { description: 'Second' } },
    ]);
    expect(results.every((r) => r.ok)).toBe(true);
    const [after] = await hub.read('companies', [id], ['name', 'description']);
    expect(after?.properties).toMatchObject({ name: 'First', description: 'Second' });
    expect(roundsOfDistinctIds([1, 2, 1, 1].map((n, index) => ({ index, input: { id: String(n) } }))).map((r) => r.map((i) => i.index))).toEqual([[0, 1], [2], [3]]);
  });

  it('pairs batch results with inputs by their values when HubSpot answers out of order', () => {
    const inputs = [
      { ref: 'x', properties: { email: 'X@Example.com', amount: 5 } },
      { ref: 'y', properties: { email: 'y@example.com', amount: 6 } },
    ];
    const created = [
      { id: '2', properties: { email: 'y@example.com', amount: '6' } },
      { id: '1', properties: { email: 'x@example.com', amount: '5.0' } },
    ];
    expect(matchCreated(inputs, created).map((o) => o?.id)).toEqual(['1', '2']);
  });
});
