// The client side of HubSpot's request limits: a rolling window per token (TEN_SECONDLY_ROLLING),
// a daily budget (DAILY) and search's own per-second window (SECONDLY). Requests wait for a
// slot instead of being refused, the window follows the X-HubSpot-RateLimit-* headers, and a
// 429 pauses everyone sharing the token, growing from a short pause to a whole window.
import { setTimeout as sleepFor } from 'node:timers/promises';
import { SyncctlError } from '../../errors/syncctl-error.js';
import type { RateLimits } from './options.js';

/** Time as the limiter sees it; tests pass their own. */
export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The wall clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => sleepFor(ms, undefined, signal ? { signal } : undefined),
};

/** The kinds of request HubSpot limits separately. */
export type RequestKind = 'standard' | 'search';

const DAY_MS = 86_400_000;

/**
 * The requests a rolling window counts. Unlike a refilling token bucket, this never lets more
 * than `max` requests fall within any `intervalMs`, which is exactly what a rolling server-side
 * window counts (a full bucket plus its refill would overshoot it). A request holds its slot
 * while in flight and then for `intervalMs` after its answer arrived: the server counted it at
 * some moment before it answered, so however slow the network, the server's window has let go
 * of it by then.
 */
export class RollingWindow {
  private done: number[] = [];
  private inFlight = 0;

  constructor(
    public max: number,
    public intervalMs: number,
  ) {}

  /** Requests counted in the window ending at `now` (in flight included). */
  used(now: number): number {
    let drop = 0;
    while (drop < this.done.length && (this.done[drop] as number) <= now - this.intervalMs) drop += 1;
    if (drop > 0) this.done = this.done.slice(drop);
    return this.inFlight + this.done.length;
  }

  /** Takes a slot and returns 0, or returns how many ms to wait before asking again. */
  reserve(now: number): number {
    const used = this.used(now);
    if (used < this.max) {
      this.inFlight += 1;
      return 0;
    }
    // The slot frees when enough answered requests have left the window; while every slot is
    // still in flight, look again shortly.
    const oldest = this.done[used - this.max];
    return oldest === undefined ? 25 : Math.max(1, oldest + this.intervalMs - now);
  }

  /** The answer to a reserved request arrived at `now` (or the attempt ended without one). */
  settle(now: number): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.done.push(now);
  }

  /** Counts requests the server saw but this client did not send (other clients of the same token). */
  align(serverUsed: number, now: number): void {
    const missing = Math.min(this.max, serverUsed) - this.used(now);
    for (let i = 0; i < missing; i += 1) this.done.push(now);
  }
}

/** Settings of the budget besides the limits themselves. */
export interface BudgetSettings {
  /** Added to the window for timer and clock granularity (default 50 ms). */
  marginMs?: number;
  /** First pause after a 429 without Retry-After; each further 429 in a row doubles it, up to one window. */
  throttleBaseMs?: number;
  /** Longest pause after a 429 without Retry-After (default: the whole window). */
  throttleMaxMs?: number;
  /** Connection name, for messages. */
  connection?: string;
}

/** The request budget of one token, shared by all requests of a connector. */
export class RequestBudget {
  private readonly window: RollingWindow;
  private readonly search: RollingWindow;
  private readonly marginMs: number;
  private readonly throttleBaseMs: number;
  private readonly throttleMaxMs: number | undefined;
  private pausedUntil = 0;
  private searchPausedUntil = 0;
  private throttledInARow = 0;
  private day = -1;
  private dailyUsed = 0;
  private dailyLimit: number;
  private dailyExhaustedUntil = 0;
  private readonly connection: string;

  constructor(
    limits: RateLimits,
    private readonly clock: Clock = systemClock,
    settings: BudgetSettings = {},
  ) {
    this.marginMs = settings.marginMs ?? 50;
    this.throttleBaseMs = settings.throttleBaseMs ?? 1_000;
    this.throttleMaxMs = settings.throttleMaxMs;
    this.window = new RollingWindow(limits.windowMax, limits.windowMs + this.marginMs);
    this.search = new RollingWindow(limits.searchMax, limits.searchWindowMs + this.marginMs);
    this.dailyLimit = limits.daily;
    this.connection = settings.connection ?? 'hubspot';
  }

  /** The window in force: requests per interval (as the server last reported it). */
  get limits(): { windowMax: number; windowMs: number; daily: number } {
    return { windowMax: this.window.max, windowMs: this.window.intervalMs - this.marginMs, daily: this.dailyLimit };
  }

