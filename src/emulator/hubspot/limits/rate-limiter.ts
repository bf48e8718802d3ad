// HubSpot's request limits per token: a rolling window (TEN_SECONDLY_ROLLING, e.g. 190 per
// 10 s), a daily budget, and the search endpoints' own limit (5 per second). Requests refused
// with 429 are not counted, so a client that backs off recovers once the window rolls on.
import type { RatePolicy } from '../errors.js';

/** A number of requests per interval. */
export interface RateWindow {
  max: number;
  intervalMs: number;
}

/** The limits one emulator enforces; `false` switches a limit off. */
export interface RateLimits {
  window: RateWindow | false;
  daily: number | false;
  search: RateWindow | false;
}

/** The outcome of one request's check. */
export type RateDecision = { ok: true; headers: Record<string, string> } | { ok: false; policy: RatePolicy; headers: Record<string, string> };

/** The default limits: HubSpot's Professional/Enterprise private-app tier. */
export const DEFAULT_LIMITS: RateLimits = {
  window: { max: 190, intervalMs: 10_000 },
  daily: 625_000,
  search: { max: 5, intervalMs: 1_000 },
};

const DAY_MS = 86_400_000;

/** Timestamps of accepted requests inside a rolling window. */
class Window {
  private readonly times: number[] = [];
  private head = 0;

  constructor(private readonly limit: RateWindow) {}

  used(now: number): number {
    while (this.head < this.times.length && (this.times[this.head] as number) <= now - this.limit.intervalMs) this.head += 1;
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times.splice(0, this.head);
      this.head = 0;
    }
    return this.times.length - this.head;
  }

  add(now: number): void {
    this.times.push(now);
  }
}

interface TokenState {
  window?: Window;
  search?: Window;
  day: number;
  dailyUsed: number;
}

/** Checks and counts requests per token. `now` is injectable so tests need not wait. */
export class RateLimiter {
  private readonly tokens = new Map<string, TokenState>();

  constructor(
    private readonly limits: RateLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request of `kind` for `token`, or refuses it with the policy it broke. */
  check(token: string, kind: 'standard' | 'search'): RateDecision {
    const now = this.now();
    const state = this.state(token, now);
    const headers: Record<string, string> = {};
    const { window, daily, search } = this.limits;
    const dailyLeft = daily === false ? Infinity : daily - state.dailyUsed;
    if (daily !== false) {
      headers['X-HubSpot-RateLimit-Daily'] = String(daily);
      headers['X-HubSpot-RateLimit-Daily-Remaining'] = String(Math.max(0, dailyLeft - 1));
    }
    if (kind === 'search') {
      // HubSpot's search responses carry no X-HubSpot-RateLimit headers; only the 429 tells.
      if (dailyLeft <= 0) return { ok: false, policy: 'DAILY', headers: {} };
      if (search !== false && state.search && state.search.used(now) >= search.max) return { ok: false, policy: 'SECONDLY', headers: {} };
      state.search?.add(now);
      state.dailyUsed += 1;
      return { ok: true, headers: {} };
    }
    if (window !== false && state.window) {
      const used = state.window.used(now);
      headers['X-HubSpot-RateLimit-Max'] = String(window.max);
      headers['X-HubSpot-RateLimit-Interval-Milliseconds'] = String(window.intervalMs);
      headers['X-HubSpot-RateLimit-Remaining'] = String(Math.max(0, window.max - used - 1));
      if (used >= window.max) {
        headers['X-HubSpot-RateLimit-Remaining'] = '0';
        if (daily !== false) headers['X-HubSpot-RateLimit-Daily-Remaining'] = String(Math.max(0, dailyLeft));
        return { ok: false, policy: 'TEN_SECONDLY_ROLLING', headers };
      }
    }
    if (dailyLeft <= 0) {
      headers['X-HubSpot-RateLimit-Daily-Remaining'] = '0';
      return { ok: false, policy: 'DAILY', headers };
    }
    state.window?.add(now);
    state.dailyUsed += 1;
    return { ok: true, headers };
  }

  private state(token: string, now: number): TokenState {
    const day = Math.floor(now / DAY_MS);
    let state = this.tokens.get(token);
    if (!state) {
      state = {
        ...(this.limits.window === false ? {} : { window: new Window(this.limits.window) }),
        ...(this.limits.search === false ? {} : { search: new Window(this.limits.search) }),
        day,
        dailyUsed: 0,
      };
      this.tokens.set(token, state);
    }
    // The daily budget starts over at midnight UTC (HubSpot uses the account's time zone).
    if (state.day !== day) {
      state.day = day;
      state.dailyUsed = 0;
    }
    return state;
  }
}
