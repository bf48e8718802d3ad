// The runner's public face: the CLI's `run` command uses only these.
export { Runner, type RunnerOptions } from './runner.js';
export { runOnce, judgeOnce, type OnceOptions, type OnceResult } from './once.js';
export { RunnerMetrics, type MetricsView, type SyncMetricsView } from './metrics.js';
export { buildStatus, readiness, type RunnerStatus, type Readiness, type SyncView, type RejectedView, type ProblemView, type UnhealthyEntry } from './status.js';
export { mergeLastGood, rememberFiles, type FileMemory, type Merged, type KeptResource } from './last-good.js';
export { runGeneration, touchedSyncs, type GenerationResult, type GenerationOutcome } from './generation.js';
export { hookHandlerFor, genericJsonHook, type HookHandler, type HookChange, type HookRequest, type HookParseResult } from './hooks/index.js';
export type { ChangeTrigger, IncrementalReport } from './incremental-adapter.js';
export type { WorkerStatus } from './worker-status.js';
