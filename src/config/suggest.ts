import { distance } from 'fastest-levenshtein';

/** The closest candidate to a mistyped `input`, or undefined when none is close enough to be a typo. */
export function closest(input: string, candidates: readonly string[]): string | undefined {
  const lower = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = candidate.toLowerCase() === lower ? 0 : distance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  // A third of the word (at least 2 edits) catches typos without suggesting unrelated words.
  const limit = Math.max(2, Math.floor(input.length / 3));
  if (bestDistance <= limit) return best;
  // An abbreviation (`pro` for `professional`) is a near miss too.
  return lower.length >= 2 ? candidates.find((c) => c.toLowerCase().startsWith(lower)) : undefined;
}

/** "did you mean `x`?" when a candidate is close, otherwise the list of allowed values. */
export function suggestionHint(input: unknown, allowed: readonly string[], what = 'allowed values'): string {
  const guess = typeof input === 'string' ? closest(input, allowed) : undefined;
  const list = allowed.map((a) => `\`${a}\``).join(', ');
  return guess !== undefined ? `did you mean \`${guess}\`? (${what}: ${list})` : `${what}: ${list}`;
}

/** "did you mean `x`?" when `input` is a near miss of one of `allowed`, else undefined. */
export function didYouMean(input: unknown, allowed: readonly string[]): string | undefined {
  const guess = typeof input === 'string' ? closest(input, allowed) : undefined;
  return guess === undefined ? undefined : `did you mean \`${guess}\`?`;
}
