// Latency figures of a series of timed events (ms): what the push-path table and targets show.
import { percentile } from './stats.mjs';

/** n, min, p50, p95 and max (nearest rank) of `values`; every figure undefined for none. */
export function latencySummary(values) {
  if (values.length === 0) return { n: 0, min: undefined, p50: undefined, p95: undefined, max: undefined };
  return { n: values.length, min: Math.min(...values), p50: percentile(values, 50), p95: percentile(values, 95), max: Math.max(...values) };
}
