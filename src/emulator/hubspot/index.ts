// A local HubSpot: a real HTTP server that answers the CRM API's contacts, companies, deals,
// search, batch, associations v4 and properties endpoints with HubSpot's shapes, limits and
// errors. `syncctl emulator hubspot` runs it; tests and the hubspot connector start it here.
import type { AddressInfo } from 'node:net';
import { SyncctlError } from '../../errors/syncctl-error.js';
import { registerSecret } from '../../log/redact.js';
import { associationType } from './crm/association-types.js';
import { CrmService } from './crm/crm-service.js';
import { type RecordedExchange, createApiServer } from './http/server.js';
import { FaultInjector } from './limits/faults.js';
import { DEFAULT_LIMITS, RateLimiter } from './limits/rate-limiter.js';
import { OBJECT_TYPES, type ObjectTypeName } from './object-types.js';
import type { HubspotEmulatorOptions } from './options.js';
import { parseTimestamp } from './properties/values.js';
import { adminRoutes } from './routes/admin-routes.js';
import { associationRoutes } from './routes/associations-routes.js';
import { batchRoutes } from './routes/batch-routes.js';
import { objectRoutes } from './routes/objects-routes.js';
import { propertiesRoutes } from './routes/properties-routes.js';
import { searchRoutes } from './routes/search-routes.js';
import { type SeedResult, seedDemoData } from './seed.js';
import { type EmulatorStats, StatsCollector } from './stats.js';
import { withAssociationEvents } from './store/association-events.js';
import { type EmulatorStore, openStore } from './store/index.js';
import { WebhookDispatcher } from './webhooks/dispatcher.js';

export type { HubspotEmulatorOptions } from './options.js';
export { parseCount, parseDuration, parseRate, parseRateLimit } from './options.js';
export type { EmulatorStats } from './stats.js';
export type { RecordedExchange } from './http/server.js';
export type { EmulatorStore, StoredObject, AssociationEdge } from './store/index.js';
export type { FaultInjector, FaultSettings } from './limits/faults.js';
export type { RateWindow } from './limits/rate-limiter.js';
export type { WebhookEvent, WebhookOptions } from './webhooks/dispatcher.js';
export { CrmService } from './crm/crm-service.js';
export { associationType, type AssociationTypeDef } from './crm/association-types.js';
export { OBJECT_TYPES, type ObjectTypeName } from './object-types.js';
export { seedDemoData, type SeedOptions, type SeedResult } from './seed.js';
export * from '../../connectors/hubspot/signature.js';

/** The portal id the emulator reports unless told otherwise. */
export const DEFAULT_PORTAL_ID = 62515;

/** A running emulator. */
export interface HubspotEmulator {
  /** Base URL to give a client, e.g. http://127.0.0.1:4010 (no trailing slash). */
  readonly url: string;
  readonly port: number;
  /** The raw data (no validation, no webhooks): for bulk fixtures and assertions. */
  readonly store: EmulatorStore;
  /** The same validated operations the HTTP API runs. */
  readonly crm: CrmService;
  /** Fault injection, adjustable while running. */
  readonly faults: FaultInjector;
  /** What `--seed demo` created; undefined when nothing was seeded. */
  readonly seeded: SeedResult | undefined;
  stats(): EmulatorStats;
  resetStats(): void;
  /** Requests and answers so far (only with `record: true`). */
  exchanges(): RecordedExchange[];
  clearExchanges(): void;
  /**
   * Accepts only this bearer token from now on (undefined: any non-empty one): revokes or
   * rotates the token a running sync uses, to see how it reacts.
   */
  setToken(token: string | undefined): void;
  /** Sets hs_lastmodifieddate of records (test-only; HubSpot sets it itself). */
  setLastModified(type: ObjectTypeName, ids: readonly string[] | 'all', when: Date | number | string): number;
  /** Sends queued webhook events now and waits for their deliveries. */
  flushWebhooks(): Promise<void>;
  close(): Promise<void>;
}

