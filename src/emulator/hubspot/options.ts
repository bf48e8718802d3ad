// The emulator's options, and parsers for the CLI's text forms ("190/10s", "50ms").
import type { Logger } from 'pino';
import { SyncctlError } from '../../errors/syncctl-error.js';
import type { FaultSettings } from './limits/faults.js';
import type { RateWindow } from './limits/rate-limiter.js';
import type { WebhookOptions } from './webhooks/dispatcher.js';

/** Options of `startHubspotEmulator`; everything is optional. */
export interface HubspotEmulatorOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to listen on; loopback by default. */
  host?: string;
  /** Accept only this bearer token; any non-empty token when absent. */
  token?: string;
  /** Keep data in this SQLite file instead of memory. */
  dataFile?: string;
  /** Fill an empty emulator with deterministic demo data. */
  seed?: 'demo' | false;
  /** The rolling window (default 190 per 10 s); false switches it off. */
  rateLimit?: RateWindow | false;
  /** Requests per day and token (default 625,000); false switches it off. */
  dailyLimit?: number | false;
  /** The search endpoints' limit (default 5 per second); false switches it off. */
  searchRateLimit?: RateWindow | false;
  /** Fault injection (error rate, latency, error timing, seed). */
  faults?: Partial<FaultSettings>;
  /** Deliver change events as signed webhooks. portalId and appId default to the emulator's. */
  webhook?: Omit<WebhookOptions, 'portalId' | 'appId'> & Partial<Pick<WebhookOptions, 'portalId' | 'appId'>>;
  /** The data clock (epoch ms) for createdate and hs_lastmodifieddate; Date.now by default. */
  clock?: () => number;
  /** Writes show up in search this many ms later, like HubSpot's search index (default 0). */
  searchLagMs?: number;
  /** The portal (account) id reported in webhooks. */
  portalId?: number;
  /** Keep every request and answer for `exchanges()` (contract tests). */
  record?: boolean;
  logger?: Logger;
}

/** Parses "190/10s", "5/1s", "100/10000ms" or "off". */
export function parseRateLimit(text: string, flag = '--rate-limit'): RateWindow | false {
  const t = text.trim().toLowerCase();
  if (t === 'off' || t === 'none') return false;
  const match = /^(\d+)\s*\/\s*(\d*\.?\d*)\s*(ms|s|m)?$/.exec(t);
  const max = Number(match?.[1]);
  const amount = match?.[2] === '' ? 1 : Number(match?.[2]);
  const unit = match?.[3] ?? 's';
  const intervalMs = amount * (unit === 'ms' ? 1 : unit === 'm' ? 60_000 : 1_000);
  if (!match || !(max > 0) || !(intervalMs >= 1)) {
    throw new SyncctlError('emulator_bad_option', `${flag} "${text}" is not a rate limit.`, {
      hint: `Write requests per interval, e.g. ${flag} 190/10s, 100/10s or 5/1s, or "off".`,
    });
  }
  return { max, intervalMs: Math.round(intervalMs) };
}

/** Parses "50ms", "2s", "1m" or a bare number of milliseconds. */
export function parseDuration(text: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m)?$/.exec(text.trim().toLowerCase());
  if (!match) {
    throw new SyncctlError('emulator_bad_option', `${flag} "${text}" is not a duration.`, { hint: `Write e.g. ${flag} 50ms, ${flag} 2s or ${flag} 250.` });
  }
  const unit = match[2] ?? 'ms';
  return Math.round(Number(match[1]) * (unit === 'ms' ? 1 : unit === 's' ? 1_000 : 60_000));
}

/** Parses a fraction between 0 and 1 ("0.05" or "5%"). */
export function parseRate(text: string, flag: string): number {
  const t = text.trim();
  const value = t.endsWith('%') ? Number(t.slice(0, -1)) / 100 : Number(t);
  if (t === '' || !(value >= 0 && value <= 1)) {
    throw new SyncctlError('emulator_bad_option', `${flag} "${text}" is not a rate between 0 and 1.`, { hint: `Write e.g. ${flag} 0.05 or ${flag} 5%.` });
  }
  return value;
}

/** Parses a non-negative integer option. */
export function parseCount(text: string, flag: string): number {
  const value = Number(text.trim());
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new SyncctlError('emulator_bad_option', `${flag} "${text}" is not a whole number.`, { hint: `Write e.g. ${flag} 10.` });
  }
  return value;
}
