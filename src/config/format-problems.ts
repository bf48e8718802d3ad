import { redactSecrets } from '../log/redact.js';
import type { LoadResult } from './load-types.js';
import { formatLocation, type Problem } from './problem.js';

const COLORS = { error: '\u001b[31m', warning: '\u001b[33m', dim: '\u001b[2m', reset: '\u001b[0m' } as const;

/**
 * Problems as text for people and CI logs, one per line in `file:line:col severity code: message`
 * form (what editors and CI annotations understand), the hint indented below, then a count.
 */
export function formatProblemsText(problems: Problem[], opts: { color?: boolean } = {}): string {
  const paint = (color: keyof typeof COLORS, text: string): string => (opts.color ? `${COLORS[color]}${text}${COLORS.reset}` : text);
  const lines: string[] = [];
  for (const p of problems) {
    const location = formatLocation(p);
    lines.push(`${location ? `${location} ` : ''}${paint(p.severity, p.severity)} ${p.code}: ${p.message}`);
    if (p.hint) lines.push(paint('dim', `  hint: ${p.hint}`));
  }
  lines.push(summaryLine(problems));
  return redactSecrets(lines.join('\n')) + '\n';
}

/** "2 errors, 1 warning" or "No problems found." */
function summaryLine(problems: Problem[]): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  if (problems.length === 0) return 'No problems found.';
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}.`;
}

/** The machine-readable form of a validation: versioned, secrets redacted. */
export function problemsToJson(result: LoadResult): object {
  const problems = result.problems.map((p) => JSON.parse(redactSecrets(JSON.stringify(p))) as Problem);
  return { formatVersion: 1, ok: result.ok, files: result.files, problems };
}
