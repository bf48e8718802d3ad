// Mapping resolution and the merge rules, from described fields: pure, no I/O.
import { describe, expect, it } from 'vitest';
import type { FieldInfo, ObjectDescription } from '../../src/connectors/types.js';
import { resolveObjects, type ResolvedObject } from '../../src/engine/mappings.js';
import { buildCreate, mergePair } from '../../src/engine/merge.js';
import { isSyncctlError } from '../../src/errors/syncctl-error.js';
import { makeSync, syncObject } from './helpers.js';

const f = (name: string, type: FieldInfo['type'] = 'string', readOnly = false): FieldInfo => ({ name, type, readOnly });
const HUB: ObjectDescription = { object: 'contacts', identifiers: ['email'], fields: [f('id', 'number', true), f('email'), f('firstname'), f('phone'), f('score', 'number'), f('created', 'datetime', true)] };
const APP: ObjectDescription = { object: 'customers', identifiers: [], fields: [f('id', 'number', true), f('email'), f('email_address'), f('firstname'), f('phone'), f('score', 'string'), f('created', 'date'), f('vip', 'boolean')] };

function resolve(over: Parameters<typeof syncObject>[2]): ResolvedObject {
  const sync = makeSync([syncObject('contacts', 'customers', over)]);
  const [ro] = resolveObjects(sync, sync.objects, new Map([['contacts', { hub: HUB, app: APP }]]));
  if (!ro) throw new Error('not resolved');
  return ro;
}

describe('mapping resolution', () => {
  it('maps same-named, type-compatible, writable fields by default', () => {
    const ro = resolve({});
    expect(ro.fields.map((x) => `${x.hub}:${x.app}`)).toEqual(['email:email', 'firstname:firstname', 'phone:phone', 'score:score']);
    expect(ro.match).toEqual([{ prop: 0, hub: 'email', app: 'email', kind: 'email' }]);
  });

  it('lets explicit mappings replace defaults, switches disabled ones off, and respects direction for read-only fields', () => {
    const ro = resolve({
      direction: 'to-app',
      mappings: {
        defaults: true,
        fields: [
          { hub: 'email', app: 'email_address', required: true, enabled: true },
          { hub: 'phone', app: 'phone', required: false, enabled: false },
          { hub: 'created', app: 'created', required: false, enabled: true },
        ],
      },
    });
    expect(ro.fields.map((x) => `${x.hub}:${x.app}:${x.toHub ? 'h' : ''}${x.toApp ? 'a' : ''}`)).toEqual([
      'created:created:a', 'email:email_address:a', 'firstname:firstname:a', 'score:score:a',
    ]);
    expect(ro.match[0]?.app).toBe('email_address');
  });

  it('reports every problem at once: unknown fields, incompatible types, unmapped match properties, missing email', () => {
    let error: unknown;
    try {
      resolve({
        match: ['email', 'nickname'],
        mappings: {
          defaults: false,
          fields: [
            { hub: 'score', app: 'created', required: false, enabled: true },
            { hub: 'phon', app: 'phone', required: false, enabled: true },
            { hub: 'firstname', app: 'vip', required: false, enabled: true },
          ],
        },
        filters: { hub: [{ property: 'stage', op: 'eq', value: 'x' }], app: [] },
      });
    } catch (e) {
      error = e;
    }
    expect(isSyncctlError(error, 'mapping_invalid')).toBe(true);
    const problems = (error as { meta: { problems: string[] } }).meta.problems;
    expect(problems).toHaveLength(6);
    expect(problems.join('\n')).toMatch(/score <-> created.*cannot be written/);
    expect(problems.join('\n')).toMatch(/no field "phon" \(did you mean "phone"\?\)/);
    expect(problems.join('\n')).toMatch(/match property "email" is not mapped/);
    expect(problems.join('\n')).toMatch(/onlyWithEmail is on, but no email property is mapped/);
    expect(problems.join('\n')).toMatch(/no field "stage"/);
  });
});

describe('fields an app has but its connector cannot sync', () => {
  it('are named with the reason, in mappings and in filters, instead of as unknown fields', () => {
    const app: ObjectDescription = { ...APP, unsupported: { photo: "its column's type BLOB is not one syncctl syncs" } };
    const sync = makeSync([
      syncObject('contacts', 'customers', {
        mappings: { defaults: false, fields: [{ hub: 'email', app: 'email', required: true, enabled: true }, { hub: 'firstname', app: 'photo', required: false, enabled: true }] },
        filters: { hub: [], app: [{ property: 'photo', op: 'exists' }] },
      }),
    ]);
    let error: unknown;
    try {
      resolveObjects(sync, sync.objects, new Map([['contacts', { hub: HUB, app }]]));
    } catch (e) {
      error = e;
    }
    expect(isSyncctlError(error, 'mapping_invalid')).toBe(true);
    const problems = (error as { meta: { problems: string[] } }).meta.problems;
    expect(problems).toEqual([
      expect.stringMatching(/app object customers field "photo" cannot be synced: its column's type BLOB/),
      expect.stringMatching(/app object customers field "photo" cannot be synced: its column's type BLOB/),
    ]);
    expect(problems.join('\n')).not.toContain('no field');
  });
});

describe('merge rules', () => {
  const twoWay = resolve({});

  it('fills empty fields both ways and lets the winner decide conflicts', () => {
    const m = mergePair(twoWay, { email: 'a@x.com', firstname: 'Hub', phone: null }, { email: 'a@x.com', firstname: 'App', phone: '1' });
    expect(m.ok && m.patch).toEqual({ hub: { phone: '1' }, app: { firstname: 'Hub' } });
    expect(m.ok && m.conflict).toBe(true);
  });

  it('never lets an empty winner erase a value, and never writes the source of a one-way sync', () => {
    const toHub = resolve({ direction: 'to-hub', conflictWinner: 'app' });
    const m = mergePair(toHub, { email: 'a@x.com', firstname: 'Hub' }, { email: 'a@x.com', firstname: null, phone: '2' });
    expect(m.ok && m.patch).toEqual({ hub: { phone: '2' }, app: {} });
  });

  it('treats values that convert to each other as equal, and fails a value the target cannot hold', () => {
    expect(mergePair(twoWay, { email: 'a@x.com', score: 5 }, { email: 'a@x.com', score: '5' })).toMatchObject({ ok: true, conflict: false, patch: { hub: {}, app: {} } });
    expect(mergePair(resolve({ conflictWinner: 'app' }), { email: 'a@x.com', score: 5 }, { email: 'a@x.com', score: 'five' })).toMatchObject({ ok: false, category: 'invalid_value' });
  });

  it('builds creates from the fields that flow to the target, failing on a missing required field', () => {
    expect(buildCreate(twoWay, 'hub', { email: 'n@x.com', score: '12' })).toMatchObject({ ok: true, properties: { email: 'n@x.com', score: 12 } });
    const required = resolve({ mappings: { defaults: true, fields: [{ hub: 'phone', app: 'phone', required: true, enabled: true }] } });
    expect(buildCreate(required, 'app', { email: 'n@x.com' })).toMatchObject({ ok: false, category: 'missing_required_field', message: expect.stringContaining('phone') as unknown });
  });
});
