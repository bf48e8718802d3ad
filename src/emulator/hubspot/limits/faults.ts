// Fault injection for tests and demos: random 5xx at a given rate, added latency, and bursts of
// 429. With a seed the sequence of decisions is the same on every run.

/** The fault settings; all off by default. */
export interface FaultSettings {
  /** Fraction of API requests (0..1) answered with a 5xx. */
  errorRate: number;
  /** Milliseconds added before every API response. */
  latencyMs: number;
  /** Whether an injected 5xx happens before the request is carried out, or after (the write happened). */
  errorTiming: 'before' | 'after';
  /** Seed of the random sequence; undefined for a random one. */
  seed?: number;
}

/** What to do to one request. */
export interface FaultDecision {
  latencyMs: number;
  /** Answer 429 (a burst is in progress). */
  throttle: boolean;
  /** Answer with this 5xx status. */
  errorStatus?: number;
  errorTiming: 'before' | 'after';
}

const ERROR_STATUSES = [500, 502, 503, 504] as const;

/** Decides, request by request, which faults to inject. */
export class FaultInjector {
  private settings: FaultSettings;
  private random: () => number;
  private burstLeft = 0;

  constructor(settings: Partial<FaultSettings> = {}) {
    this.settings = { errorRate: 0, latencyMs: 0, errorTiming: 'before', ...settings };
    this.random = mulberry32(settings.seed ?? Math.floor(Math.random() * 2 ** 32));
  }

  /** Changes settings; a new seed restarts the random sequence. */
  set(settings: Partial<FaultSettings>): FaultSettings {
    if (settings.errorRate !== undefined && !(settings.errorRate >= 0 && settings.errorRate <= 1)) {
      throw new RangeError(`errorRate must be between 0 and 1; got ${settings.errorRate}`);
    }
    if (settings.latencyMs !== undefined && !(settings.latencyMs >= 0)) throw new RangeError(`latencyMs must be ≥ 0; got ${settings.latencyMs}`);
    this.settings = { ...this.settings, ...settings };
    if (settings.seed !== undefined) this.random = mulberry32(settings.seed);
    return this.current();
  }

  /** The next `count` API requests are answered with 429. */
  burst429(count: number): void {
    this.burstLeft = Math.max(0, Math.floor(count));
  }

  /** The settings in force, and how many burst 429s are left. */
  current(): FaultSettings & { burst429Left: number } {
    return { ...this.settings, burst429Left: this.burstLeft };
  }

  /** Draws the faults for one request. */
  decide(): FaultDecision {
    const { latencyMs, errorTiming, errorRate } = this.settings;
    if (this.burstLeft > 0) {
      this.burstLeft -= 1;
      return { latencyMs, throttle: true, errorTiming };
    }
    if (errorRate > 0 && this.random() < errorRate) {
      const status = ERROR_STATUSES[Math.floor(this.random() * ERROR_STATUSES.length)] ?? 500;
      return { latencyMs, throttle: false, errorStatus: status, errorTiming };
    }
    return { latencyMs, throttle: false, errorTiming };
  }
}

/** A small, fast, seedable PRNG (mulberry32) returning numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
