// HubSpot webhook v3 deliveries to POST /hooks/<hubspot connection>: the signature is verified
// before anything else (401 otherwise), then the events — creations, property changes,
// deletions, merges, restores and association changes — become "these records changed".
import { resolveEnvRefs } from '../../config/env.js';
import { parseHubspotWebhookEvents, verifyHubspotWebhook } from '../../connectors/hubspot/webhook.js';
import type { HookChange, HookHandler, HookParseResult, HookRequest } from './types.js';

/**
 * The URI HubSpot signed: the one it posted to. Behind a TLS-terminating proxy that is the
 * proxy's address, which the proxy passes on in X-Forwarded-Proto / X-Forwarded-Host.
 */
function requestUri(request: HookRequest): string {
  const first = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value)?.split(',')[0]?.trim();
  const proto = first(request.headers['x-forwarded-proto']) ?? 'http';
  const host = first(request.headers['x-forwarded-host']) ?? first(request.headers.host) ?? 'localhost';
  return `${proto}://${host}${request.url}`;
}

/** Verifies and parses a HubSpot webhook delivery. */
export const hubspotHook: HookHandler = {
  connector: 'hubspot',
  parse(request: HookRequest): HookParseResult {
    const ref = request.connection.options['webhookSecret'];
    const secret = typeof ref === 'string' ? resolveEnvRefs(ref, request.env).value : undefined;
    if (typeof secret !== 'string' || secret === '' || secret.includes('${env:')) {
      return {
        ok: false,
        status: 403,
        code: 'webhook_secret_missing',
        message: `Connection ${request.connection.name} has no usable webhookSecret, so HubSpot deliveries cannot be verified and are refused.`,
        hint: 'Set options.webhookSecret: "${env:NAME}" on the connection to the app\'s client secret, with NAME set where the runner runs.',
      };
    }
    const body = request.body.toString('utf8');
    const verdict = verifyHubspotWebhook({ method: 'POST', uri: requestUri(request), body, headers: request.headers, secret });
    if (!verdict.ok) return { ok: false, status: 401, code: `webhook_${verdict.reason}`, message: verdict.message };
    let changes: HookChange[];
    try {
      // Deleted records are pushed like changed ones: reading them by id finds them gone. An
      // association change (contact/company/deal.associationChange) pushes its from record: the
      // pass re-reads that record and the associations around it.
      changes = parseHubspotWebhookEvents(body).map(({ object, ids }) => ({ object, ids }));
    } catch (err) {
      return {
        ok: false,
        status: 400,
        code: 'invalid_body',
        message: `The delivery is not a HubSpot webhook batch: ${err instanceof Error ? err.message : String(err)}`,
        hint: 'HubSpot posts a JSON array of events with subscriptionType and objectId.',
      };
    }
    // HubSpot retries a delivery that is not answered with 2xx: events of objects no sync uses are skipped.
    return { ok: true, changes, ignoreUnknownObjects: true };
  },
};
