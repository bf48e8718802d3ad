// Small numeric helpers shared by the scenarios.

/** The median of a non-empty list. */
export function median(values) {
  return percentile(values, 50);
}

/** The p-th percentile (nearest rank) of a non-empty list. */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1];
}

/** Rounds to `digits` decimals. */
export function round(value, digits = 0) {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
