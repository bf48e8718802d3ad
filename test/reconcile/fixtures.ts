// Hand-built definitions for reconciler and plan tests (no loader needed).
import type { Connection, DesiredState, FieldMap, Sync, SyncObject } from '../../src/config/model.js';
import type { Lifecycle } from '../../src/store/types.js';
import type { CurrentState } from '../../src/reconcile/types.js';

/** A sqlite connection, or any connector with options. */
export function conn(name: string, over: Partial<Connection> = {}): Connection {
  return { name, connector: 'sqlite', options: { path: `./demo/${name}.db` }, baseDir: '/defs', source: { file: 'syncs/connections.yaml', line: 1, column: 1 }, ...over };
}

/** A hubspot connection whose token is an env reference. */
export function hubspot(name: string, token = '${env:HUBSPOT_TOKEN}', over: Partial<Connection> = {}): Connection {
  return conn(name, { connector: 'hubspot', options: { token, tier: 'standard' }, ...over });
}

export function mapping(hub: string, app: string, over: Partial<FieldMap> = {}): FieldMap {
  return { hub, app, required: false, enabled: true, ...over };
}

/** The contacts <-> customers pair from the example. */
export function contacts(over: Partial<SyncObject> = {}): SyncObject {
  return {
    hub: 'contacts',
    app: 'customers',
    direction: 'two-way',
    conflictWinner: 'hub',
    onlyWithEmail: true,
    match: ['email'],
    mappings: {
      defaults: true,
      fields: [mapping('email', 'email_address', { required: true }), mapping('firstname', 'first_name'), mapping('phone', 'phone', { enabled: false })],
    },
    filters: { hub: [{ property: 'lifecyclestage', op: 'eq', value: 'customer' }], app: [] },
    ...over,
  };
}

export function companies(over: Partial<SyncObject> = {}): SyncObject {
  return {
    hub: 'companies',
    app: 'accounts',
    direction: 'two-way',
    conflictWinner: 'hub',
    onlyWithEmail: false,
    match: ['domain', 'name'],
    mappings: { defaults: true, fields: [mapping('domain', 'website'), mapping('name', 'company_name')] },
    filters: { hub: [], app: [] },
    ...over,
  };
}

export function sync(name: string, over: Partial<Sync> = {}): Sync {
  return {
    name,
    hub: 'crm',
    app: 'shop',
    enabled: true,
    pollInterval: '5m',
    pollIntervalMs: 300_000,
    objects: [companies(), contacts()],
    associations: [{ from: 'contacts', to: 'companies' }],
    source: { file: `syncs/${name}.yaml`, line: 1, column: 1 },
    ...over,
  };
}

export function desired(connections: Connection[], syncs: Sync[]): DesiredState {
  return { connections: Object.fromEntries(connections.map((c) => [c.name, c])), syncs: Object.fromEntries(syncs.map((s) => [s.name, s])) };
}

/** Current state; a sync's lifecycle defaults to incremental (or off when disabled). */
export function current(connections: Connection[], syncs: (Sync | [Sync, Lifecycle])[]): CurrentState {
  return {
    connections: Object.fromEntries(connections.map((c) => [c.name, c])),
    syncs: Object.fromEntries(
      syncs.map((entry) => {
        const [definition, lifecycle] = Array.isArray(entry) ? entry : [entry, entry.enabled ? ('incremental' as const) : ('off' as const)];
        return [definition.name, { definition, lifecycle }];
      }),
    ),
  };
}

export const OPTIONS = { allowDelete: false, stateRevision: 3, desiredHash: 'sha256:desired', now: new Date('2025-01-02T03:04:05Z') };
