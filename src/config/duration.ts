import { SyncctlError } from '../errors/syncctl-error.js';

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;
const DURATION = /^([0-9]+)(ms|s|m|h)$/;

/** Parses a duration such as `30s`, `5m`, `1h` or `250ms` into milliseconds. */
export function parseDuration(text: string): number {
  const match = DURATION.exec(text.trim());
  if (!match) {
    throw new SyncctlError('invalid_duration', `"${text}" is not a duration`, {
      hint: 'Write a whole number followed by ms, s, m or h, e.g. 30s or 5m.',
    });
  }
  const amount = Number(match[1]);
  const unit = match[2] as keyof typeof UNIT_MS;
  const ms = amount * UNIT_MS[unit];
  if (!Number.isSafeInteger(ms)) {
    throw new SyncctlError('invalid_duration', `"${text}" is too long a duration`, { hint: 'Use a shorter duration.' });
  }
  return ms;
}
