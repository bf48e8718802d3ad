import { describe, expect, it } from 'vitest';
import { reconcile } from '../../src/reconcile/diff.js';
import { planHasChanges } from '../../src/reconcile/summary.js';
import type { PlanStep } from '../../src/reconcile/types.js';
import { companies, conn, contacts, current, desired, mapping, OPTIONS, sync } from './fixtures.js';

const CONNECTIONS = [conn('crm'), conn('shop')];

function stepOf(steps: readonly PlanStep[], resource: 'sync' | 'connection', name: string): PlanStep {
  const step = steps.find((s) => s.resource === resource && s.name === name);
  if (!step) throw new Error(`no step for ${resource} ${name}`);
  return step;
}

describe('plan step kinds', () => {
  it('creates connections and an enabled sync, which starts its whole initial sync', () => {
    const plan = reconcile(desired(CONNECTIONS, [sync('crm-shop')]), current([], []), OPTIONS);
    expect(plan.steps.map((s) => [s.kind, s.resource, s.name, 'forces' in s ? s.forces.kind : '-'])).toEqual([
      ['create', 'connection', 'crm', 'none'],
      ['create', 'connection', 'shop', 'none'],
      ['create', 'sync', 'crm-shop', 'restart-sync'],
    ]);
    expect(plan.summary).toMatchObject({ create: 3, restart: 1, changeRestart: 0 });
  });

  it('creates a disabled sync without forcing anything', () => {
    const plan = reconcile(desired(CONNECTIONS, [sync('later', { enabled: false })]), current(CONNECTIONS, []), OPTIONS);
    expect(stepOf(plan.steps, 'sync', 'later')).toMatchObject({ kind: 'create', forces: { kind: 'none' } });
    expect(plan.summary.restart).toBe(0);
  });

  it('reports nothing but unchanged steps when the files match', () => {
    const plan = reconcile(desired(CONNECTIONS, [sync('crm-shop')]), current(CONNECTIONS, [sync('crm-shop')]), OPTIONS);
    expect(plan.steps.map((s) => s.kind)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(planHasChanges(plan)).toBe(false);
  });

  it('turns a sync off, listing the other changes made alongside', () => {
    const after = sync('crm-shop', { enabled: false, pollInterval: '1m', pollIntervalMs: 60_000, objects: [companies(), contacts({ direction: 'to-app' })] });
    const plan = reconcile(desired(CONNECTIONS, [after]), current(CONNECTIONS, [sync('crm-shop')]), OPTIONS);
    const step = stepOf(plan.steps, 'sync', 'crm-shop');
    expect(step).toMatchObject({ kind: 'turn-off', forces: { kind: 'none' } });
    expect(step.kind === 'turn-off' && step.changes.map((c) => c.path)).toEqual(['enabled', 'pollInterval', 'objects[contacts].direction']);
    expect(plan.summary).toMatchObject({ turnOff: 1, restart: 0 });
  });

  it('turns a sync on, restarting its whole initial sync', () => {
    const plan = reconcile(desired(CONNECTIONS, [sync('crm-shop')]), current(CONNECTIONS, [sync('crm-shop', { enabled: false })]), OPTIONS);
    const step = stepOf(plan.steps, 'sync', 'crm-shop');
    expect(step).toMatchObject({ kind: 'turn-on', forces: { kind: 'restart-sync' } });
    expect(step.kind === 'turn-on' && step.changes).toEqual([{ path: 'enabled', before: false, after: true }]);
    expect(plan.summary).toMatchObject({ turnOn: 1, restart: 1 });
  });

  it('changes a sync that stays off without restarting anything', () => {
    const before = sync('crm-shop', { enabled: false });
    const after = sync('crm-shop', { enabled: false, objects: [companies(), contacts({ direction: 'to-hub' })] });
    const plan = reconcile(desired(CONNECTIONS, [after]), current(CONNECTIONS, [before]), OPTIONS);
    const step = stepOf(plan.steps, 'sync', 'crm-shop');
    expect(step).toMatchObject({ kind: 'change', forces: { kind: 'none' } });
    expect(step.notes?.join(' ')).toMatch(/off.*turning it on restarts/);
  });

  describe('a sync removed from the files', () => {
    const removed = current(CONNECTIONS, [sync('crm-shop'), sync('legacy')]);

    it('is orphaned without allowDelete', () => {
      const plan = reconcile(desired(CONNECTIONS, [sync('crm-shop')]), removed, OPTIONS);
      expect(stepOf(plan.steps, 'sync', 'legacy')).toMatchObject({ kind: 'orphan', forces: { kind: 'none' } });
      expect(plan.summary).toMatchObject({ orphan: 1, delete: 0 });
    });

    it('is deleted with allowDelete', () => {
      const plan = reconcile(desired(CONNECTIONS, [sync('crm-shop')]), removed, { ...OPTIONS, allowDelete: true });
      expect(stepOf(plan.steps, 'sync', 'legacy')).toMatchObject({ kind: 'delete', resource: 'sync' });
      expect(plan.summary).toMatchObject({ orphan: 0, delete: 1 });
      expect(plan.options.allowDelete).toBe(true);
    });

    it('stays orphaned, unchanged but noted, when it was orphaned already', () => {
      const plan = reconcile(desired(CONNECTIONS, [sync('crm-shop')]), current(CONNECTIONS, [sync('crm-shop'), [sync('legacy'), 'orphaned']]), OPTIONS);
      const step = stepOf(plan.steps, 'sync', 'legacy');
      expect(step.kind).toBe('unchanged');
      expect(step.notes?.join(' ')).toMatch(/orphaned.*--allow-delete/);
      expect(planHasChanges(plan)).toBe(false);
    });

    it('is turned back on when it reappears in the files', () => {
      const plan = reconcile(desired(CONNECTIONS, [sync('legacy')]), current(CONNECTIONS, [[sync('legacy'), 'orphaned']]), OPTIONS);
      const step = stepOf(plan.steps, 'sync', 'legacy');
      expect(step).toMatchObject({ kind: 'turn-on', forces: { kind: 'restart-sync' }, changes: [] });
      expect(step.notes).toEqual(['back in the files after being orphaned']);
    });

    it('comes back as off when it reappears disabled, with its changes', () => {
      const after = sync('legacy', { enabled: false, pollInterval: '1h', pollIntervalMs: 3_600_000 });
      const plan = reconcile(desired(CONNECTIONS, [after]), current(CONNECTIONS, [[sync('legacy'), 'orphaned']]), OPTIONS);
      const step = stepOf(plan.steps, 'sync', 'legacy');
      // Orphaned is off already: this is a change back, not a turn-off.
      expect(step).toMatchObject({ kind: 'change', forces: { kind: 'none' } });
      expect(step.kind === 'change' && step.changes.map((c) => c.path)).toEqual(['enabled', 'pollInterval']);
      expect(step.notes?.[0]).toBe('back in the files after being orphaned');
    });

    it('comes back as a change when it was off and reappears unchanged and still off', () => {
      const off = sync('legacy', { enabled: false });
      const plan = reconcile(desired(CONNECTIONS, [off]), current(CONNECTIONS, [[off, 'orphaned']]), OPTIONS);
      expect(stepOf(plan.steps, 'sync', 'legacy')).toMatchObject({ kind: 'change', changes: [], forces: { kind: 'none' }, notes: ['back in the files after being orphaned'] });
    });
  });

  describe('a connection removed from the files', () => {
    const everything = current([...CONNECTIONS, conn('old-crm')], [sync('crm-shop'), sync('legacy', { hub: 'old-crm' })]);

    it('is kept while an orphaned sync still uses it, and says so', () => {
      const plan = reconcile(desired(CONNECTIONS, [sync('crm-shop')]), everything, OPTIONS);
      expect(stepOf(plan.steps, 'sync', 'legacy').kind).toBe('orphan');
      const step = stepOf(plan.steps, 'connection', 'old-crm');
      expect(step.kind).toBe('unchanged');
      expect(step.notes?.join(' ')).toMatch(/kept: still used by sync legacy/);
    });

    it('is kept without allowDelete even when nothing uses it', () => {
      const plan = reconcile(desired(CONNECTIONS, [sync('crm-shop')]), current([...CONNECTIONS, conn('spare')], [sync('crm-shop')]), OPTIONS);
      const step = stepOf(plan.steps, 'connection', 'spare');
      expect(step.kind).toBe('unchanged');
      expect(step.notes?.join(' ')).toMatch(/--allow-delete/);
    });

    it('is deleted with allowDelete once no remaining sync uses it', () => {
      const plan = reconcile(desired(CONNECTIONS, [sync('crm-shop')]), everything, { ...OPTIONS, allowDelete: true });
      expect(stepOf(plan.steps, 'sync', 'legacy').kind).toBe('delete');
      expect(stepOf(plan.steps, 'connection', 'old-crm')).toMatchObject({ kind: 'delete', resource: 'connection' });
    });

    it('is kept with allowDelete while a sync that stays still uses it', () => {
      // Validation rejects this in the files; the reconciler still never deletes a used connection.
      const plan = reconcile(desired(CONNECTIONS, [sync('crm-shop', { hub: 'old-crm' })]), everything, { ...OPTIONS, allowDelete: true });
      expect(stepOf(plan.steps, 'connection', 'old-crm').kind).toBe('unchanged');
    });
  });

  it('sorts steps by resource (connections first), then name', () => {
    const plan = reconcile(desired([conn('zeta'), conn('alpha'), ...CONNECTIONS], [sync('b-sync'), sync('a-sync')]), current([], []), OPTIONS);
    expect(plan.steps.map((s) => `${s.resource}:${s.name}`)).toEqual(['connection:alpha', 'connection:crm', 'connection:shop', 'connection:zeta', 'sync:a-sync', 'sync:b-sync']);
  });

  it('records what the plan was made with', () => {
    const plan = reconcile(desired(CONNECTIONS, []), current([], []), { ...OPTIONS, stateRevision: null, base: 'origin/main' });
    expect(plan).toMatchObject({ formatVersion: 1, createdAt: '2025-01-02T03:04:05.000Z', stateRevision: null, desiredHash: 'sha256:desired', options: { allowDelete: false, base: 'origin/main' } });
  });
});

describe('reordering is not a change', () => {
  it('ignores the order of objects, mappings, filters, match, associations and option keys', () => {
    const shuffledContacts = contacts({
      match: ['email'],
      mappings: { defaults: true, fields: [mapping('phone', 'phone', { enabled: false }), mapping('firstname', 'first_name'), mapping('email', 'email_address', { required: true })] },
      filters: { hub: [{ value: 'customer', op: 'eq', property: 'lifecyclestage' }], app: [] },
    });
    const twoFilters = { hub: [{ property: 'a', op: 'exists' as const }, { property: 'b', op: 'eq' as const, value: 1 }], app: [] };
    const before = sync('crm-shop', { objects: [companies({ match: ['domain', 'name'], filters: twoFilters }), contacts()], associations: [{ from: 'contacts', to: 'companies' }, { from: 'deals', to: 'companies' }] });
    const after = sync('crm-shop', {
      objects: [shuffledContacts, companies({ match: ['name', 'domain'], filters: { hub: [...twoFilters.hub].reverse(), app: [] } })],
      associations: [{ to: 'companies', from: 'deals' }, { from: 'contacts', to: 'companies' }],
      source: { file: 'syncs/moved.yaml', line: 40, column: 3 },
    });
    const crmBefore = conn('crm', { options: { path: './crm.db', objects: { contacts: { table: 'people', id: 'pk' } } } });
    const crmAfter = conn('crm', { options: { objects: { contacts: { id: 'pk', table: 'people' } }, path: './crm.db' } });
    const plan = reconcile(desired([crmAfter, conn('shop')], [after]), current([crmBefore, conn('shop')], [before]), OPTIONS);
    expect(plan.steps.map((s) => s.kind)).toEqual(['unchanged', 'unchanged', 'unchanged']);
  });

  it('still sees a filter that was replaced, by its index', () => {
    const before = sync('crm-shop', { objects: [companies(), contacts()] });
    const after = sync('crm-shop', { objects: [companies(), contacts({ filters: { hub: [{ property: 'lifecyclestage', op: 'eq', value: 'lead' }], app: [] } })] });
    const plan = reconcile(desired(CONNECTIONS, [after]), current(CONNECTIONS, [before]), OPTIONS);
    const step = stepOf(plan.steps, 'sync', 'crm-shop');
    expect(step.kind === 'change' && step.changes).toEqual([
      { path: 'objects[contacts].filters.hub[0]', before: { property: 'lifecyclestage', op: 'eq', value: 'customer' }, after: undefined },
      { path: 'objects[contacts].filters.hub[0]', before: undefined, after: { property: 'lifecyclestage', op: 'eq', value: 'lead' } },
    ]);
  });
});

describe('summary', () => {
  it('counts every kind', () => {
    const now = current(CONNECTIONS, [sync('chg'), sync('off-me'), sync('on-me', { enabled: false }), sync('gone'), sync('same'), sync('meta')]);
    const want = desired(CONNECTIONS, [
      sync('chg', { objects: [companies(), contacts({ direction: 'to-app' })] }),
      sync('off-me', { enabled: false }),
      sync('on-me'),
      sync('same'),
      sync('meta', { description: 'only words' }),
      sync('new'),
    ]);
    const plan = reconcile(want, now, OPTIONS);
    expect(plan.summary).toEqual({ create: 1, change: 2, restart: 3, changeRestart: 1, turnOff: 1, turnOn: 1, orphan: 1, delete: 0, unchanged: 3 });
  });
});
