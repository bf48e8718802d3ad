// Types of bench/lib/indexed-state.mjs, for the tests in test/bench/.

export declare const INDEXED_VERSION: number;
export declare const INDEXED_DIR: string;
export declare const SYNC_NAME: string;
export declare const PAIRS: number;

export interface IndexedFiles {
  hub: string;
  app: string;
  state: string;
  syncs: string;
  meta: string;
}

export interface IndexedMeta {
  key: string;
  version: number;
  engineHash: string;
  contacts: number;
  seed: number;
  builtAt: string;
  buildSeconds: number;
  initialSyncSeconds: number | null;
  buildRuns: number;
  catchUp: { passes: number; seen: number; failures: number } | null;
  rows: { contacts: number; companies: number; customers: number; accounts: number };
  indexRows: Record<string, number>;
  stateMB: number;
  pairs: [string, string][];
}

export type IndexedState =
  | { ready: true; dir: string; meta: IndexedMeta; builtNow: boolean }
  | { ready: false; reason: string; build: Record<string, unknown> };

/** A short hash of the built code that decides a build's files. */
export declare function engineHash(distDir?: string): string;
/** The cache key of one indexed state. */
export declare function indexedKey(contacts: number, seed: number, hash: string): string;
export declare function indexedFiles(dir: string): IndexedFiles;
/** The environment that points the bench connections at the files in `dir`. */
export declare function indexedEnv(dir: string): Record<string, string>;
export declare function writeIndexedDefinitions(dir: string): string;
export declare function copyIndexedState(from: string, to: string, which?: readonly ('hub' | 'app' | 'state')[]): IndexedFiles;
export declare function findIndexedState(contacts: number, seed: number, root?: string): { dir: string; meta: IndexedMeta } | undefined;
/** A build's budget in ms: its own, or less when the run's deadline (less a reserve) comes first, never under 10 s. */
export declare function buildBudgetMs(ownSeconds: number, deadline: number | undefined | null, reserveSeconds?: number, now?: number): number;
/** Finds or builds the indexed state for `contacts` and `seed` under `root`. */
export declare function ensureIndexedState(options: {
  contacts: number;
  seed: number;
  budgetMs: number;
  onProgress?: (p: { stage: string; at?: string }) => void;
  root?: string;
  /** Where datasets are cached (default bench/results/data). */
  dataRoot?: string;
}): Promise<IndexedState>;

export type PassTrigger = { kind: 'poll' } | { kind: 'push'; side: 'hub' | 'app'; object: string; ids: readonly string[] } | { kind: 'retry-failing' };

export interface PassReport {
  caughtUp: boolean;
  failures: number;
  durationMs: number;
  objects: { object: string; seen: { hub: number; app: number }; written: { hub: number; app: number }; failing: number }[];
}

export interface IncrementalHandle {
  lifecycle: string;
  /** One incremental pass through the engine's API, as the runner runs it. */
  pass(trigger: PassTrigger, signal?: AbortSignal): Promise<PassReport>;
  close(): Promise<void>;
}

/** The engine's incremental API on the state in `dir` (a pino logger; an open store to share, else its own). */
export declare function openIncremental(dir: string, options: { logger: unknown; store?: unknown }): Promise<IncrementalHandle>;
