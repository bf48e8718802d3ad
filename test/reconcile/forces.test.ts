import { describe, expect, it } from 'vitest';
import type { Connection, Sync } from '../../src/config/model.js';
import { reconcile } from '../../src/reconcile/diff.js';
import type { Forces, PlanStep } from '../../src/reconcile/types.js';
import { companies, conn, contacts, current, desired, hubspot, mapping, OPTIONS, sync } from './fixtures.js';

const CONNECTIONS = [conn('crm'), conn('shop'), conn('shop-eu')];

interface Case {
  name: string;
  after: Partial<Sync>;
  forces: Forces;
  paths: string[];
}

const cases: Case[] = [
  { name: 'pollInterval', after: { pollInterval: '1m', pollIntervalMs: 60_000 }, forces: { kind: 'none' }, paths: ['pollInterval'] },
  { name: 'notify', after: { notify: { webhook: 'https://hooks.example.com/x' } }, forces: { kind: 'none' }, paths: ['notify.webhook'] },
  { name: 'description', after: { description: 'Shop customers' }, forces: { kind: 'none' }, paths: ['description'] },
  { name: 'association added', after: { associations: [{ from: 'contacts', to: 'companies' }, { from: 'deals', to: 'companies' }] }, forces: { kind: 'none' }, paths: ['associations[deals->companies]'] },
  { name: 'association removed', after: { associations: [] }, forces: { kind: 'none' }, paths: ['associations[contacts->companies]'] },
  { name: 'object removed', after: { objects: [contacts()] }, forces: { kind: 'none' }, paths: ['objects[companies]'] },
  { name: 'object added', after: { objects: [companies(), contacts(), { ...companies(), hub: 'deals', app: 'orders', match: [] }] }, forces: { kind: 'restart-objects', objects: ['deals'] }, paths: ['objects[deals]'] },
  { name: 'direction', after: { objects: [companies(), contacts({ direction: 'to-app' })] }, forces: { kind: 'restart-objects', objects: ['contacts'] }, paths: ['objects[contacts].direction'] },
  { name: 'conflictWinner', after: { objects: [companies(), contacts({ conflictWinner: 'app' })] }, forces: { kind: 'restart-objects', objects: ['contacts'] }, paths: ['objects[contacts].conflictWinner'] },
  { name: 'onlyWithEmail', after: { objects: [companies(), contacts({ onlyWithEmail: false })] }, forces: { kind: 'restart-objects', objects: ['contacts'] }, paths: ['objects[contacts].onlyWithEmail'] },
  { name: 'match', after: { objects: [companies({ match: ['name'] }), contacts()] }, forces: { kind: 'restart-objects', objects: ['companies'] }, paths: ['objects[companies].match'] },
  { name: 'object app', after: { objects: [companies(), contacts({ app: 'leads' })] }, forces: { kind: 'restart-objects', objects: ['contacts'] }, paths: ['objects[contacts].app'] },
  {
    name: 'mappings.defaults',
    after: { objects: [companies(), contacts({ mappings: { ...contacts().mappings, defaults: false } })] },
    forces: { kind: 'restart-objects', objects: ['contacts'] },
    paths: ['objects[contacts].mappings.defaults'],
  },
  {
    name: 'mapping enabled',
    after: { objects: [companies(), contacts({ mappings: { defaults: true, fields: [mapping('email', 'email_address', { required: true }), mapping('firstname', 'first_name', { enabled: false }), mapping('phone', 'phone', { enabled: false })] } })] },
    forces: { kind: 'restart-objects', objects: ['contacts'] },
    paths: ['objects[contacts].mappings.fields[firstname->first_name].enabled'],
  },
  {
    name: 'mapping required',
    after: { objects: [companies(), contacts({ mappings: { defaults: true, fields: [mapping('email', 'email_address'), mapping('firstname', 'first_name'), mapping('phone', 'phone', { enabled: false })] } })] },
    forces: { kind: 'restart-objects', objects: ['contacts'] },
    paths: ['objects[contacts].mappings.fields[email->email_address].required'],
  },
  {
    name: 'mapping added and removed',
    after: { objects: [companies(), contacts({ mappings: { defaults: true, fields: [mapping('email', 'email_address', { required: true }), mapping('lastname', 'last_name'), mapping('phone', 'phone', { enabled: false })] } })] },
    forces: { kind: 'restart-objects', objects: ['contacts'] },
    paths: ['objects[contacts].mappings.fields[firstname->first_name]', 'objects[contacts].mappings.fields[lastname->last_name]'],
  },
  {
    name: 'filter',
    after: { objects: [companies({ filters: { hub: [], app: [{ property: 'country', op: 'in', value: ['DE', 'AT'] }] } }), contacts()] },
    forces: { kind: 'restart-objects', objects: ['companies'] },
    paths: ['objects[companies].filters.app[0]'],
  },
  {
    name: 'two objects',
    after: { objects: [companies({ direction: 'to-hub' }), contacts({ conflictWinner: 'app' })] },
    forces: { kind: 'restart-objects', objects: ['companies', 'contacts'] },
    paths: ['objects[companies].direction', 'objects[contacts].conflictWinner'],
  },
  { name: 'app connection', after: { app: 'shop-eu' }, forces: { kind: 'restart-sync' }, paths: ['app'] },
  {
    name: 'hub connection with an object change',
    after: { hub: 'shop-eu', objects: [companies(), contacts({ direction: 'to-app' })] },
    forces: { kind: 'restart-sync' },
    paths: ['hub', 'objects[contacts].direction'],
  },
];

