// Types of bench/scenarios/index.mjs (the scenario contract), for the tests in test/bench/.

export interface BenchCase {
  id: string;
  params: Record<string, unknown>;
  timeoutSeconds?: number;
}

export interface CaseResult {
  id: string;
  ok: boolean;
  status: string;
  metrics?: Record<string, unknown>;
  memory?: { peakRssMB: number; peakHeapUsedMB: number };
}

export interface Scenario {
  name: string;
  title: string;
  summary: string;
  needs?: string[];
  cases(options: { quick: boolean; seed: number }): BenchCase[] | { notMeasured: string } | Promise<BenchCase[] | { notMeasured: string }>;
  prepare?(params: Record<string, unknown>): unknown;
  run(params: Record<string, unknown>, context: { report: (partial: Record<string, unknown>) => void }): Promise<Record<string, unknown>>;
  table(cases: CaseResult[], results: Record<string, unknown>): { headers: string[]; rows: unknown[][] };
  derive?(cases: CaseResult[], results: Record<string, unknown>): void;
}

/** Scenario names in run order. */
export declare const SCENARIOS: readonly string[];
/** Imports one scenario module by name. */
export declare function loadScenario(name: string): Promise<Scenario>;
/** The names to run for --only: the chosen ones plus what they need, in run order. */
export declare function withNeeds(names: readonly string[]): Promise<string[]>;
