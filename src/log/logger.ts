import pino, { type Logger, type LevelWithSilent } from 'pino';
import { redactSecrets } from './redact.js';

export type { Logger };

/** Property names whose values are never logged, wherever they appear. */
const REDACT_PATHS = ['token', '*.token', '*.*.token', 'webhookSecret', '*.webhookSecret', 'authorization', '*.authorization', 'headers.authorization'];

/**
 * The process logger: JSON lines on stderr (stdout carries command output), pretty-ish
 * single lines are left to tools like pino-pretty. Secrets are redacted by key and by value.
 */
export function createLogger(level: LevelWithSilent = 'info', destination: NodeJS.WritableStream = process.stderr): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      hooks: {
        streamWrite: (line: string) => redactSecrets(line),
      },
    },
    destination as pino.DestinationStream,
  );
}
