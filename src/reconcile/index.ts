// The reconciler: diff (pure), summary helpers, and the apply executor.
export { reconcile, type ReconcileOptions } from './diff.js';
export { applyPlan, type ApplyMeta, type ApplyResult, type PendingInitialSync } from './apply.js';
export { assertNever, planHasChanges, restartsInitialSync, startedInitialSyncs, summarize } from './summary.js';
export { SECRET_OPTIONS, isSecretOption, redactOptions, secretOptionNames, showSecretValue } from './secret-options.js';
export type * from './types.js';
