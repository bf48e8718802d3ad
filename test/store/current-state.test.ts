import { describe, expect, it } from 'vitest';
import { currentStateFromApplied } from '../../src/store/index.js';
import { appliedConnection, appliedSync, connection, sync } from './helpers.js';

describe('currentStateFromApplied', () => {
  it('gives the reconciler each definition and each sync lifecycle', () => {
    const crm = connection('crm');
    const s = sync('crm-shop', { enabled: false });
    const current = currentStateFromApplied({
      connections: { crm: appliedConnection(crm) },
      syncs: { 'crm-shop': appliedSync(s, 'off', null) },
      revision: 7,
    });
    expect(current).toEqual({ connections: { crm }, syncs: { 'crm-shop': { definition: s, lifecycle: 'off' } } });
  });

  it('maps an empty state to an empty current state', () => {
    expect(currentStateFromApplied({ connections: {}, syncs: {}, revision: 0 })).toEqual({ connections: {}, syncs: {} });
  });
});
