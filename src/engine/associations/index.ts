// The association engine's public face: the incremental pass runs it after its objects
// (src/engine/incremental/pass.ts), resync-deleted restores with it, and a webhook adapter may
// note association events with touchAssociations (then enqueue a pass).
export { runAssociationPass, touchAssociations, type AssociationPassOptions, type AssociationPassResult } from './pass.js';
export { restoreAssociations, type Recreated, type RestoreOptions } from './restore.js';
export { mergeAssociations, baseAfter, type MergeInput, type MergeDecision } from './merge.js';
export { associationName, isPrimaryOnly, planAssociations, type AssociationPlan, type AssociationReport } from './types.js';
export type { AssociationCounts, AssociationIndex, AssociationKey, AssociationWorkSet } from './association-index.js';
