import { describe, expect, it } from 'vitest';
import { hashConnection, hashSync, type Sync } from '../../src/config/index.js';
import { connection, load, sync, yamlOf } from './helpers.js';

const CONNECTIONS = yamlOf(connection('crm'), connection('shop'));

function loadSync(text: string): { sync: Sync; hash: string } {
  const result = load([{ file: 'syncs/c.yaml', content: CONNECTIONS }, { file: 'syncs/s.yaml', content: text }]);
  expect(result.problems).toEqual([]);
  const s = result.desired.syncs.s as Sync;
  return { sync: s, hash: result.desiredHash };
}

const ORIGINAL = `apiVersion: syncctl/v1
kind: Sync
name: s
hub: crm
app: shop
pollInterval: 1m
objects:
  - hub: contacts
    app: customers
    conflictWinner: app
    match: [email, phone]
    mappings:
      fields:
        - { hub: email, app: email_address, required: true }
        - { hub: firstname, app: first_name }
        - { hub: phone, app: phone }
    filters:
      hub:
        - { property: lifecyclestage, op: in, value: [customer, lead] }
        - { property: email, op: exists }
  - hub: companies
    app: accounts
  - hub: deals
    app: orders
associations:
  - { from: contacts, to: companies }
  - { from: deals, to: companies }
`;

// The same meaning: keys, lists and flow/block style reordered, comments added, defaults spelt out.
const REWRITTEN = `# The same sync, written differently.
kind: Sync
apiVersion: "syncctl/v1"
app: shop
hub: crm
name: s
enabled: true          # the default
pollInterval: '1m'
associations: [ { to: companies, from: deals }, { to: companies, from: contacts } ]
objects:
  - { app: orders, hub: deals }
  - app: accounts
    hub: companies
    direction: two-way
  - app: customers
    hub: contacts
    direction: two-way
    conflictWinner: app
    onlyWithEmail: true
    match:
      - phone
      - email
    filters:
      app: []
      hub:
        - op: exists
          property: email
        - { value: [lead, customer], op: in, property: lifecyclestage }
    mappings:
      defaults: true
      fields:
        - { app: phone, hub: phone, enabled: true }
        - hub: firstname
          app: first_name
          required: false
        - { required: true, app: email_address, hub: email }
`;

describe('normalisation', () => {
  it('fills every default', () => {
    const { sync: s } = loadSync(yamlOf(sync('s', { objects: [{ hub: 'contacts', app: 'customers', mappings: { fields: [{ hub: 'email', app: 'mail' }] } }, { hub: 'companies', app: 'accounts' }, { hub: 'deals', app: 'orders' }] })));
    const { source, ...rest } = s;
    expect(source).toEqual({ file: 'syncs/s.yaml', line: 1, column: 1 });
    expect(rest).toEqual({
      name: 's',
      hub: 'crm',
      app: 'shop',
      enabled: true,
      pollInterval: '5m',
      pollIntervalMs: 300_000,
      objects: [
        { hub: 'companies', app: 'accounts', direction: 'two-way', conflictWinner: 'hub', onlyWithEmail: false, match: ['domain', 'name'], mappings: { defaults: true, fields: [] }, filters: { hub: [], app: [] } },
        { hub: 'contacts', app: 'customers', direction: 'two-way', conflictWinner: 'hub', onlyWithEmail: true, match: ['email'], mappings: { defaults: true, fields: [{ hub: 'email', app: 'mail', required: false, enabled: true }] }, filters: { hub: [], app: [] } },
        { hub: 'deals', app: 'orders', direction: 'two-way', conflictWinner: 'hub', onlyWithEmail: false, match: [], mappings: { defaults: true, fields: [] }, filters: { hub: [], app: [] } },
      ],
      associations: [],
    });
  });

  it('reordering keys and lists, comments and formatting change neither the value nor the hash', () => {
    const first = loadSync(ORIGINAL);
    const second = loadSync(REWRITTEN);
    const { source: _a, ...one } = first.sync;
    const { source: _b, ...two } = second.sync;
    expect(two).toEqual(one);
    expect(hashSync(second.sync)).toBe(hashSync(first.sync));
    expect(second.hash).toBe(first.hash);
  });

  it('a change of meaning changes the hash', () => {
    const base = loadSync(yamlOf(sync('s')));
    for (const change of [{ pollInterval: '1m' }, { enabled: false }, { objects: [{ hub: 'contacts', app: 'customers', direction: 'to-app' }] }, { description: 'x' }]) {
      const changed = loadSync(yamlOf(sync('s', change)));
      expect(hashSync(changed.sync)).not.toBe(hashSync(base.sync));
      expect(changed.hash).not.toBe(base.hash);
    }
  });

  it('the desired state is deeply frozen', () => {
    const { sync: s } = loadSync(yamlOf(sync('s', { objects: [{ hub: 'contacts', app: 'c', mappings: { fields: [{ hub: 'a', app: 'b' }] } }] })));
    expect(Object.isFrozen(s)).toBe(true);
    expect(Object.isFrozen(s.objects[0]?.mappings.fields[0])).toBe(true);
    expect(() => {
      (s as { enabled: boolean }).enabled = false;
    }).toThrow(TypeError);
  });

  it('a connection resolves relative paths from its own file; hashes ignore where the file is', () => {
    const here = load([{ file: 'syncs/team/c.yaml', content: CONNECTIONS }], { baseDir: '/repo' });
    const moved = load([{ file: 'elsewhere/c.yaml', content: `# moved\n${CONNECTIONS}` }], { baseDir: '/other' });
    const crm = here.desired.connections.crm;
    expect(crm?.baseDir).toBe('/repo/syncs/team');
    expect(crm?.options).toEqual({ path: './crm.db' });
    expect(moved.desired.connections.crm?.baseDir).toBe('/other/elsewhere');
    expect(hashConnection(moved.desired.connections.crm as NonNullable<typeof crm>)).toBe(hashConnection(crm as NonNullable<typeof crm>));
    expect(moved.desiredHash).toBe(here.desiredHash);
  });
});
