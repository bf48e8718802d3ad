/** Deeper than any definition needs (a Sync is about 8 levels), far below what overflows the parser. */
export const MAX_NESTING = 64;

/**
 * Finds the offset of the first flow bracket (`[` or `{`) nested deeper than `limit`, or -1.
 * Runs before the YAML parser because the parser recurses per level: thousands of nested
 * brackets exhaust its stack and memory. Quotes and comments are skipped roughly; a miss
 * only means the parser's own limit reports the problem instead.
 */
export function findExcessiveNesting(text: string, limit = MAX_NESTING): number {
  let depth = 0;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote !== null) {
      if (quote === '"' && ch === '\\') i++;
      else if (ch === quote) {
        if (quote === "'" && text[i + 1] === "'") i++;
        else quote = null;
      }
      continue;
    }
    const prev = i === 0 ? '\n' : text[i - 1];
    const atTokenStart = prev === undefined || /[\s[{,:]/.test(prev);
    if (ch === '#' && (prev === undefined || /\s/.test(prev))) {
      const end = text.indexOf('\n', i);
      if (end === -1) return -1;
      i = end;
    } else if ((ch === '"' || ch === "'") && atTokenStart) {
      quote = ch;
    } else if (ch === '[' || ch === '{') {
      depth++;
      if (depth > limit) return i;
    } else if ((ch === ']' || ch === '}') && depth > 0) {
      depth--;
    }
  }
  return -1;
}
