// Counters tests and benchmarks read: requests by route and status, 429s by policy, injected
// faults, and webhook deliveries.

/** A snapshot of the emulator's counters. */
export interface EmulatorStats {
  requests: number;
  /** When the first and the latest HubSpot API request arrived (epoch ms; the emulator's own routes left out): throughput = API requests / their span. */
  apiSpan: { first: number; last: number } | null;
  /** Keyed by "METHOD /route/template". */
  byRoute: Record<string, number>;
  byStatus: Record<string, number>;
  rateLimited: { total: number; byPolicy: Record<string, number> };
  faults: { errors: number; throttled: number };
  webhooks: { batches: number; events: number; failedAttempts: number; droppedEvents: number };
}

/** Mutable counters behind `stats()`. */
export class StatsCollector {
  private data: EmulatorStats = StatsCollector.empty();

  private static empty(): EmulatorStats {
    return {
      requests: 0,
      apiSpan: null,
      byRoute: {},
      byStatus: {},
      rateLimited: { total: 0, byPolicy: {} },
      faults: { errors: 0, throttled: 0 },
      webhooks: { batches: 0, events: 0, failedAttempts: 0, droppedEvents: 0 },
    };
  }

  /** Counts one answered request; `api` is false for the emulator's own routes. `at` is when it arrived. */
  request(routeKey: string, status: number, api = true, at = Date.now()): void {
    this.data.requests += 1;
    if (api) this.data.apiSpan = { first: this.data.apiSpan?.first ?? at, last: Math.max(this.data.apiSpan?.last ?? at, at) };
    this.data.byRoute[routeKey] = (this.data.byRoute[routeKey] ?? 0) + 1;
    this.data.byStatus[String(status)] = (this.data.byStatus[String(status)] ?? 0) + 1;
  }

  rateLimited(policy: string): void {
    this.data.rateLimited.total += 1;
    this.data.rateLimited.byPolicy[policy] = (this.data.rateLimited.byPolicy[policy] ?? 0) + 1;
  }

  faultError(): void {
    this.data.faults.errors += 1;
  }

  faultThrottle(): void {
    this.data.faults.throttled += 1;
  }

  webhookDelivered(events: number): void {
    this.data.webhooks.batches += 1;
    this.data.webhooks.events += events;
  }

  webhookFailed(): void {
    this.data.webhooks.failedAttempts += 1;
  }

  webhookDropped(events: number): void {
    this.data.webhooks.droppedEvents += events;
  }

  /** A deep copy of the counters. */
  snapshot(): EmulatorStats {
    return structuredClone(this.data);
  }

  reset(): void {
    this.data = StatsCollector.empty();
  }
}
