import type { DesiredState } from './model.js';
import type { Problem } from './problem.js';

/** One definition file: its path as given and its bytes (or text). */
export interface SourceFile {
  file: string;
  content: string | Buffer;
}

/** Which command loads the definitions: decides whether an unset env reference is an error. */
export interface LoadOptions {
  phase: 'validate' | 'plan' | 'apply' | 'run';
  /** Unset env references are errors even at validate/plan. */
  strict?: boolean;
  /** Defaults to process.env. */
  env?: Record<string, string | undefined>;
}

/** What loading a set of definition files gives. */
export interface LoadResult {
  /** No error-severity problems. */
  ok: boolean;
  /** The valid resources only: a sync with errors, or whose connection has errors, is left out. */
  desired: DesiredState;
  /** Sorted by file, line, column. */
  problems: Problem[];
  /** Files read, as given (relative to cwd when the directory was relative). */
  files: string[];
  /** Hash of the normalised desired state (semantics only, no positions). */
  desiredHash: string;
  /** Resources left out because of errors. */
  rejected: { kind: 'Connection' | 'Sync'; name: string; file: string }[];
}
