// Types of bench/lib/latency.mjs, for the tests in test/bench/.

export interface LatencySummary {
  n: number;
  min: number | undefined;
  p50: number | undefined;
  p95: number | undefined;
  max: number | undefined;
}

/** n, min, p50, p95 and max (nearest rank) of `values`; every figure undefined for none. */
export declare function latencySummary(values: readonly number[]): LatencySummary;
