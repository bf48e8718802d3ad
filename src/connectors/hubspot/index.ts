// The HubSpot connector's public face: its factory (what the registry holds), a direct
// constructor for callers that need HubSpot-only extras (associations, archived listing), and
// the webhook v3 helpers the runner's push endpoint uses.
import type { ConnectorContext, ConnectorFactory } from '../types.js';
import { HubspotConnector, type HubspotConnectorSettings } from './hubspot-connector.js';
import { parseHubspotOptions } from './options.js';

export { HubspotConnector, type HubspotConnectorSettings } from './hubspot-connector.js';
export { DEFAULT_BASE_URL, DEFAULT_TIER, TIER_LIMITS, type HubspotTier, type RateLimits } from './options.js';
export { ASSOCIATION_TYPES, associationTypeIds, type AssociationInput, type AssociationLink, type AssociationResult, type AssociationTypeIds } from './associations.js';
export { DEFAULT_OVERLAP_MS } from './changes.js';
export type { ArchivedPage, ArchivedRecord } from './list.js';
export { parseHubspotWebhookEvents, verifyHubspotWebhook, type HubspotWebhookChange, type HubspotWebhookRequest, type HubspotWebhookVerdict } from './webhook.js';

/** Builds a HubSpot connector; nothing is sent until a method is called. */
export function createHubspotConnector(options: Readonly<Record<string, unknown>>, context: ConnectorContext, settings: HubspotConnectorSettings = {}): HubspotConnector {
  return new HubspotConnector(parseHubspotOptions(context.connection, options), context, settings);
}

/** The HubSpot connector as the registry lists it: the token and the webhook secret are secrets. */
export const hubspotConnectorFactory: ConnectorFactory = {
  name: 'hubspot',
  secretOptions: ['token', 'webhookSecret'],
  create: (options, context) => createHubspotConnector(options, context),
};
