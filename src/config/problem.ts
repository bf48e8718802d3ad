/** A validation finding: collected as data, never thrown, so that all of them are reported at once. */
export interface Problem {
  severity: 'error' | 'warning';
  /** Stable snake_case code, e.g. `unknown_property`, `unknown_connection`. */
  code: string;
  message: string;
  /** What would be right: allowed values, "did you mean …". */
  hint?: string;
  /** Path of the file relative to the working directory, as given. */
  file?: string;
  /** 1-based line and column of the offending node. */
  line?: number;
  column?: number;
  /** JSON pointer of the offending node inside its document, e.g. /objects/0/direction. */
  path?: string;
  /** The resource the problem belongs to, when known: the runner keeps that sync's last good definition. */
  resource?: { kind: 'Connection' | 'Sync'; name: string };
  /** The original parser or file-system error behind this problem, where it helps (e.g. the yaml package's code). */
  cause?: { code?: string; message: string };
}

/** Where a definition came from. */
export interface SourceRef {
  file: string;
  line: number;
  column: number;
}

/** Formats a problem's location as file:line:col (what editors and CI annotations understand). */
export function formatLocation(p: { file?: string; line?: number; column?: number }): string {
  if (!p.file) return '';
  if (p.line === undefined) return p.file;
  return `${p.file}:${p.line}:${p.column ?? 1}`;
}
