// What the HubSpot connector's parts share: the HTTP client, the connection's name, the field
// types of each object (from one describe per object and connector), and how many requests
// may run side by side.
import type { ObjectDescription } from '../types.js';
import type { HubspotHttpClient } from './http-client.js';
import type { FieldTypes } from './values.js';
import { LAST_MODIFIED } from './values.js';

/** The shared state of one connector instance. */
export interface HubspotContext {
  readonly http: HubspotHttpClient;
  readonly connection: string;
  /** Requests one call may have in flight at once. */
  readonly concurrency: number;
  /** The object's description (cached per connector). */
  describe(object: string): Promise<ObjectDescription>;
}

/** HubSpot's largest batch (read, create, update, archive, associations). */
export const BATCH_SIZE = 100;

/** Field types by name, from the cached description. */
export async function fieldTypes(ctx: HubspotContext, object: string): Promise<FieldTypes> {
  const d = await ctx.describe(object);
  return new Map(d.fields.map((f) => [f.name, f.type]));
}

/**
 * The properties to ask HubSpot for: the requested ones plus the last-modified time, or every
 * described property when none were named (HubSpot would otherwise send only a default few).
 */
export async function propertiesToRequest(ctx: HubspotContext, object: string, requested: readonly string[] | undefined): Promise<string[]> {
  const names = requested && requested.length > 0 ? requested : (await ctx.describe(object)).fields.map((f) => f.name);
  return [...new Set([...names, LAST_MODIFIED])];
}
