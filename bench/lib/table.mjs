// Plain-text tables for the terminal: left-aligned text, right-aligned numbers.

/** Formats a number with thousands separators and `digits` decimals. */
export function num(value, digits = 0) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '–';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Renders rows (arrays of cells) under `headers`. */
export function renderTable(headers, rows) {
  const cells = [headers, ...rows].map((r) => r.map((c) => (c === undefined || c === null ? '–' : String(c))));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number' || /^[-\d.,]+( ?[a-zA-Z%×/]+)?$/.test(String(r[i] ?? ''))));
  const line = (r) => r.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

/** Renders rows as a Markdown table (pipes in cells escaped). */
export function renderMarkdownTable(headers, rows) {
  const cell = (c) => (c === undefined || c === null ? '–' : String(c)).replaceAll('|', '\\|');
  return [headers, headers.map(() => '---'), ...rows].map((r) => `| ${r.map(cell).join(' | ')} |`).join('\n');
}
