// Dataset sizes of the data-driven scenarios (contacts per side; companies are a tenth).
export const FULL_SIZES = [10_000, 100_000, 1_000_000];
export const QUICK_SIZES = [10_000];

/** 10000 -> "10k", 1000000 -> "1M". */
export function sizeLabel(n) {
  if (n >= 1_000_000 && n % 1_000_000 === 0) return `${n / 1_000_000}M`;
  if (n >= 1000 && n % 1000 === 0) return `${n / 1000}k`;
  return String(n);
}
