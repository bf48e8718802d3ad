// Push handlers by connector kind. A connector whose app notifies in a format of its own (a
// HubSpot connection's signed webhook batches, say) gets a handler file beside these and an
// entry in HANDLERS; every other connector takes the generic JSON format.
import { genericJsonHook } from './generic-json.js';
import { hubspotHook } from './hubspot.js';
import type { HookHandler } from './types.js';

export type { HookChange, HookHandler, HookParseResult, HookRefusal, HookRequest } from './types.js';
export { genericJsonHook, EXAMPLE_BODY } from './generic-json.js';

const HANDLERS: ReadonlyMap<string, HookHandler> = new Map<string, HookHandler>([
  ['sqlite', genericJsonHook],
  ['hubspot', hubspotHook],
]);

/** The push handler for a connector kind (the generic JSON one when it has none of its own). */
export function hookHandlerFor(connector: string): HookHandler {
  return HANDLERS.get(connector) ?? genericJsonHook;
}