function toEpoch(when: Date | number | string): number {
  const ms = when instanceof Date ? when.getTime() : typeof when === 'number' ? when : parseTimestamp(when);
  if (ms === undefined || !Number.isFinite(ms)) throw new RangeError(`Not a timestamp: ${String(when)}`);
  return ms;
}

/** Starts the emulator and resolves once it listens. */
export async function startHubspotEmulator(options: HubspotEmulatorOptions = {}): Promise<HubspotEmulator> {
  const store = openStore(options.dataFile);
  const stats = new StatsCollector();
  const faults = new FaultInjector(options.faults);
  const limiter = new RateLimiter({
    window: options.rateLimit ?? DEFAULT_LIMITS.window,
    daily: options.dailyLimit ?? DEFAULT_LIMITS.daily,
    search: options.searchRateLimit ?? DEFAULT_LIMITS.search,
  });
  const webhooks = options.webhook
    ? new WebhookDispatcher({ portalId: options.portalId ?? DEFAULT_PORTAL_ID, appId: 1_000_001, ...options.webhook }, stats, options.logger)
    : undefined;
  const clock = options.clock ?? Date.now;
  // Seeding is silent: its associations send no webhooks, like its records.
  let seeding = false;
  const observed = withAssociationEvents(store, (edge, removed) => {
    if (seeding || !webhooks) return;
    const def = associationType(edge.typeId);
    webhooks.enqueue({
      kind: 'associationChange',
      objectType: edge.fromType,
      objectId: edge.fromId,
      occurredAt: clock(),
      association: { toObjectType: edge.toType, toObjectId: edge.toId, typeId: edge.typeId, removed, primary: def?.unlabeledTwin !== undefined },
    });
  });
  const crm = new CrmService({
    store: observed,
    clock,
    searchLagMs: options.searchLagMs ?? 0,
    onChange: (event) => webhooks?.enqueue(event),
  });
  const empty = OBJECT_TYPES.every((t) => store.count(t, false) + store.count(t, true) === 0);
  let seeded: SeedResult | undefined;
  seeding = true;
  try {
    seeded = options.seed === 'demo' && empty ? seedDemoData(crm) : undefined;
  } finally {
    seeding = false;
  }

  const recorded: RecordedExchange[] = [];
  const flushWebhooks = async (): Promise<void> => {
    await webhooks?.flush();
  };
  let acceptedToken = options.token;
  const setToken = (token: string | undefined): void => {
    if (token !== undefined) registerSecret(token);
    acceptedToken = token;
  };
  const deps = { crm };
  const server = createApiServer({
    routes: [
      ...objectRoutes(deps),
      ...batchRoutes(deps),
      ...searchRoutes(deps),
      ...associationRoutes(deps),
      ...propertiesRoutes(),
      ...adminRoutes({ crm, stats, faults, flushWebhooks, setToken }),
    ],
    token: () => acceptedToken,
    limiter,
    faults,
    stats,
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    ...(options.record ? { onExchange: (e: RecordedExchange) => void recorded.push(e) } : {}),
  });

  const host = options.host ?? '127.0.0.1';
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (cause) {
    store.close();
    await webhooks?.close();
    throw new SyncctlError('emulator_listen_failed', `The HubSpot emulator cannot listen on ${host}:${options.port ?? 0}: ${(cause as Error).message}`, {
      hint: 'Choose another --port (or stop what is using this one).',
      cause,
    });
  }
  const port = (server.address() as AddressInfo).port;
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;

  return {
    url: `http://${shownHost}:${port}`,
    port,
    store,
    crm,
    faults,
    seeded,
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    exchanges: () => [...recorded],
    clearExchanges: () => {
      recorded.length = 0;
    },
    setToken,
    setLastModified: (type, ids, when) => crm.setLastModified(type, ids, toEpoch(when)),
    flushWebhooks,
    close: () => {
      closing ??= (async () => {
        await webhooks?.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        store.close();
      })();
      return closing;
    },
  };
}
