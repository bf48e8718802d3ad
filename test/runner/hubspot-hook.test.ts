// HubSpot webhook v3 deliveries at the push endpoint: verified before anything else.
import { describe, expect, it } from 'vitest';
import type { Connection } from '../../src/config/model.js';
import { REQUEST_TIMESTAMP_HEADER, SIGNATURE_V3_HEADER, signV3 } from '../../src/connectors/hubspot/signature.js';
import { hookHandlerFor } from '../../src/runner/hooks/index.js';
import type { HookRequest } from '../../src/runner/hooks/types.js';

const SECRET = 'app-client-secret-for-tests';
const connection: Connection = {
  name: 'hubspot-eu',
  connector: 'hubspot',
  options: { token: '${env:HS_TOKEN}', webhookSecret: '${env:HS_WEBHOOK_SECRET}' },
  baseDir: '/tmp',
};
const events = [
  { eventId: 1, subscriptionType: 'contact.propertyChange', objectId: 101, occurredAt: 1, propertyName: 'email', propertyValue: 'a@b.c' },
  { eventId: 2, subscriptionType: 'contact.deletion', objectId: 102, occurredAt: 2 },
  { eventId: 3, subscriptionType: 'company.creation', objectId: 201, occurredAt: 3 },
];

function delivery(options: { body?: string; timestamp?: number; secret?: string; env?: Record<string, string> } = {}): HookRequest {
  const body = options.body ?? JSON.stringify(events);
  const timestamp = options.timestamp ?? Date.now();
  const url = '/hooks/hubspot-eu';
  const signature = signV3({ secret: options.secret ?? SECRET, method: 'POST', uri: `http://runner.example:8787${url}`, body, timestamp });
  return {
    connection,
    headers: { host: 'runner.example:8787', [SIGNATURE_V3_HEADER.toLowerCase()]: signature, [REQUEST_TIMESTAMP_HEADER.toLowerCase()]: String(timestamp) },
    body: Buffer.from(body),
    url,
    env: options.env ?? { HS_WEBHOOK_SECRET: SECRET },
  };
}

describe('the hubspot push handler', () => {
  const handler = hookHandlerFor('hubspot');

  it('accepts a signed delivery and names the changed and deleted records per object', async () => {
    const result = await handler.parse(delivery());
    expect(result).toEqual({
      ok: true,
      ignoreUnknownObjects: true,
      changes: [
        { object: 'contacts', ids: ['101'] },
        { object: 'contacts', ids: ['102'] },
        { object: 'companies', ids: ['201'] },
      ],
    });
  });

  it('turns contact, company and deal association changes into changes of their from records', async () => {
    const associationEvents = [
      // Associating contact 101 with company 201 fires one event per end, each under its own object.
      { eventId: 11, subscriptionType: 'contact.associationChange', occurredAt: 10, associationType: 'CONTACT_TO_COMPANY', fromObjectId: 101, toObjectId: 201, associationRemoved: false, isPrimaryAssociation: true },
      { eventId: 12, subscriptionType: 'company.associationChange', occurredAt: 10, associationType: 'COMPANY_TO_CONTACT', fromObjectId: 201, toObjectId: 101, associationRemoved: false, isPrimaryAssociation: false },
      { eventId: 13, subscriptionType: 'deal.associationChange', occurredAt: 11, associationType: 'DEAL_TO_CONTACT', fromObjectId: 301, toObjectId: 102, associationRemoved: true, isPrimaryAssociation: false },
      // A removed association of a record deleted before it does not bring the record back as changed.
      { eventId: 14, subscriptionType: 'contact.deletion', occurredAt: 12, objectId: 103 },
      { eventId: 15, subscriptionType: 'contact.associationChange', occurredAt: 13, associationType: 'CONTACT_TO_DEAL', fromObjectId: 103, toObjectId: 301, associationRemoved: true },
      // Without a from record there is nothing to re-read.
      { eventId: 16, subscriptionType: 'company.associationChange', occurredAt: 14, associationType: 'COMPANY_TO_DEAL' },
    ];
    const result = await handler.parse(delivery({ body: JSON.stringify(associationEvents) }));
    expect(result).toEqual({
      ok: true,
      ignoreUnknownObjects: true,
      changes: [
        { object: 'contacts', ids: ['101'] },
        { object: 'contacts', ids: ['103'] },
        { object: 'companies', ids: ['201'] },
        { object: 'deals', ids: ['301'] },
      ],
    });
    // Unsigned, the same events are refused like any other delivery.
    const unsigned = delivery({ body: JSON.stringify(associationEvents) });
    unsigned.headers = { host: 'runner.example:8787' };
    expect(await handler.parse(unsigned)).toMatchObject({ ok: false, status: 401, code: 'webhook_missing_signature' });
  });

  it('refuses a bad signature, a stale timestamp and a missing secret before reading the events', async () => {
    const bad = await handler.parse(delivery({ secret: 'someone-else' }));
    expect(bad).toMatchObject({ ok: false, status: 401, code: 'webhook_bad_signature' });
    const stale = await handler.parse(delivery({ timestamp: Date.now() - 6 * 60_000 }));
    expect(stale).toMatchObject({ ok: false, status: 401, code: 'webhook_stale_timestamp' });
    const tampered = delivery();
    tampered.body = Buffer.from(JSON.stringify([...events, { subscriptionType: 'contact.deletion', objectId: 999 }]));
    expect(await handler.parse(tampered)).toMatchObject({ ok: false, status: 401 });
    const noSecret = await handler.parse(delivery({ env: {} }));
    expect(noSecret).toMatchObject({ ok: false, status: 403, code: 'webhook_secret_missing' });
    expect(JSON.stringify([bad, stale, noSecret])).not.toContain(SECRET);
  });
});
