/** Options carried by every syncctl error besides its code and message. */
export interface SyncctlErrorOptions {
  /** How the user can fix it, in one sentence. */
  hint?: string;
  /** Structured details for JSON output and logs (never secrets). */
  meta?: Record<string, unknown>;
  /** The lower-level error this one wraps. */
  cause?: unknown;
  /** Process exit code when this error reaches the CLI's top-level handler. */
  exitCode?: number;
}

/**
 * The one base error of syncctl. `code` is stable snake_case, safe to match on in
 * scripts; the CLI's top-level handler turns it into a message and an exit code.
 */
export class SyncctlError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  readonly meta: Record<string, unknown>;
  readonly exitCode: number;

  constructor(code: string, message: string, options: SyncctlErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SyncctlError';
    this.code = code;
    this.hint = options.hint;
    this.meta = options.meta ?? {};
    this.exitCode = options.exitCode ?? 1;
  }
}

/** True when `err` is a SyncctlError with the given code. */
export function isSyncctlError(err: unknown, code?: string): err is SyncctlError {
  return err instanceof SyncctlError && (code === undefined || err.code === code);
}