  /**
   * Waits until a request of `kind` may start, and counts it; call the returned function once
   * its answer arrived (or the attempt failed). Throws `rate_limited` when the day's budget is spent.
   */
  async acquire(kind: RequestKind, signal?: AbortSignal): Promise<() => void> {
    for (;;) {
      signal?.throwIfAborted();
      const now = this.clock.now();
      this.checkDaily(now);
      const paused = (kind === 'search' ? this.searchPausedUntil : this.pausedUntil) - now;
      if (paused > 0) {
        await this.clock.sleep(paused, signal);
        continue;
      }
      const window = kind === 'search' ? this.search : this.window;
      const wait = window.reserve(now);
      if (wait > 0) {
        await this.clock.sleep(wait, signal);
        continue;
      }
      this.dailyUsed += 1;
      let settled = false;
      return () => {
        if (!settled) window.settle(this.clock.now());
        settled = true;
      };
    }
  }

  /** Adapts to HubSpot's X-HubSpot-RateLimit-* headers of an answer. */
  observe(headers: Headers): void {
    const now = this.clock.now();
    const num = (name: string): number | undefined => {
      const raw = headers.get(name);
      const n = raw === null || raw.trim() === '' ? NaN : Number(raw);
      return Number.isFinite(n) && n >= 0 ? n : undefined;
    };
    const max = num('x-hubspot-ratelimit-max');
    const interval = num('x-hubspot-ratelimit-interval-milliseconds');
    if (max !== undefined && max > 0) this.window.max = max;
    if (interval !== undefined && interval > 0) this.window.intervalMs = interval + this.marginMs;
    const remaining = num('x-hubspot-ratelimit-remaining');
    if (remaining !== undefined) this.window.align(this.window.max - remaining, now);
    const daily = num('x-hubspot-ratelimit-daily');
    if (daily !== undefined && daily > 0) this.dailyLimit = daily;
    const dailyRemaining = num('x-hubspot-ratelimit-daily-remaining');
    if (dailyRemaining !== undefined) {
      this.rollDay(now);
      this.dailyUsed = Math.max(0, this.dailyLimit - dailyRemaining);
    }
  }

  /** Any answer that was not a 429: the next 429 starts from a short pause again. */
  succeeded(): void {
    this.throttledInARow = 0;
  }

  /**
   * Records a 429 and pauses the requests it concerns; returns the pause in ms. DAILY throws
   * `rate_limited` (nothing will succeed before the next day).
   */
  throttled(kind: RequestKind, policy: string | undefined, retryAfterMs: number | undefined): number {
    const now = this.clock.now();
    if (policy === 'DAILY') {
      this.dailyExhaustedUntil = nextUtcMidnight(now);
      this.checkDaily(now);
    }
    this.throttledInARow += 1;
    if (policy === 'SECONDLY' || (policy === undefined && kind === 'search')) {
      const pause = retryAfterMs ?? this.search.intervalMs;
      this.searchPausedUntil = Math.max(this.searchPausedUntil, now + pause);
      return pause;
    }
    const grown = this.throttleBaseMs * 2 ** Math.min(this.throttledInARow - 1, 16);
    const pause = retryAfterMs ?? Math.round(Math.min(this.throttleMaxMs ?? this.window.intervalMs, grown) * (1 + Math.random() * 0.1));
    this.pausedUntil = Math.max(this.pausedUntil, now + pause);
    return pause;
  }

  private rollDay(now: number): void {
    const day = Math.floor(now / DAY_MS);
    if (day !== this.day) {
      this.day = day;
      this.dailyUsed = 0;
    }
  }

  private checkDaily(now: number): void {
    this.rollDay(now);
    const spent = this.dailyUsed >= this.dailyLimit;
    if (now >= this.dailyExhaustedUntil && !spent) return;
    const resumeAt = new Date(Math.max(this.dailyExhaustedUntil, spent ? nextUtcMidnight(now) : 0)).toISOString();
    throw new SyncctlError('rate_limited', `connection "${this.connection}": HubSpot's daily request limit (${this.dailyLimit}) is used up; requests resume after ${resumeAt}.`, {
      hint: 'The daily budget renews at midnight. Raise the account tier (or buy the API limit increase) if this keeps happening.',
      meta: { connection: this.connection, category: 'rate_limited', policy: 'DAILY', retryable: false, resumeAt },
    });
  }
}

function nextUtcMidnight(now: number): number {
  return (Math.floor(now / DAY_MS) + 1) * DAY_MS;
}