function syncStep(steps: readonly PlanStep[], name = 'crm-shop'): PlanStep {
  const step = steps.find((s) => s.resource === 'sync' && s.name === name);
  if (!step) throw new Error(`no step for sync ${name}`);
  return step;
}

describe('what a sync change forces', () => {
  it.each(cases)('$name', ({ after, forces, paths }) => {
    const before = sync('crm-shop');
    const plan = reconcile(desired(CONNECTIONS, [sync('crm-shop', after)]), current(CONNECTIONS, [before]), OPTIONS);
    const step = syncStep(plan.steps);
    expect(step.kind).toBe('change');
    if (step.kind !== 'change') return;
    expect(step.forces).toEqual(forces);
    expect(step.changes.map((c) => c.path)).toEqual(paths);
  });

  it('reports before and after values of a field change', () => {
    const plan = reconcile(desired(CONNECTIONS, [sync('crm-shop', { objects: [companies(), contacts({ direction: 'to-app' })] })]), current(CONNECTIONS, [sync('crm-shop')]), OPTIONS);
    const step = syncStep(plan.steps);
    expect(step.kind === 'change' && step.changes).toEqual([{ path: 'objects[contacts].direction', before: 'two-way', after: 'to-app' }]);
  });

  it('says that removing an object drops its part of the index', () => {
    const plan = reconcile(desired(CONNECTIONS, [sync('crm-shop', { objects: [contacts()] })]), current(CONNECTIONS, [sync('crm-shop')]), OPTIONS);
    const step = syncStep(plan.steps);
    expect(step.kind === 'change' && step.changes[0]?.note).toMatch(/index is dropped.*nothing restarts/);
  });

  it('does not count the same interval spelled differently as a change', () => {
    const plan = reconcile(desired(CONNECTIONS, [sync('crm-shop', { pollInterval: '300s' })]), current(CONNECTIONS, [sync('crm-shop')]), OPTIONS);
    expect(syncStep(plan.steps).kind).toBe('unchanged');
  });
});

describe('what a connection change forces', () => {
  const users = [sync('crm-shop'), sync('crm-other', { app: 'shop-eu' }), sync('idle', { enabled: false })];

  function planWith(before: Connection, after: Connection) {
    const others = CONNECTIONS.filter((c) => c.name !== after.name);
    return reconcile(desired([...others, after], users), current([...others, before], users), OPTIONS);
  }

  it('restarts every running sync that uses a connection whose options changed', () => {
    const plan = planWith(conn('crm'), conn('crm', { options: { path: './demo/crm-v2.db' } }));
    const connection = plan.steps.find((s) => s.resource === 'connection' && s.name === 'crm');
    expect(connection).toMatchObject({ kind: 'change', forces: { kind: 'restart-sync' }, restarts: ['crm-other', 'crm-shop'] });
    for (const name of ['crm-shop', 'crm-other']) {
      const step = syncStep(plan.steps, name);
      expect(step).toMatchObject({ kind: 'change', forces: { kind: 'restart-sync' } });
      expect(step.kind === 'change' && step.changes.map((c) => c.path)).toEqual(['connections[crm].options.path']);
    }
    // A sync that is off restarts nothing now: turning it on restarts it anyway.
    expect(syncStep(plan.steps, 'idle').kind).toBe('unchanged');
    expect(plan.summary).toMatchObject({ change: 3, changeRestart: 2, restart: 2 });
  });

  it('restarts only the syncs of the changed connection', () => {
    const before = conn('shop-eu', { options: { path: './demo/shop-eu.db', objects: { customers: { table: 'customers', id: 'id' } } } });
    const plan = planWith(before, conn('shop-eu', { options: { path: './x.db', objects: { customers: { id: 'id', table: 'kunden' } } } }));
    expect(syncStep(plan.steps, 'crm-shop').kind).toBe('unchanged');
    const step = syncStep(plan.steps, 'crm-other');
    expect(step.kind === 'change' && step.changes.map((c) => c.path)).toEqual(['connections[shop-eu].options.objects.customers.table', 'connections[shop-eu].options.path']);
  });

  it('restarts for a changed connector', () => {
    const plan = planWith(conn('crm'), hubspot('crm'));
    expect(syncStep(plan.steps, 'crm-shop')).toMatchObject({ kind: 'change', forces: { kind: 'restart-sync' } });
  });

  it('forces no resync when only a secret option or the description changes', () => {
    const plan = planWith(hubspot('crm', '${env:OLD_TOKEN}'), hubspot('crm', '${env:NEW_TOKEN}', { description: 'EU account' }));
    const connection = plan.steps.find((s) => s.resource === 'connection' && s.name === 'crm');
    expect(connection).toMatchObject({ kind: 'change', forces: { kind: 'none' }, restarts: [] });
    expect(connection?.kind === 'change' && connection.changes.map((c) => [c.path, c.before, c.after])).toEqual([
      ['description', undefined, 'EU account'],
      ['options.token', '${env:OLD_TOKEN}', '${env:NEW_TOKEN}'],
    ]);
    expect(syncStep(plan.steps, 'crm-shop').kind).toBe('unchanged');
  });

  it('ignores where a connection was read from', () => {
    const plan = planWith(conn('crm'), conn('crm', { baseDir: '/elsewhere', source: { file: 'other.yaml', line: 9, column: 1 } }));
    expect(plan.steps.every((s) => s.kind === 'unchanged')).toBe(true);
  });
});
