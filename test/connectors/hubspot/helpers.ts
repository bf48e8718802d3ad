// The HubSpot connector against the real local emulator on 127.0.0.1: starting one, building a
// connector for it, and putting records in behind the connector's back.
import { type HubspotConnectorSettings, createHubspotConnector, type HubspotConnector } from '../../../src/connectors/hubspot/index.js';
import type { Properties } from '../../../src/connectors/types.js';
import { type HubspotEmulator, type HubspotEmulatorOptions, type ObjectTypeName, startHubspotEmulator } from '../../../src/emulator/hubspot/index.js';

export const TOKEN = 'pat-na1-connector-test-token';

/** An emulator that records exchanges; limits are off unless a test asks for them. */
export function startEmulator(options: HubspotEmulatorOptions = {}): Promise<HubspotEmulator> {
  return startHubspotEmulator({ rateLimit: false, searchRateLimit: false, dailyLimit: false, record: true, token: TOKEN, ...options });
}

/**
 * Fast retries and pauses, and no client-side search limit (the emulator's limits are off too),
 * so that tests finish quickly; tests of the limits use the shipped settings.
 */
export const FAST: HubspotConnectorSettings = { backoffBaseMs: 5, backoffMaxMs: 50, throttleBaseMs: 5, throttleMaxMs: 40, marginMs: 0, limits: { searchMax: 10_000 } };

/** A connector for the emulator. */
export function connectorFor(em: { url: string }, settings: HubspotConnectorSettings = FAST, options: Record<string, unknown> = {}): HubspotConnector {
  return createHubspotConnector({ token: TOKEN, baseUrl: em.url, tier: 'professional', ...options }, { connection: 'hub', baseDir: process.cwd() }, settings);
}

/** HubSpot's wire form of values: strings. */
function wire(properties: Properties): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(properties)) if (v !== null) out[k] = String(v);
  return out;
}

/** Creates records directly in the emulator (no HTTP, no limits), all last modified at `updatedAt`; returns their ids. */
export function seed(em: HubspotEmulator, type: ObjectTypeName, records: readonly Properties[], updatedAt?: string | number): string[] {
  const ids: string[] = [];
  for (let i = 0; i < records.length; i += 1000) {
    const created = em.crm.createMany(type, records.slice(i, i + 1000).map((p) => ({ properties: wire(p) })), { silent: true });
    ids.push(...created.map((r) => r.id));
  }
  if (updatedAt !== undefined) em.setLastModified(type, ids, updatedAt);
  return ids;
}

/** Active records of a type in the emulator. */
export function countIn(em: HubspotEmulator, type: ObjectTypeName): number {
  return em.store.count(type, false);
}

/** Every item of an async iterable. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** API exchanges (not the emulator's own routes) whose route template is `route`. */
export function exchangesOf(em: HubspotEmulator, route?: string): ReturnType<HubspotEmulator['exchanges']> {
  return em.exchanges().filter((e) => !e.path.startsWith('/_emulator/') && (route === undefined || e.route === route));
}
