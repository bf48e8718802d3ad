// The incremental engine's public face: the runner calls runIncrementalPass (through
// src/runner/incremental-adapter.ts) after an object's initial sync has completed.
export { runIncrementalPass } from './pass.js';
export {
  DEFAULT_TUNING,
  type ChangeTrigger,
  type IncrementalObjectReport,
  type IncrementalPassOptions,
  type IncrementalReport,
  type IncrementalTuning,
} from './types.js';
export type { IncrementalIndex, LeaseTarget, ObjectPause, RetryCandidate, StoredCursor } from './incremental-index.js';
export { mergeThreeWay, type ThreeWay } from './three-way.js';
