import pino, { type Logger, type LevelWithSilent } from 'pino';
import pretty from 'pino-pretty';
import { createLogger } from '../log/logger.js';
import { redactSecrets } from '../log/redact.js';
import type { CliIO } from './io.js';


/** The CLI's logger: JSON lines on stderr when it is not a terminal, readable lines when it is. */
export function cliLogger(io: CliIO, level: LevelWithSilent): Logger {
  if (!io.stderr.isTTY) return createLogger(level, io.stderr);
  const stream = pretty({
    colorize: !io.env.NO_COLOR,
    destination: io.stderr,
    sync: true,
    ignore: 'pid,hostname',
    translateTime: 'HH:MM:ss',
  });
  return pino(
    { level, base: undefined, hooks: { streamWrite: (line: string) => redactSecrets(line) } },
    stream,
  );
}
