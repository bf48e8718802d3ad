import type { CurrentState } from '../reconcile/types.js';
import type { AppliedState } from './types.js';

/** What the reconciler diffs against, taken from the applied state. */
export function currentStateFromApplied(applied: AppliedState): CurrentState {
  return {
    connections: Object.fromEntries(Object.entries(applied.connections).map(([name, c]) => [name, c.definition])),
    syncs: Object.fromEntries(Object.entries(applied.syncs).map(([name, s]) => [name, { definition: s.definition, lifecycle: s.lifecycle }])),
  };
}
