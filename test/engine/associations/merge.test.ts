// The pure three-way merge of one from record's associations (hub id space), and the base it
// leaves once writes went through (or did not).
import { describe, expect, it } from 'vitest';
import { type Applied, type MergeInput, baseAfter, mergeAssociations } from '../../../src/engine/associations/merge.js';

const BOTH = { hub: true, app: true };

function input(over: Partial<MergeInput> & Pick<MergeInput, 'current' | 'base'>): MergeInput {
  return { primaryOnly: false, winner: 'hub', writes: BOTH, ...over };
}

/** Every write of the decision went through. */
function allApplied(i: MergeInput): Applied {
  const d = mergeAssociations(i);
  return {
    hub: { added: new Set(d.writes.hub.add), removed: new Set(d.writes.hub.remove) },
    app: { added: new Set(d.writes.app.add), removed: new Set(d.writes.app.remove) },
  };
}

const nothing: Applied = { hub: { added: new Set(), removed: new Set() }, app: { added: new Set(), removed: new Set() } };

describe('set kinds', () => {
  it('with an empty base (full reconciliation) is the union of both sides', () => {
    const i = input({ current: { hub: ['1', '2'], app: ['2', '3'] }, base: [] });
    const d = mergeAssociations(i);
    expect(d.result).toEqual(['1', '2', '3']);
    expect(d.writes).toEqual({ hub: { add: ['3'], remove: [] }, app: { add: ['1'], remove: [] } });
    expect(baseAfter(i, d, allApplied(i))).toEqual(['1', '2', '3']);
  });

  it('an edge added on one side is added on the other; one removed on one side is removed on the other', () => {
    const i = input({ current: { hub: ['1', '2', '4'], app: ['1'] }, base: ['1', '2'] });
    const d = mergeAssociations(i);
    // 4 is new on the hub; 2 was removed in the app.
    expect(d.writes).toEqual({ hub: { add: [], remove: ['2'] }, app: { add: ['4'], remove: [] } });
    expect(baseAfter(i, d, allApplied(i))).toEqual(['1', '4']);
  });

  it('an edge removed on both sides leaves the base; nothing is written', () => {
    const i = input({ current: { hub: ['1'], app: ['1'] }, base: ['1', '2'] });
    const d = mergeAssociations(i);
    expect(d.writes).toEqual({ hub: { add: [], remove: [] }, app: { add: [], remove: [] } });
    expect(baseAfter(i, d, nothing)).toEqual(['1']);
  });

  it('writes nothing to a side the direction does not write; the blocked add is not based, the blocked removal stays based', () => {
    const i = input({ writes: { hub: false, app: true }, current: { hub: ['1'], app: ['1', '2', '3'] }, base: ['1', '3'] });
    const d = mergeAssociations(i);
    // 2: app-only, cannot reach the hub. 3: removed in the hub, removed in the app.
    expect(d.writes).toEqual({ hub: { add: [], remove: [] }, app: { add: [], remove: ['3'] } });
    expect(baseAfter(i, d, allApplied(i))).toEqual(['1']);
    // One-way the other way round: the app's removal of 1 cannot reach the hub, and 1 is never re-added to the app.
    const j = input({ writes: { hub: false, app: true }, current: { hub: ['1'], app: [] }, base: ['1'] });
    const e = mergeAssociations(j);
    expect(e.writes.app.add).toEqual([]);
    expect(baseAfter(j, e, allApplied(j))).toEqual(['1']);
    expect(mergeAssociations({ ...j, base: baseAfter(j, e, allApplied(j)) }).writes.app.add).toEqual([]);
  });

  it('a failed add leaves the edge out of the base (added again next time); a failed removal keeps it (removed again)', () => {
    const i = input({ current: { hub: ['1', '5'], app: ['1', '2'] }, base: ['1', '2'] });
    const d = mergeAssociations(i);
    expect(d.writes).toEqual({ hub: { add: [], remove: [] }, app: { add: ['5'], remove: ['2'] } });
    const next = baseAfter(i, d, nothing);
    expect(next).toEqual(['1', '2']);
    expect(mergeAssociations({ ...i, base: next }).writes.app).toEqual({ add: ['5'], remove: ['2'] });
  });
});

