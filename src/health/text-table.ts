// Aligned plain-text tables and optional ANSI colour for terminal output of health views.

const ANSI = { reset: '\u001b[0m', bold: '\u001b[1m', dim: '\u001b[2m', red: '\u001b[31m', green: '\u001b[32m', yellow: '\u001b[33m' } as const;

// Control sequences are stripped before measuring; the pattern is built from a string so that
// no control character sits in a regex literal.
const ANSI_SEQUENCE = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

export type Style = 'bold' | 'dim' | 'red' | 'green' | 'yellow';

/** Wraps text in a style, or returns it unchanged when colour is off. */
export type Paint = (style: Style, text: string) => string;

/** A painter that colours only when `color` is true (stdout is a terminal, NO_COLOR unset). */
export function painter(color: boolean): Paint {
  return (style, text) => (color && text !== '' ? `${ANSI[style]}${text}${ANSI.reset}` : text);
}

/** Columns a string takes in a terminal: ANSI sequences take none; each code point takes one. */
export function visibleWidth(text: string): number {
  return [...text.replace(ANSI_SEQUENCE, '')].length;
}

/** Cuts `text` to at most `width` columns, marking the cut with an ellipsis. */
export function truncate(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  return `${chars.slice(0, Math.max(0, width - 1)).join('')}…`;
}

/** Lines of a table whose columns are padded to their widest cell; `right` columns align right. */
export function renderTable(rows: readonly (readonly string[])[], right: ReadonlySet<number> = new Set(), indent = ''): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, visibleWidth(cell))));
  return rows.map((row) => {
    const cells = row.map((cell, i) => {
      const pad = ' '.repeat((widths[i] ?? 0) - visibleWidth(cell));
      return right.has(i) ? pad + cell : i === row.length - 1 ? cell : cell + pad;
    });
    return `${indent}${cells.join('  ')}`.trimEnd();
  });
}

/** 12345 -> "12,345": counts read better grouped. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
