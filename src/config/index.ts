// The config pipeline's public face: the CLI, the reconciler and the runner use only these.
export type { SourceFile, LoadOptions, LoadResult } from './load-types.js';
export type { Problem, SourceRef } from './problem.js';
export type { Connection, DesiredState, FieldMap, Sync, SyncObject } from './model.js';
export { formatLocation } from './problem.js';
export { loadDefinitionsFromSources } from './load.js';
export { loadDefinitions } from './read-files.js';
export { readSourcesAtGitRef } from './git-sources.js';
export { hashConnection, hashSync, hashDesiredState } from './hash.js';
export { parseDuration } from './duration.js';
export { resolveEnvRefs } from './env.js';
export { formatProblemsText, problemsToJson } from './format-problems.js';
export { PROBLEM_CODES, type ProblemCode } from './codes.js';