describe('primary-only kinds', () => {
  const primary = (over: Partial<MergeInput> & Pick<MergeInput, 'current' | 'base'>) => input({ primaryOnly: true, ...over });

  it('equal sides: nothing to write, the base follows', () => {
    const i = primary({ current: { hub: ['7'], app: ['7'] }, base: ['3'] });
    const d = mergeAssociations(i);
    expect(d.writes).toEqual({ hub: { add: [], remove: [] }, app: { add: [], remove: [] } });
    expect(baseAfter(i, d, nothing)).toEqual(['7']);
  });

  it('one side changed: its value replaces the other side\'s (add as primary, remove the previously synced target)', () => {
    const i = primary({ current: { hub: ['3'], app: ['9'] }, base: ['3'], winner: 'hub' });
    const d = mergeAssociations(i);
    expect(d.conflict).toBe(false);
    expect(d.writes).toEqual({ hub: { add: ['9'], remove: ['3'] }, app: { add: [], remove: [] } });
    expect(baseAfter(i, d, allApplied(i))).toEqual(['9']);
  });

  it('one side emptied its primary: the other side loses it too', () => {
    const i = primary({ current: { hub: [], app: ['3'] }, base: ['3'] });
    const d = mergeAssociations(i);
    expect(d.writes).toEqual({ hub: { add: [], remove: [] }, app: { add: [], remove: ['3'] } });
    expect(baseAfter(i, d, allApplied(i))).toEqual([]);
  });

  it('both changed differently: the conflict winner wins, whichever side it is', () => {
    const hubWins = mergeAssociations(primary({ current: { hub: ['5'], app: ['6'] }, base: ['3'], winner: 'hub' }));
    expect(hubWins.conflict).toBe(true);
    expect(hubWins.writes).toEqual({ hub: { add: [], remove: [] }, app: { add: ['5'], remove: ['3'] } });
    const appWins = mergeAssociations(primary({ current: { hub: ['5'], app: ['6'] }, base: ['3'], winner: 'app' }));
    expect(appWins.writes).toEqual({ hub: { add: ['6'], remove: ['3'] }, app: { add: [], remove: [] } });
  });

  it('a winner with no primary changes nothing on the other side, and the base stays', () => {
    const i = primary({ current: { hub: [], app: ['6'] }, base: ['3'], winner: 'hub' });
    const d = mergeAssociations(i);
    expect(d.writes).toEqual({ hub: { add: [], remove: [] }, app: { add: [], remove: [] } });
    expect(baseAfter(i, d, nothing)).toEqual(['3']);
  });

  it('with an empty base: one side\'s primary fills the other\'s gap; two different ones go to the winner', () => {
    expect(mergeAssociations(primary({ current: { hub: [], app: ['4'] }, base: [] })).writes).toEqual({ hub: { add: ['4'], remove: [] }, app: { add: [], remove: [] } });
    expect(mergeAssociations(primary({ current: { hub: ['1'], app: ['4'] }, base: [], winner: 'app' })).writes).toEqual({ hub: { add: ['4'], remove: [] }, app: { add: [], remove: [] } });
  });

  it('respects the direction: a side it may not write keeps its value and the base stays until the sides agree', () => {
    const i = primary({ writes: { hub: true, app: false }, current: { hub: ['3'], app: ['9'] }, base: ['9'] });
    const d = mergeAssociations(i);
    expect(d.writes).toEqual({ hub: { add: [], remove: [] }, app: { add: [], remove: [] } });
    expect(baseAfter(i, d, allApplied(i))).toEqual(['9']);
  });

  it('a replaced primary the source side still holds as a plain edge is not removed: the new primary demotes it', () => {
    const i = primary({ current: { hub: ['3'], app: ['9'] }, base: ['3'], holds: { hub: ['3', '4'], app: ['3', '9'] } });
    const d = mergeAssociations(i);
    expect(d.writes).toEqual({ hub: { add: ['9'], remove: [] }, app: { add: [], remove: [] } });
    expect(baseAfter(i, d, allApplied(i))).toEqual(['9']);
    // In a conflict, what the winner holds decides.
    const won = mergeAssociations(primary({ current: { hub: ['5'], app: ['6'] }, base: ['3'], winner: 'hub', holds: { hub: ['3', '5'], app: ['6'] } }));
    expect(won.writes).toEqual({ hub: { add: [], remove: [] }, app: { add: ['5'], remove: [] } });
    const lost = mergeAssociations(primary({ current: { hub: ['5'], app: ['6'] }, base: ['3'], winner: 'app', holds: { hub: ['3', '5'], app: ['6'] } }));
    expect(lost.writes).toEqual({ hub: { add: ['6'], remove: ['3'] }, app: { add: [], remove: [] } });
  });

  it('a primary flag cleared on one side, its edge kept: the other side demotes it, and the sides agree on none', () => {
    const i = primary({ current: { hub: [], app: ['3'] }, base: ['3'], holds: { hub: ['3'], app: ['3'] } });
    const d = mergeAssociations(i);
    expect(d.writes).toEqual({ hub: { add: [], remove: [] }, app: { add: [], remove: [], demote: ['3'] } });
    const applied: Applied = { hub: { added: new Set(), removed: new Set() }, app: { added: new Set(), removed: new Set(), demoted: new Set(['3']) } };
    expect(baseAfter(i, d, applied)).toEqual([]);
    // Not written: the base stays and the demotion is tried again.
    expect(baseAfter(i, d, nothing)).toEqual(['3']);
  });

  it('a failed write keeps the base, so the same change is tried again', () => {
    const i = primary({ current: { hub: ['3'], app: ['9'] }, base: ['3'] });
    const d = mergeAssociations(i);
    expect(baseAfter(i, d, nothing)).toEqual(['3']);
  });
});
