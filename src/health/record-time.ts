// `--since` / `--until`: an ISO timestamp or a duration back from now (`90s`, `30m`, `1h`, `7d`, `2w`).
import { SyncctlError } from '../errors/syncctl-error.js';

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
const RELATIVE = /^(\d+)\s*(s|m|h|d|w)$/;
// A date, optionally with a time; the time zone is optional too (absent means UTC).
const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * The instant `text` names: a duration counts back from `now`; an ISO date or date-time
 * without a zone is read as UTC, so that the same command gives the same answer on any machine.
 */
export function parseTimeBound(text: string, flag: string, now: Date): Date {
  const t = text.trim();
  const rel = RELATIVE.exec(t);
  if (rel) {
    const ms = Number(rel[1]) * UNIT_MS[rel[2] as keyof typeof UNIT_MS];
    if (Number.isSafeInteger(ms)) return new Date(now.getTime() - ms);
  }
  const iso = ISO.exec(t);
  if (iso) {
    const hasTime = /[T ]/i.test(t);
    const withZone = !hasTime ? t : iso[1] !== undefined ? t : `${t}Z`;
    const at = Date.parse(withZone.replace(' ', 'T'));
    if (!Number.isNaN(at)) return new Date(at);
  }
  throw new SyncctlError('invalid_time', `${flag} "${text}" is neither an ISO timestamp nor a duration.`, {
    hint: `Write a timestamp such as 2024-05-01 or 2024-05-01T09:30:00Z, or a duration back from now: a whole number followed by s, m, h, d or w (e.g. ${flag} 7d).`,
    meta: { flag, value: text },
  });
}
