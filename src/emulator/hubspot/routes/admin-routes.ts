// The emulator's own routes under /_emulator/ — not HubSpot's API. They need no token, are
// never rate limited or faulted, and exist so tests and demos can steer the emulator over HTTP.
import type { CrmService } from '../crm/crm-service.js';
import { validationError } from '../errors.js';
import type { Route } from '../http/types.js';
import type { FaultInjector, FaultSettings } from '../limits/faults.js';
import { parseTimestamp } from '../properties/values.js';
import type { StatsCollector } from '../stats.js';
import { bodyObject, objectTypeParam } from './common.js';

/** What the admin routes steer. */
export interface AdminDeps {
  crm: CrmService;
  stats: StatsCollector;
  faults: FaultInjector;
  flushWebhooks: () => Promise<void>;
  /** Accept only this token from now on (undefined: any non-empty one). */
  setToken: (token: string | undefined) => void;
}

/** GET /_emulator/health, stats, faults; POST last-modified, faults, stats/reset, webhooks/flush, token. */
export function adminRoutes({ crm, stats, faults, flushWebhooks, setToken }: AdminDeps): Route[] {
  const open = { limit: 'none', open: true } as const;
  return [
    { ...open, method: 'GET', path: '/_emulator/health', handler: () => ({ status: 200, body: { ok: true, emulator: 'hubspot' } }) },
    { ...open, method: 'GET', path: '/_emulator/stats', handler: () => ({ status: 200, body: stats.snapshot() }) },
    {
      ...open,
      method: 'POST',
      path: '/_emulator/stats/reset',
      handler: () => {
        stats.reset();
        return { status: 204 };
      },
    },
    {
      ...open,
      method: 'POST',
      path: '/_emulator/objects/:objectType/last-modified',
      handler: (req) => {
        const type = objectTypeParam(req);
        const body = bodyObject(req, 'an object { "ids": [...] | "all", "timestamp": ISO or epoch ms }');
        const at = parseTimestamp(String(body.timestamp ?? ''));
        if (at === undefined) throw validationError('"timestamp" must be epoch milliseconds or ISO 8601.');
        const ids = body.ids === 'all' ? 'all' : Array.isArray(body.ids) ? body.ids.map(String) : undefined;
        if (ids === undefined) throw validationError('"ids" must be an array of record ids or "all".');
        return { status: 200, body: { updated: crm.setLastModified(type, ids, at) } };
      },
    },
    { ...open, method: 'GET', path: '/_emulator/faults', handler: () => ({ status: 200, body: faults.current() }) },
    {
      ...open,
      method: 'POST',
      path: '/_emulator/faults',
      handler: (req) => {
        const body = bodyObject(req, 'an object { errorRate?, latencyMs?, errorTiming?, seed?, burst429? }');
        const settings: Partial<FaultSettings> = {};
        if (typeof body.errorRate === 'number') settings.errorRate = body.errorRate;
        if (typeof body.latencyMs === 'number') settings.latencyMs = body.latencyMs;
        if (body.errorTiming === 'before' || body.errorTiming === 'after') settings.errorTiming = body.errorTiming;
        if (typeof body.seed === 'number') settings.seed = body.seed;
        try {
          faults.set(settings);
        } catch (err) {
          throw validationError((err as Error).message);
        }
        if (typeof body.burst429 === 'number') faults.burst429(body.burst429);
        return { status: 200, body: faults.current() };
      },
    },
    {
      // Revokes or rotates the token clients use: requests with any other token get 401.
      ...open,
      method: 'POST',
      path: '/_emulator/token',
      handler: (req) => {
        const { token } = bodyObject(req, 'an object { "token": "the only token to accept" | null }');
        if (token !== null && (typeof token !== 'string' || token.trim() === '')) {
          throw validationError('"token" must be a non-empty string (accept only that token) or null (accept any non-empty token).');
        }
        setToken(token === null ? undefined : token.trim());
        return { status: 204 };
      },
    },
    {
      ...open,
      method: 'POST',
      path: '/_emulator/webhooks/flush',
      handler: async () => {
        await flushWebhooks();
        return { status: 204 };
      },
    },
  ];
}
